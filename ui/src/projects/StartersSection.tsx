import { Spinner } from '../ui/bits'
import { useStarters } from './queries'

/** The starters on the start page, each with what its project holds; one click to create. */
export function StartersSection({ onStart }: { onStart: (starter: string) => void }) {
  const starters = useStarters()
  return (
    <section className="starters" aria-labelledby="starters-title">
      <h2 id="starters-title">Start a new project</h2>
      {starters.isPending && <Spinner label="Loading the starters" />}
      {starters.error && <div className="notice error">{starters.error.message}</div>}
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
            <button className="button small" onClick={() => onStart(starter.id)}>
              Start from {starter.title}
            </button>
          </article>
        ))}
      </div>
    </section>
  )
}
