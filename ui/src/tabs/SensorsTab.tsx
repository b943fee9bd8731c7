import { useSensors } from '../api/automations'
import type { Sensor, SensorState } from '../api/types'
import { every, useRunningSwitch, useTickEvaluation } from '../runs/AutomationParts'
import { Empty } from '../ui/bits'
import { plural } from '../ui/names'
import { RowButtons, SourceLink, type RowActions } from './parts'
import { sensorTargets } from './rows'

/** Every sensor: its type and interval, what it launches, on or off, and a tick on demand. */
export function SensorsTab({ projectId, sensors, actions }: { projectId: string; sensors: readonly Sensor[]; actions: RowActions }) {
  const states = useSensors(projectId)
  if (sensors.length === 0) return <Empty>The project has no sensors yet.</Empty>
  return (
    <div className="def-cards">
      {states.error && <div className="notice error">The instance's state of the sensors could not be read: {states.error.message}</div>}
      {sensors.map((sensor) => (
        <SensorCard key={sensor.name} projectId={projectId} sensor={sensor} state={states.data?.find((s) => s.name === sensor.name)} actions={actions} />
      ))}
    </div>
  )
}

function SensorCard({ projectId, sensor, state, actions }: { projectId: string; sensor: Sensor; state: SensorState | undefined; actions: RowActions }) {
  const turn = useRunningSwitch(projectId, 'sensors', sensor.name, state?.running ?? false)
  const tick = useTickEvaluation(projectId, 'sensors', sensor.name)
  const targets = sensorTargets(sensor, state)
    .map((t) => (t.job ? `job ${t.job}` : plural(t.assetKeys.length, 'asset')))
    .join(', ')
  return (
    <article className="def-card" data-definition={sensor.name} aria-label={`Sensor ${sensor.name}`}>
      <div className="def-card-switch">{state ? turn.control : null}</div>
      <div className="def-card-main">
        <div className="def-card-title">
          <strong className="mono">{sensor.name}</strong>
          <SourceLink source={sensor.source} actions={actions} />
        </div>
        {state && (
          <div className="def-when">
            {state.sensor_type.replace(/_/g, ' ')} sensor, {every(state.minimum_interval_seconds)}
          </div>
        )}
        <div className="muted">
          {targets ? `Launches ${targets}` : 'Launches nothing by itself'}
          {state?.default_status === 'RUNNING' && <span> · on by default</span>}
        </div>
        {turn.error}
        {tick.result}
      </div>
      <RowButtons target={{ kinds: ['sensor'], name: sensor.name, source: sensor.source, label: `sensor ${sensor.name}` }} actions={actions}>
        {tick.button}
      </RowButtons>
    </article>
  )
}
