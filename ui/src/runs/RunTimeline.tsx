import type { RunEvent } from '../api/types'
import { duration, steps } from './runState'

/** Each step of the run as a bar on the run's time axis, which ends at its last event while it runs. */
export function RunTimeline({ events, end }: { events: readonly RunEvent[]; end: number | null }) {
  const list = steps(events)
  if (list.length === 0) return null
  const start = Math.min(...list.map((s) => s.start))
  const last = end ?? Math.max(...events.map((e) => e.timestamp))
  const span = Math.max(last - start, 0.001)
  return (
    <div className="run-timeline" aria-label="Steps">
      {list.map((step) => {
        const left = ((step.start - start) / span) * 100
        const width = Math.max((((step.end ?? last) - step.start) / span) * 100, 0.8)
        return (
          <div key={step.key} className="timeline-row" data-step={step.key} data-step-state={step.state}>
            <span className="timeline-key mono" title={step.key}>
              {step.key}
            </span>
            <span className="timeline-track">
              <span className={`timeline-bar step-${step.state}`} style={{ left: `${left}%`, width: `${width}%` }} />
            </span>
            <span className="timeline-time muted">{duration(step.start, step.end ?? last)}</span>
          </div>
        )
      })}
    </div>
  )
}
