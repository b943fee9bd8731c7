import { describe, expect, it } from 'vitest'
import type { AssetStatus, RunEvent } from '../api/types'
import { assetRunView, frames, rollUp, selectionOf, steps } from './runState'

const status = (patch: Partial<AssetStatus>): AssetStatus => ({
  key: 'orders',
  last_materialization: null,
  last_run: null,
  checks: [],
  ...patch,
})

const event = (event_type: string, step_key: string | null, timestamp: number): RunEvent => ({
  cursor: timestamp,
  timestamp,
  level: 'DEBUG',
  event_type,
  step_key,
  asset_key: null,
  message: '',
  metadata: null,
})

describe('assetRunView', () => {
  it('tells never, running, materialized and failed apart', () => {
    expect(assetRunView(undefined).state).toBe('never')
    expect(assetRunView(status({ last_run: { run_id: 'r1', status: 'STARTED' } })).state).toBe('running')
    const done = status({
      last_run: { run_id: 'r1', status: 'STARTED' },
      last_materialization: { run_id: 'r1', timestamp: 10, metadata: [] },
    })
    // materialized by the run still going: the asset itself is done
    expect(assetRunView(done)).toMatchObject({ state: 'materialized', materializedAt: 10 })
    const failedAfter = status({
      last_run: { run_id: 'r2', status: 'FAILURE' },
      last_materialization: { run_id: 'r1', timestamp: 10, metadata: [] },
    })
    expect(assetRunView(failedAfter)).toMatchObject({ state: 'failed', materializedAt: 10 })
  })

  it('counts check results', () => {
    const view = assetRunView(
      status({
        checks: [
          { name: 'a', passed: true, severity: 'ERROR' },
          { name: 'b', passed: false, severity: 'WARN' },
          { name: 'c', passed: null, severity: null },
        ],
      }),
    )
    expect(view.checks).toEqual({ passed: 1, failed: 1, total: 3 })
  })
})

describe('rollUp', () => {
  it('puts failed before running before materialized', () => {
    const m = assetRunView(status({ last_materialization: { run_id: 'r', timestamp: 1, metadata: [] } }))
    const f = assetRunView(status({ last_run: { run_id: 'x', status: 'FAILURE' } }))
    const r = assetRunView(status({ last_run: { run_id: 'y', status: 'STARTING' } }))
    expect(rollUp([m, m])).toEqual({ state: 'materialized', materialized: 2, total: 2 })
    expect(rollUp([m, r])?.state).toBe('running')
    expect(rollUp([m, r, f])?.state).toBe('failed')
    expect(rollUp([m, assetRunView(undefined)])).toEqual({ state: 'never', materialized: 1, total: 2 })
    expect(rollUp([])).toBeNull()
  })
})

describe('steps', () => {
  it('orders steps by start and records how they ended', () => {
    const log = [
      event('RUN_START', null, 1),
      event('STEP_START', 'b', 3),
      event('STEP_START', 'a', 2),
      event('STEP_SUCCESS', 'a', 4),
      event('STEP_FAILURE', 'b', 5),
      event('STEP_START', 'c', 6),
    ]
    expect(steps(log)).toEqual([
      { key: 'a', start: 2, end: 4, state: 'succeeded' },
      { key: 'b', start: 3, end: 5, state: 'failed' },
      { key: 'c', start: 6, end: null, state: 'running' },
    ])
  })
})

describe('frames', () => {
  it('links frames in the project files, not in its environment', () => {
    const stack = [
      'Traceback (most recent call last):',
      '  File "/p/proj/.venv/lib/python3.11/site-packages/dagster/x.py", line 9, in run',
      '  File "/p/proj/src/proj/defs/assets.py", line 12, in orders',
      '    raise ValueError("no")',
      '  File "/elsewhere/y.py", line 3, in z',
    ].join('\n')
    const out = frames(stack, '/p/proj')
    expect(out.map((f) => f.path)).toEqual([null, null, 'src/proj/defs/assets.py', null, null])
    expect(out[2].line).toBe(12)
  })
})

describe('selectionOf', () => {
  it('quotes each key', () => {
    expect(selectionOf(['a/b', 'c'])).toBe('key:"a/b" or key:"c"')
  })
})
