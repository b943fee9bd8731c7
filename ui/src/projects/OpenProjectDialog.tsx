import { useState } from 'react'
import { useCreateProject } from '../api/hooks'
import { Dialog } from '../ui/Dialog'

export function OpenProjectDialog({ onClose, onOpened }: { onClose: () => void; onOpened: (id: string) => void }) {
  const [path, setPath] = useState('')
  const open = useCreateProject()
  const submit = () => open.mutate({ path }, { onSuccess: (project) => onOpened(project.id) })
  return (
    <Dialog
      title="Open a dg project"
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!path || open.isPending} onClick={submit}>
            Open
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <label className="field-label" htmlFor="open-project-path">
          Folder
        </label>
        <input
          id="open-project-path"
          className="text mono"
          autoFocus
          value={path}
          placeholder="/home/me/code/my_project"
          onChange={(event) => setPath(event.target.value)}
        />
        <div className="field-help">
          The absolute path of a folder with a <code>pyproject.toml</code> that has a{' '}
          <code>[tool.dg]</code> section. It is opened in place: nothing is copied. Without a{' '}
          <code>.venv</code>, the designer builds one with <code>uv sync</code>.
        </div>
        {open.error && <div className="field-error">{open.error.message}</div>}
      </form>
    </Dialog>
  )
}
