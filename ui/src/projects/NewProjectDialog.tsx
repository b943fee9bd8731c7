import { useState } from 'react'
import { useCreateProject } from '../api/hooks'
import { Dialog } from '../ui/Dialog'

/** The server decides what a valid name is; this gives quick hints while typing. */
function hint(name: string): string | null {
  if (!name) return null
  if (/\s/.test(name)) return 'Use underscores instead of spaces.'
  if (name.includes('/') || name.includes('..')) return 'A name, not a path.'
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) return 'Letters, digits, underscores and hyphens, starting with a letter.'
  return null
}

export function NewProjectDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [name, setName] = useState('')
  const create = useCreateProject()
  const submit = () => create.mutate({ name }, { onSuccess: (project) => onCreated(project.id) })
  const local = hint(name)
  return (
    <Dialog
      title="New project"
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!name || create.isPending} onClick={submit}>
            Create
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
        <label className="field-label" htmlFor="new-project-name">
          Project name
        </label>
        <input
          id="new-project-name"
          className="text"
          autoFocus
          value={name}
          placeholder="sales_analytics"
          onChange={(event) => setName(event.target.value)}
        />
        <div className="field-help">
          Runs <code>create-dagster project</code> with Dagster 1.13.27 and builds the project's own
          environment with uv. The name becomes the Python package.
        </div>
        {(local || create.error) && <div className="field-error">{create.error?.message ?? local}</div>}
      </form>
    </Dialog>
  )
}
