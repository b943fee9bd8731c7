import { useCreateProject } from '../api/hooks'
import { Spinner } from '../ui/bits'
import { suggestedName, useStarters } from './queries'

interface Props {
  /** the names of the workspace's projects, which a new one avoids */
  taken: readonly string[]
  onCreated: (id: string) => void
  /** the New project dialog, for another name */
  onName: (starter: string) => void
}

/** The starters on the start page, each with what its project holds: one click makes a project
 * from it under its suggested name; another name goes through the New project dialog. */
export function StartersSection({ taken, onCreated, onName }: Props) {
  const starters = useStarters()
  const create = useCreateProject()
  const making = create.isPending ? create.variables : undefined
  const start = (starter: string) =>
    create.mutate({ name: suggestedName(starter, taken), starter }, { onSuccess: (project) => onCreated(project.id) })
  return (
    <section className="starters" aria-labelledby="starters-title">
      <h2 id="starters-title">Start a new project</h2>
      {starters.isPending && <Spinner label="Loading the starters" />}
      {starters.error && <div className="notice error">{starters.error.message}</div>}
      {create.error && (
        <div className="notice error" role="alert">
          {create.error.message}
        </div>
      )}
      <div className="starter-grid">
        {starters.data?.map((starter) => (
          <article key={starter.id} className="starter-card" data-starter={starter.id}>
            <h3>{starter.title}</h3>
            <p className="muted">{starter.description}</p>
            <ul className="starter-contains" aria-label={`What ${starter.title} contains`}>
              {starter.contains.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <div className="starter-actions">
              <button className="button small primary" disabled={create.isPending} onClick={() => start(starter.id)}>
                {making && 'starter' in making && making.starter === starter.id
                  ? `Creating ${making.name}…`
                  : `Start from ${starter.title}`}
              </button>
              <button
                className="button small"
                disabled={create.isPending}
                aria-label={`Other name… for ${starter.title}`}
                onClick={() => onName(starter.id)}
              >
                Other name…
              </button>
            </div>
          </article>
        ))}
      </div>
    </section>
  )
}
