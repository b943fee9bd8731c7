// What every definition tab's rows share: Edit and Delete (and the actions they lead to), the
// file a definition comes from, a run's status and age.
import type { ReactNode } from 'react'
import type { BuilderKind } from '../api/builders'
import type { RunLaunch, RunSummary } from '../api/types'
import { RunStatusLabel } from '../runs/RunPage'
import { duration, timeAgo } from '../runs/runState'
import { sourceLocation } from './rows'

/** A definition as the tabs act on it: its builder kinds (an asset may be either kind of asset
 * builder), its name, and where its code is. */
export interface DefinitionRef {
  kinds: readonly BuilderKind[]
  name: string
  source: string | null
  /** how a person names it: "schedule daily_refresh" */
  label: string
}

export interface RowActions {
  edit: (target: DefinitionRef) => void
  remove: (target: DefinitionRef) => void
  run: (launch: RunLaunch, label: string) => void
  openFile: (path: string, line?: number) => void
  openRun: (runId: string) => void
  launching: boolean
}

export function RowButtons({ target, actions, children }: { target: DefinitionRef; actions: RowActions; children?: ReactNode }) {
  return (
    <span className="def-actions">
      {children}
      <button className="button small" onClick={() => actions.edit(target)} aria-label={`Edit ${target.name}`}>
        Edit
      </button>
      <button className="button small danger" onClick={() => actions.remove(target)} aria-label={`Delete ${target.name}`}>
        Delete
      </button>
    </span>
  )
}

/** The file and line a definition comes from; opens it in the Code view. */
export function SourceLink({ source, actions }: { source: string | null; actions: RowActions }) {
  const at = sourceLocation(source)
  if (!at) return null
  return (
    <button className="link-button mono def-source" title={`Open ${source} in the Code view`} onClick={() => actions.openFile(at.path, at.line)}>
      {source}
    </button>
  )
}

/** A run's status, when it started and how long it took; opens it. */
export function LastRun({ run, actions }: { run: RunSummary | null; actions: RowActions }) {
  if (!run) return <span className="muted">never run</span>
  return (
    <button className="def-run" onClick={() => actions.openRun(run.run_id)} title="Open the run">
      <RunStatusLabel status={run.status} />
      {run.start_time !== null && (
        <span className="muted">
          {timeAgo(run.start_time)} · {duration(run.start_time, run.end_time)}
        </span>
      )}
    </button>
  )
}

export function TabHeader({ title, count, children }: { title: string; count: number | null; children: ReactNode }) {
  return (
    <header className="def-header">
      <h2>
        {title} {count !== null && <span className="muted">{count}</span>}
      </h2>
      <span className="def-new">{children}</span>
    </header>
  )
}
