import { errorMessage } from '../api/client'
import { Spinner } from '../ui/bits'
import { plural } from '../ui/names'
import { changeCount, DIFF_KINDS, useDefinitionsDiff, type DiffKind } from './useDefinitionsDiff'
import './defsdiff.css'

interface DefinitionsDiffProps {
  projectId: string
  /** a branch, a tag or a commit: what the working tree is compared with */
  gitRef: string
  /** select a definition on the graph; removed ones are no longer there to select */
  onSelect?: (kind: DiffKind, key: string) => void
}

/** What the working tree's definitions add, remove and change against `gitRef`, per kind, with
 * the fields that changed: what a commit would change in what Dagster loads. */
export function DefinitionsDiff({ projectId, gitRef, onSelect }: DefinitionsDiffProps) {
  const diff = useDefinitionsDiff(projectId, gitRef)
  if (diff.isPending) return <Spinner label={`Loading the definitions of ${gitRef}…`} />
  if (diff.isError) {
    return (
      <p className="notice error" role="alert">
        {errorMessage(diff.error)}
      </p>
    )
  }
  const body = diff.data
  if (body.error) {
    return (
      <p className="notice error" role="alert">
        {body.error}
      </p>
    )
  }
  const total = changeCount(body)
  const item = (kind: DiffKind, key: string, state: 'added' | 'removed' | 'changed', fields?: string[]) => (
    <li key={`${state}:${key}`} className={`diff-item diff-${state}`}>
      <span className="diff-mark" aria-hidden>
        {state === 'added' ? '+' : state === 'removed' ? '−' : '~'}
      </span>
      {onSelect && state !== 'removed' ? (
        <button className="link-button mono" onClick={() => onSelect(kind, key)} title={`Select ${key}`}>
          {key}
        </button>
      ) : (
        <span className="mono">{key}</span>
      )}
      <span className="muted">{state === 'changed' ? `${state}: ${fields?.join(', ')}` : state}</span>
    </li>
  )
  return (
    <section className="definitions-diff" aria-label={`Definitions changed since ${gitRef}`}>
      <p className="muted">
        {total === 0
          ? `The definitions are as in ${gitRef}.`
          : `${plural(total, 'definition')} changed since ${gitRef}${body.commit ? ` (${body.commit.slice(0, 8)})` : ''}.`}
      </p>
      {DIFF_KINDS.map(({ kind, title }) => {
        const part = body[kind]
        const count = part.added.length + part.removed.length + part.changed.length
        if (count === 0) return null
        return (
          <div key={kind} className="diff-kind">
            <h4>
              {title}{' '}
              <span className="muted" aria-label={`${title}: ${part.added.length} added, ${part.changed.length} changed, ${part.removed.length} removed`}>
                +{part.added.length} ~{part.changed.length} −{part.removed.length}
              </span>
            </h4>
            <ul>
              {part.added.map((key) => item(kind, key, 'added'))}
              {part.changed.map((change) => item(kind, change.key, 'changed', change.fields))}
              {part.removed.map((key) => item(kind, key, 'removed'))}
            </ul>
          </div>
        )
      })}
    </section>
  )
}
