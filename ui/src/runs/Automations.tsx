import { useState } from 'react'
import { useSchedules, useSensors, useTick, useTurnOnOff, type Kind } from '../api/automations'
import { Empty, Spinner } from '../ui/bits'
import { plural } from '../ui/names'

interface Row {
  name: string
  running: boolean
  default_status: 'RUNNING' | 'STOPPED'
  targets: Array<{ job_name: string; asset_keys: string[] }>
  /** when it ticks, in words */
  when: string
  next: string[]
}

const every = (seconds: number) =>
  seconds % 3600 === 0 ? `every ${plural(seconds / 3600, 'hour')}` : seconds % 60 === 0 ? `every ${plural(seconds / 60, 'minute')}` : `every ${plural(seconds, 'second')}`

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
  const turn = useTurnOnOff(projectId, kind)
  const tick = useTick(projectId, kind)
  const [shown, setShown] = useState(false)
  const targets = row.targets.map((t) => (t.asset_keys.length > 0 ? plural(t.asset_keys.length, 'asset') : t.job_name)).join(', ')
  return (
    <div className="automation" data-automation={row.name}>
      <label className="switch" title={row.running ? 'Running in the instance: turn it off' : 'Stopped: turn it on'}>
        <input
          type="checkbox"
          role="switch"
          aria-label={`${row.name} running`}
          checked={row.running}
          disabled={turn.isPending}
          onChange={(event) => turn.mutate({ name: row.name, running: event.target.checked })}
        />
        <span>{row.running ? 'On' : 'Off'}</span>
      </label>
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
        {turn.error && <div className="notice error">{turn.error.message}</div>}
        {shown && (tick.isPending || tick.data || tick.error) && (
          <div className="tick-result" role="status" aria-label={`Tick of ${row.name}`}>
            {tick.isPending && <Spinner label="Evaluating one tick…" />}
            {tick.error && <div className="notice error">{tick.error.message}</div>}
            {tick.data && tick.data.skip_reason && <div className="notice warn">Skipped: {tick.data.skip_reason}</div>}
            {tick.data && !tick.data.skip_reason && tick.data.run_requests.length === 0 && (
              <div className="notice">No run requested.</div>
            )}
            {tick.data && tick.data.run_requests.length > 0 && (
              <ul className="run-requests">
                {tick.data.run_requests.map((request, index) => (
                  <li key={request.run_key ?? index}>
                    Would run {request.job_name ?? 'the assets'}
                    {request.asset_keys.length > 0 && `: ${request.asset_keys.join(', ')}`}
                    {request.run_key && <span className="muted"> · run key {request.run_key}</span>}
                    {Object.keys(request.tags).length > 0 && (
                      <span className="muted">
                        {' '}
                        · {Object.entries(request.tags).map(([k, v]) => `${k}=${v}`).join(', ')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <button
        className="button small"
        disabled={tick.isPending}
        title="Evaluate one tick now and show the runs it would request; nothing is launched"
        onClick={() => {
          setShown(true)
          tick.mutate(row.name)
        }}
      >
        Evaluate tick
      </button>
    </div>
  )
}
