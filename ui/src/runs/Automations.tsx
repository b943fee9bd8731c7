import { useSchedules, useSensors, type Kind } from '../api/automations'
import { Empty, Spinner } from '../ui/bits'
import { plural } from '../ui/names'
import { every, useRunningSwitch, useTickEvaluation } from './AutomationParts'

interface Row {
  name: string
  running: boolean
  default_status: 'RUNNING' | 'STOPPED'
  targets: Array<{ job_name: string; asset_keys: string[] }>
  /** when it ticks, in words */
  when: string
  next: string[]
}

/** The project's schedules and sensors: on and off in its instance, and one tick on demand. */
export function Automations({ projectId }: { projectId: string }) {
  const schedules = useSchedules(projectId)
  const sensors = useSensors(projectId)
  return (
    <div className="automations">
      <Section
        projectId={projectId}
        kind="schedules"
        title="Schedules"
        loading={schedules.isPending}
        error={schedules.error?.message ?? null}
        rows={(schedules.data ?? []).map((s) => ({
          ...s,
          when: `${s.cron_schedule} (${s.execution_timezone})`,
          next: s.next_ticks,
        }))}
      />
      <Section
        projectId={projectId}
        kind="sensors"
        title="Sensors"
        loading={sensors.isPending}
        error={sensors.error?.message ?? null}
        rows={(sensors.data ?? []).map((s) => ({
          ...s,
          when: `${s.sensor_type} sensor, ${every(s.minimum_interval_seconds)}`,
          next: [],
        }))}
      />
    </div>
  )
}

function Section(props: { projectId: string; kind: Kind; title: string; loading: boolean; error: string | null; rows: Row[] }) {
  const { projectId, kind, title, loading, error, rows } = props
  return (
    <section className="automation-section" aria-label={title}>
      <h3>{title}</h3>
      {loading && <Spinner label={`Reading the ${kind}…`} />}
      {error && <div className="notice error">{error}</div>}
      {!loading && !error && rows.length === 0 && <Empty>The project defines no {kind}.</Empty>}
      {rows.map((row) => (
        <AutomationRow key={row.name} projectId={projectId} kind={kind} row={row} />
      ))}
    </section>
  )
}

function AutomationRow({ projectId, kind, row }: { projectId: string; kind: Kind; row: Row }) {
  const turn = useRunningSwitch(projectId, kind, row.name, row.running)
  const tick = useTickEvaluation(projectId, kind, row.name)
  const targets = row.targets.map((t) => (t.asset_keys.length > 0 ? plural(t.asset_keys.length, 'asset') : t.job_name)).join(', ')
  return (
    <div className="automation" data-automation={row.name}>
      {turn.control}
      <div className="automation-main">
        <div>
          <strong className="mono">{row.name}</strong> <span className="muted">{row.when}</span>
        </div>
        <div className="muted automation-detail">
          {targets && <>targets {targets}</>}
          {row.next.length > 0 && (
            <span title={row.next.join('\n')}> · next {new Date(row.next[0]).toLocaleString()}</span>
          )}
          {row.default_status === 'RUNNING' && <span> · on by default</span>}
        </div>
        {turn.error}
        {tick.result}
      </div>
      {tick.button}
    </div>
  )
}
