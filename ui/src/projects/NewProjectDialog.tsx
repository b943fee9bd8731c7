import { useState } from 'react'
import { useCloneProject } from '../api/git'
import { useCreateProject } from '../api/hooks'
import { Dialog } from '../ui/Dialog'
import { Tabs } from '../ui/Tabs'
import { repositoryHint, repositoryName, suggestedName, useStarters } from './queries'

type Source = 'starter' | 'git'

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

/** A name and a starter: create-dagster makes the project, then the starter fills it. Or a git
 * repository: the server clones it into the workspace and opens it. */
export function NewProjectDialog({ starter: initial = 'empty', taken = [], onClose, onCreated }: Props) {
  const [source, setSource] = useState<Source>('starter')
  const starters = useStarters()
  const [starter, setStarter] = useState(initial)
  const [name, setName] = useState(() => suggestedName(initial, taken))
  const create = useCreateProject()
  const clone = useCloneProject()
  // the token lives in this dialog until it is sent, never stored
  const [repository, setRepository] = useState({ url: '', branch: '', token: '', name: '' })
  const pending = create.isPending || clone.isPending
  const ready = source === 'starter' ? !!name : !!repository.url.trim()
  const submit = () => {
    if (!ready || pending) return
    const created = { onSuccess: (project: { id: string }) => onCreated(project.id) }
    if (source === 'starter') {
      create.mutate({ name, starter }, created)
      return
    }
    const { url, branch, token, name: cloneName } = repository
    clone.mutate(
      {
        git_url: url.trim(),
        ...(branch.trim() ? { branch: branch.trim() } : {}),
        ...(token ? { token } : {}),
        ...(cloneName.trim() ? { name: cloneName.trim() } : {}),
      },
      created,
    )
  }
  const edit = (field: keyof typeof repository) => (event: { target: { value: string } }) =>
    setRepository({ ...repository, [field]: event.target.value })
  const cloneHint = clone.error?.message ?? repositoryHint(repository.url) ?? (repository.name ? hint(repository.name) : null)
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
          <button className="button primary" type="submit" form={source === 'starter' ? 'new-project-form' : 'clone-form'} disabled={!ready || pending}>
            {source === 'starter' ? 'Create' : 'Clone'}
          </button>
        </>
      }
    >
      <Tabs<Source>
        tabs={[
          { id: 'starter', label: 'From a starter' },
          { id: 'git', label: 'From a git repository' },
        ]}
        active={source}
        onChange={setSource}
        label="Where the project comes from"
      />
      {source === 'git' && (
        <form
          id="clone-form"
          className="clone-form"
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          <label className="field-label" htmlFor="clone-url">
            Repository URL
          </label>
          <input
            id="clone-url"
            className="text mono"
            autoFocus
            value={repository.url}
            placeholder="https://github.com/org/repo.git"
            onChange={edit('url')}
          />
          <label className="field-label" htmlFor="clone-branch">
            Branch (optional)
          </label>
          <input id="clone-branch" className="text mono" value={repository.branch} placeholder="the default branch" onChange={edit('branch')} />
          <label className="field-label" htmlFor="clone-token">
            Access token (optional)
          </label>
          <input id="clone-token" className="text mono" type="password" autoComplete="off" value={repository.token} onChange={edit('token')} />
          <div className="field-help">For a private repository: used for this clone only, never saved.</div>
          <label className="field-label" htmlFor="clone-name">
            Project name (optional)
          </label>
          <input
            id="clone-name"
            className="text"
            value={repository.name}
            placeholder={repositoryName(repository.url) || "the repository's name"}
            onChange={edit('name')}
          />
          <div className="field-help">
            The designer clones the repository into the workspace, builds its environment with <code>uv sync</code> and opens it.
          </div>
          {cloneHint && <div className="field-error">{cloneHint}</div>}
        </form>
      )}
      <form
        id="new-project-form"
        hidden={source !== 'starter'}
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
