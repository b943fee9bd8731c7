import { useState } from 'react'
import { useCreateProject, useProjects } from '../api/hooks'
import { Badge, Spinner } from '../ui/bits'
import { Dialog } from '../ui/Dialog'
import { recentFolders, rememberFolder, useFolder } from './queries'

/** Open project: browse the server's folders (the home folder and the workspace), or type a
 * path; a folder opens only once the server says it is a dg project. */
export function OpenProjectDialog({ onClose, onOpened }: { onClose: () => void; onOpened: (id: string) => void }) {
  const [folder, setFolder] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const listing = useFolder(folder)
  // the browsable roots stay offered while a typed path is refused
  const roots = useFolder(null).data?.roots ?? []
  const projects = useProjects()
  const open = useCreateProject()
  const current = listing.data
  const go = (path: string) => {
    setFolder(path)
    setTyped(path)
    open.reset()
  }
  const recent = [...new Set([...recentFolders(), ...(projects.data?.map((p) => p.path) ?? [])])].slice(0, 8)
  const submit = () => {
    if (!current?.is_project || open.isPending) return
    const path = current.path
    open.mutate(
      { path },
      {
        onSuccess: (project) => {
          rememberFolder(path)
          onOpened(project.id)
        },
      },
    )
  }
  return (
    <Dialog
      title="Open a dg project"
      width={640}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!current?.is_project || open.isPending} onClick={submit}>
            Open
          </button>
        </>
      }
    >
      <div className="folder-picker">
        <form
          className="folder-path-row"
          onSubmit={(event) => {
            event.preventDefault()
            if (typed.trim()) go(typed.trim())
          }}
        >
          <input
            id="open-project-path"
            aria-label="Folder path"
            className="text mono"
            autoFocus
            value={typed}
            placeholder={current?.path ?? '/home/me/code/my_project'}
            onChange={(event) => setTyped(event.target.value)}
          />
          <button className="button" type="submit" disabled={!typed.trim()}>
            Go
          </button>
        </form>
        <div className="folder-shortcuts">
          {current?.parent && (
            <button className="button small" onClick={() => go(current.parent ?? '')}>
              ↑ Up
            </button>
          )}
          {roots.map((root) => (
            <button key={root} className="button small mono" onClick={() => go(root)}>
              {root}
            </button>
          ))}
        </div>
        {recent.length > 0 && (
          <div className="folder-shortcuts" aria-label="Recent folders">
            <span className="muted">Recent:</span>
            {recent.map((path) => (
              <button key={path} className="button small mono" title={path} onClick={() => go(path)}>
                {path.split('/').filter(Boolean).pop() ?? path}
              </button>
            ))}
          </div>
        )}
        {listing.isPending && <Spinner label="Reading the folder" />}
        {listing.error && <div className="field-error">{listing.error.message}</div>}
        {current && (
          <>
            <div className="folder-verdict" data-project={current.is_project}>
              <span className="mono">{current.path}</span>{' '}
              {current.is_project ? (
                <Badge tone="ok">dg project</Badge>
              ) : (
                <span className="muted">{current.reason}</span>
              )}
            </div>
            <ul className="folder-list" aria-label="Folders">
              {current.entries.map((entry) => (
                <li key={entry.path}>
                  <button onClick={() => go(entry.path)} onDoubleClick={() => go(entry.path)}>
                    <span className="mono">{entry.name}/</span>
                    {entry.is_project && <Badge tone="ok">dg project</Badge>}
                  </button>
                </li>
              ))}
              {current.entries.length === 0 && <li className="muted">No folders here.</li>}
            </ul>
            {current.truncated && <div className="muted">Only the first folders are shown: type a path.</div>}
          </>
        )}
        <div className="field-help">
          Opened in place: nothing is copied. Without a <code>.venv</code>, the designer builds one with{' '}
          <code>uv sync</code>. Only folders under the home folder and the workspace can be browsed.
        </div>
        {open.error && <div className="field-error">{open.error.message}</div>}
      </div>
    </Dialog>
  )
}
