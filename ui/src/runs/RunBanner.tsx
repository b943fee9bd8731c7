import { isActive, useCancelRun, useRun } from '../api/runs'
import { RunStatusLabel } from './RunPage'

/** The run just launched from the graph, followed at the canvas's foot until dismissed. */
export function RunBanner({ projectId, runId, label, onView, onDismiss }: {
  projectId: string
  runId: string
  label: string
  onView: () => void
  onDismiss: () => void
}) {
  const run = useRun(projectId, runId)
  const cancel = useCancelRun(projectId)
  const status = run.data?.status ?? 'STARTING'
  return (
    <div className="notice run-banner" role="status" aria-label="Run">
      <RunStatusLabel status={status} />
      <span>{label}</span>
      {run.data?.error && <span className="run-banner-error">{run.data.error.message.split('\n')[0]}</span>}
      <button className="link-button" onClick={onView}>
        View run
      </button>
      {isActive(status) && (
        <button className="link-button" disabled={status === 'CANCELING'} onClick={() => cancel.mutate(runId)}>
          Cancel
        </button>
      )}
      <button className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}
