import { useState } from 'react'
import { useCreateProject, useProjects } from '../api/hooks'
import { Badge, Spinner } from '../ui/bits'
import { Dialog } from '../ui/Dialog'
import { recentFolders, rememberFolder, useFolder, useOpenWorkspace } from './queries'
import { workspaceBlocker, workspaceSummary } from './workspaces'

interface OpenProjectDialogProps {
  onClose: () => void
  onOpened: (id: string) => void
  onOpenedWorkspace: () => void
}

/** Open project: browse the server's folders (the home folder and the workspace), or type a
 * path; a folder opens only once the server says it is a dg project, or a dg workspace whose
 * projects can all be opened (then it opens them all). */
export function OpenProjectDialog({ onClose, onOpened, onOpenedWorkspace }: OpenProjectDialogProps) {
  const [folder, setFolder] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const listing = useFolder(folder)
  // the browsable roots stay offered while a typed path is refused
  const roots = useFolder(null).data?.roots ?? []
  const projects = useProjects()
  const open = useCreateProject()
  const openWorkspace = useOpenWorkspace()
  const current = listing.data
  const workspace = current?.workspace ?? null
  const blocker = workspace ? workspaceBlocker(workspace) : null
  const canOpen = (current?.is_project || (workspace !== null && blocker === null)) && !open.isPending && !openWorkspace.isPending
  const go = (path: string) => {
    setFolder(path)
    setTyped(path)
    open.reset()
    openWorkspace.reset()
  }
  const recent = [...new Set([...recentFolders(), ...(projects.data?.map((p) => p.path) ?? [])])].slice(0, 8)
  const submit = () => {
    if (!current || !canOpen) return
    const path = current.path
    if (workspace) {
      openWorkspace.mutate(path, {
        onSuccess: () => {
          rememberFolder(path)
          onOpenedWorkspace()
        },
      })
      return
    }
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
      title="Open a dg project or workspace"
      width={640}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!canOpen} onClick={submit}>
            {workspace ? `Open ${workspace.projects.length === 1 ? 'its project' : `all ${workspace.projects.length} projects`}` : 'Open'}
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
            <div className="folder-verdict" data-project={current.is_project} data-workspace={workspace !== null}>
              <span className="mono">{current.path}</span>{' '}
              {current.is_project ? (
                <Badge tone="ok">dg project</Badge>
              ) : workspace ? (
                <Badge tone={blocker ? 'warn' : 'ok'}>{workspaceSummary(workspace)}</Badge>
              ) : (
                <span className="muted">{current.reason}</span>
              )}
              {workspace && (
                <ul className="folder-workspace" aria-label="Projects of the workspace">
                  {workspace.projects.map((project) => (
                    <li key={project.path}>
                      <span className="mono">{project.name}</span>{' '}
                      {project.is_project ? (
                        <Badge tone="ok">dg project</Badge>
                      ) : (
                        <span className="field-error">{project.reason}</span>
                      )}
                    </li>
                  ))}
                  {workspace.projects.length === 0 && <li className="muted">{blocker}</li>}
                </ul>
              )}
            </div>
            <ul className="folder-list" aria-label="Folders">
              {current.entries.map((entry) => (
                <li key={entry.path}>
                  <button onClick={() => go(entry.path)} onDoubleClick={() => go(entry.path)}>
                    <span className="mono">{entry.name}/</span>
                    {entry.is_project && <Badge tone="ok">dg project</Badge>}
                    {entry.is_workspace && <Badge tone="accent">dg workspace</Badge>}
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
        {openWorkspace.error && <div className="field-error">{openWorkspace.error.message}</div>}
      </div>
    </Dialog>
  )
}
