import { useState } from 'react'
import { useCreateProject } from '../api/hooks'
import { Dialog } from '../ui/Dialog'
import { suggestedName, useStarters } from './queries'

/** The server decides what a valid name is; this gives quick hints while typing. */
function hint(name: string): string | null {
  if (!name) return null
  if (/\s/.test(name)) return 'Use underscores instead of spaces.'
  if (name.includes('/') || name.includes('..')) return 'A name, not a path.'
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) return 'Letters, digits, underscores and hyphens, starting with a letter.'
  return null
}

interface Props {
  starter?: string
  /** the names of the workspace's projects, which a suggestion avoids */
  taken?: readonly string[]
  onClose: () => void
  onCreated: (id: string) => void
}

/** A name and a starter: create-dagster makes the project, then the starter fills it. */
export function NewProjectDialog({ starter: initial = 'empty', taken = [], onClose, onCreated }: Props) {
  const starters = useStarters()
  const [starter, setStarter] = useState(initial)
  const [name, setName] = useState(() => suggestedName(initial, taken))
  const create = useCreateProject()
  const submit = () => {
    if (name && !create.isPending) create.mutate({ name, starter }, { onSuccess: (project) => onCreated(project.id) })
  }
  const choose = (id: string) => {
    // a name the user typed stays; a suggestion follows the starter
    if (!name || name === suggestedName(starter, taken)) setName(suggestedName(id, taken))
    setStarter(id)
  }
  return (
    <Dialog
      title="New project"
      width={620}
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
        <fieldset className="starter-choices">
          <legend className="field-label">Start from</legend>
          {starters.data?.map((s) => (
            <label key={s.id} className="starter-choice" data-starter={s.id}>
              <input
                type="radio"
                name="starter"
                value={s.id}
                aria-label={s.title}
                aria-describedby={`starter-about-${s.id}`}
                checked={starter === s.id}
                onChange={() => choose(s.id)}
              />
              <span>
                <strong>{s.title}</strong>
                <span className="muted" id={`starter-about-${s.id}`}>
                  {' '}
                  {s.description}
                </span>
              </span>
            </label>
          ))}
          {starters.error && <div className="field-error">{starters.error.message}</div>}
        </fieldset>
        <div className="field-help">
          Runs <code>create-dagster project</code> with Dagster 1.13.27 and builds the project's own environment with
          uv; a starter then adds its packages, files and definitions. The name becomes the Python package.
        </div>
        {(create.error?.message ?? hint(name)) && (
          <div className="field-error">{create.error?.message ?? hint(name)}</div>
        )}
      </form>
    </Dialog>
  )
}
