// Pieces of a schedule's or sensor's row, shared by the Runs view and the definition tabs: its
// on/off switch in the instance, one tick evaluated on demand, and how often a sensor looks.
import { useState } from 'react'
import { useTick, useTurnOnOff, type Kind } from '../api/automations'
import { Spinner } from '../ui/bits'
import { plural } from '../ui/names'

export const every = (seconds: number) =>
  seconds % 3600 === 0
    ? `every ${plural(seconds / 3600, 'hour')}`
    : seconds % 60 === 0
      ? `every ${plural(seconds / 60, 'minute')}`
      : `every ${plural(seconds, 'second')}`

/** On or off in the project's instance, as Dagster's daemon reads it: the switch, and why a
 * turn failed. */
export function useRunningSwitch(projectId: string, kind: Kind, name: string, running: boolean) {
  const turn = useTurnOnOff(projectId, kind)
  const control = (
    <label className="switch" title={running ? 'Running in the instance: turn it off' : 'Stopped: turn it on'}>
      <input
        type="checkbox"
        role="switch"
        aria-label={`${name} running`}
        checked={running}
        disabled={turn.isPending}
        onChange={(event) => turn.mutate({ name, running: event.target.checked })}
      />
      <span>{running ? 'On' : 'Off'}</span>
    </label>
  )
  return { control, error: turn.error && <div className="notice error">{turn.error.message}</div> }
}

/** "Evaluate tick" and, once pressed, the runs one tick would request; nothing is launched. */
export function useTickEvaluation(projectId: string, kind: Kind, name: string) {
  const tick = useTick(projectId, kind)
  const [shown, setShown] = useState(false)
  const button = (
    <button
      className="button small"
      disabled={tick.isPending}
      title="Evaluate one tick now and show the runs it would request; nothing is launched"
      onClick={() => {
        setShown(true)
        tick.mutate(name)
      }}
    >
      Evaluate tick
    </button>
  )
  const result = shown && (tick.isPending || tick.data || tick.error) && (
    <div className="tick-result" role="status" aria-label={`Tick of ${name}`}>
      {tick.isPending && <Spinner label="Evaluating one tick…" />}
      {tick.error && <div className="notice error">{tick.error.message}</div>}
      {tick.data && tick.data.skip_reason && <div className="notice warn">Skipped: {tick.data.skip_reason}</div>}
      {tick.data && !tick.data.skip_reason && tick.data.run_requests.length === 0 && <div className="notice">No run requested.</div>}
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
  )
  return { button, result: result || null }
}
