import { isActive, useCancelRun, useLaunchRun, useRun, useRunEvents } from '../api/runs'
import type { RunDetail } from '../api/types'
import { DagsterUiLink } from '../dagster/DagsterUi'
import { Spinner } from '../ui/bits'
import { EventLog } from './EventLog'
import { RunTimeline } from './RunTimeline'
import { duration, selectionOf } from './runState'
import { StackTrace } from './StackTrace'

interface RunPageProps {
  projectId: string
  projectRoot: string
  runId: string
  onOpenFile: (path: string, line: number) => void
  onOpenRun: (runId: string) => void
}

export function RunStatusLabel({ status }: { status: string }) {
  return (
    <span className={`run-status run-${status}`} data-run-status={status}>
      <span className="run-dot" aria-hidden /> {status}
    </span>
  )
}

/** The same request again: the run's assets, or its job when it ran one. */
const again = (run: RunDetail) => (run.asset_keys.length > 0 ? { selection: selectionOf(run.asset_keys) } : { job: run.job_name })

/** One run: its state, error, steps and event log, read on as it goes. */
export function RunPage({ projectId, projectRoot, runId, onOpenFile, onOpenRun }: RunPageProps) {
  const run = useRun(projectId, runId)
  const log = useRunEvents(projectId, runId)
  const cancel = useCancelRun(projectId)
  const launch = useLaunchRun(projectId)
  if (run.isPending) return <Spinner label="Reading the run…" />
  if (run.error || !run.data) return <div className="notice error">{run.error?.message ?? 'No such run'}</div>
  const detail = run.data
  const active = isActive(detail.status)
  return (
    <article className="run-page" aria-label={`Run ${detail.run_id}`}>
      <header className="run-head">
        <RunStatusLabel status={detail.status} />
        <h2 className="mono run-id" title={detail.run_id}>
          {detail.run_id.slice(0, 8)}
        </h2>
        <span className="muted">{detail.job_name}</span>
        <span className="muted">
          {detail.start_time ? new Date(detail.start_time * 1000).toLocaleString() : 'not started'}
          {detail.start_time ? ` · ${duration(detail.start_time, detail.end_time)}` : ''}
        </span>
        <span className="top-spacer" />
        <DagsterUiLink projectId={projectId} page={`/runs/${detail.run_id}`}>
          Open in Dagster UI ↗
        </DagsterUiLink>
        {active ? (
          <button className="button small danger" disabled={cancel.isPending || detail.status === 'CANCELING'} onClick={() => cancel.mutate(detail.run_id)}>
            {detail.status === 'CANCELING' ? 'Canceling…' : 'Cancel run'}
          </button>
        ) : (
          <button
            className="button small"
            disabled={launch.isPending}
            onClick={() => launch.mutate(again(detail), { onSuccess: (answer) => onOpenRun(answer.run_id) })}
          >
            Run again
          </button>
        )}
      </header>
      {(cancel.error || launch.error) && <div className="notice error">{(cancel.error ?? launch.error)?.message}</div>}
      {detail.asset_keys.length > 0 && (
        <div className="run-assets">
          {detail.asset_keys.map((key) => (
            <span key={key} className="asset-badge mono">
              {key}
            </span>
          ))}
        </div>
      )}
      {detail.error && (
        <section className="run-error" aria-label="Error">
          <div className="notice error">{detail.error.message}</div>
          {detail.error.stack && <StackTrace stack={detail.error.stack} projectRoot={projectRoot} onOpen={onOpenFile} />}
        </section>
      )}
      <RunTimeline events={log.events} end={active ? null : detail.end_time} />
      {log.error && <div className="notice warn">Reading the events failed: {log.error}. Retrying…</div>}
      <EventLog events={log.events} />
    </article>
  )
}
