import { useSchedules } from '../api/automations'
import { useRuns } from '../api/runs'
import type { Schedule, ScheduleState } from '../api/types'
import { cronWords } from '../builders/cron'
import { useRunningSwitch, useTickEvaluation } from '../runs/AutomationParts'
import { Empty } from '../ui/bits'
import { plural } from '../ui/names'
import { LastRun, RowButtons, SourceLink, type RowActions } from './parts'
import { launchOf, scheduleTarget } from './rows'

interface SchedulesTabProps {
  projectId: string
  schedules: readonly Schedule[]
  actions: RowActions
}

/** Every schedule: when in words, what it runs, on or off in the instance, its last run, Run
 * now. */
export function SchedulesTab({ projectId, schedules, actions }: SchedulesTabProps) {
  const states = useSchedules(projectId)
  if (schedules.length === 0) return <Empty>The project has no schedules yet.</Empty>
  return (
    <div className="def-cards">
      {states.error && <div className="notice error">The instance's state of the schedules could not be read: {states.error.message}</div>}
      {schedules.map((schedule) => (
        <ScheduleCard
          key={schedule.name}
          projectId={projectId}
          schedule={schedule}
          state={states.data?.find((s) => s.name === schedule.name)}
          actions={actions}
        />
      ))}
    </div>
  )
}

function ScheduleCard({ projectId, schedule, state, actions }: { projectId: string; schedule: Schedule; state: ScheduleState | undefined; actions: RowActions }) {
  const target = scheduleTarget(schedule, state)
  const launch = launchOf(target)
  // the runs of its job, or of the job Dagster made for its selection
  const jobName = state?.targets[0]?.job_name ?? schedule.job_name
  const runs = useRuns(projectId, { job: jobName ?? '' }, !!jobName)
  const turn = useRunningSwitch(projectId, 'schedules', schedule.name, state?.running ?? false)
  const tick = useTickEvaluation(projectId, 'schedules', schedule.name)
  const words = cronWords(schedule.cron_schedule)
  return (
    <article className="def-card" data-definition={schedule.name} aria-label={`Schedule ${schedule.name}`}>
      <div className="def-card-switch">{state ? turn.control : null}</div>
      <div className="def-card-main">
        <div className="def-card-title">
          <strong className="mono">{schedule.name}</strong>
          <SourceLink source={schedule.source} actions={actions} />
        </div>
        <div className="def-when">
          {words ?? schedule.cron_schedule} {state && <span className="muted">({state.execution_timezone})</span>}{' '}
          <code className="muted">{schedule.cron_schedule}</code>
        </div>
        <div className="muted">
          {target === null
            ? 'No target'
            : target.job
              ? `Job ${target.job}${state ? ` · ${plural(target.assetKeys.length, 'asset')}` : ''}`
              : `Assets: ${plural(target.assetKeys.length, 'asset')}`}
          {state?.next_ticks[0] && <span title={state.next_ticks.join('\n')}> · next {new Date(state.next_ticks[0]).toLocaleString()}</span>}
          {state?.default_status === 'RUNNING' && <span> · on by default</span>}
        </div>
        <div className="def-last">
          Last run of its target: <LastRun run={runs.data?.[0] ?? null} actions={actions} />
        </div>
        {turn.error}
        {tick.result}
      </div>
      <RowButtons target={{ kinds: ['schedule'], name: schedule.name, source: schedule.source, label: `schedule ${schedule.name}` }} actions={actions}>
        <button
          className="button small primary"
          disabled={!launch || actions.launching}
          title={launch ? 'Launch its target now' : 'It has no target to launch'}
          onClick={() => launch && actions.run(launch, `${schedule.name}: ${launch.job ?? plural(target?.assetKeys.length ?? 0, 'asset')}`)}
        >
          Run now
        </button>
        {tick.button}
      </RowButtons>
    </article>
  )
}
