import { describe, expect, test } from 'vitest'
import { aCheck } from '../api/definitions.testing'
import type { AssetStatus, RunSummary, Schedule, ScheduleState, Sensor } from '../api/types'
import { checkResult, groupChecks, launchOf, runCounts, scheduleTarget, sensorTargets, sourceLocation } from './rows'

const schedule = (extra: Partial<Schedule> = {}): Schedule => ({
  name: 'daily',
  cron_schedule: '0 9 * * *',
  job_name: 'refresh',
  source: null,
  defs_path: null,
  defs_index: null,
  ...extra,
})

const state = (targets: ScheduleState['targets']): ScheduleState => ({
  name: 'daily',
  cron_schedule: '0 9 * * *',
  execution_timezone: 'UTC',
  running: false,
  default_status: 'STOPPED',
  next_ticks: [],
  targets,
})

const run = (status: RunSummary['status'], run_id: string): RunSummary => ({
  run_id,
  status,
  job_name: 'refresh',
  asset_keys: [],
  start_time: 1,
  end_time: 2,
})

test('a source is a file and maybe a line', () => {
  expect(sourceLocation('src/p/defs/jobs.py:12')).toEqual({ path: 'src/p/defs/jobs.py', line: 12 })
  expect(sourceLocation('src/p/defs/jobs.py')).toEqual({ path: 'src/p/defs/jobs.py' })
  expect(sourceLocation(null)).toBeNull()
})

describe('targets', () => {
  test('a schedule on a job runs the job', () => {
    const target = scheduleTarget(schedule(), state([{ job_name: 'refresh', asset_keys: ['a', 'b'] }]))
    expect(target).toEqual({ job: 'refresh', assetKeys: ['a', 'b'] })
    expect(launchOf(target)).toEqual({ job: 'refresh' })
  })

  test("a schedule on a selection runs exactly its assets, not Dagster's job made for it", () => {
    const made = '__anonymous_asset_job_daily'
    const target = scheduleTarget(schedule({ job_name: made }), state([{ job_name: made, asset_keys: ['raw/orders'] }]))
    expect(target).toEqual({ job: null, assetKeys: ['raw/orders'] })
    expect(launchOf(target)).toEqual({ selection: 'key:"raw/orders"' })
  })

  test('before the instance answers, the definitions name the job; nothing to launch without a target', () => {
    expect(scheduleTarget(schedule(), undefined)).toEqual({ job: 'refresh', assetKeys: [] })
    expect(scheduleTarget(schedule({ job_name: null }), undefined)).toBeNull()
    expect(launchOf(null)).toBeNull()
    expect(launchOf({ job: null, assetKeys: [] })).toBeNull()
  })

  test('a sensor may launch several', () => {
    const sensor: Sensor = { name: 's', job_names: ['a', '__ASSET_JOB'], source: null, defs_path: null, defs_index: null }
    expect(sensorTargets(sensor, undefined)).toEqual([
      { job: 'a', assetKeys: [] },
      { job: null, assetKeys: [] },
    ])
  })
})

test('run counts and the last run, from the history newest first', () => {
  const runs = [run('FAILURE', 'r3'), run('SUCCESS', 'r2'), run('SUCCESS', 'r1'), run('CANCELED', 'r0')]
  expect(runCounts(runs)).toEqual({ total: 4, succeeded: 2, failed: 1, last: runs[0] })
  expect(runCounts([])).toEqual({ total: 0, succeeded: 0, failed: 0, last: null })
})

describe('checks', () => {
  test('are grouped under their asset, in name order', () => {
    const checks = [aCheck('orders:rows'), aCheck('customers:fresh'), aCheck('orders:not_null'), aCheck('raw/x:unique')]
    expect(groupChecks(checks).map((g) => [g.asset, g.checks.map((c) => c.name)])).toEqual([
      ['customers', ['fresh']],
      ['orders', ['not_null', 'rows']],
      ['raw/x', ['unique']],
    ])
  })

  test('show their last evaluation, when there was one', () => {
    const statuses: AssetStatus[] = [
      {
        key: 'orders',
        last_materialization: null,
        last_run: null,
        checks: [
          { name: 'rows', passed: false, severity: 'WARN' },
          { name: 'not_null', passed: null, severity: null },
        ],
      },
    ]
    expect(checkResult(statuses, aCheck('orders:rows'))).toEqual({ passed: false, severity: 'WARN' })
    expect(checkResult(statuses, aCheck('orders:not_null'))).toBeNull()
    expect(checkResult(undefined, aCheck('orders:rows'))).toBeNull()
  })
})
