// What a row of a definition tab says, computed from the definitions, the instance's state of
// schedules and sensors, and the run history. Pure: no React, no requests.
import type { AssetCheck, AssetStatus, Asset, RunLaunch, RunSummary, Schedule, ScheduleState, Sensor, SensorState } from '../api/types'
import { selectionOf } from '../runs/runState'

/** `src/p/defs/jobs.py:12` → the file and line the Code view opens. */
export function sourceLocation(source: string | null | undefined): { path: string; line?: number } | null {
  if (!source) return null
  const match = /^(.*):(\d+)$/.exec(source)
  return match ? { path: match[1], line: Number(match[2]) } : { path: source }
}

/** Jobs Dagster makes by itself (a schedule on a selection gets `__anonymous_asset_job_…`). */
export const isMadeJob = (name: string | null | undefined) => !!name && name.startsWith('__')

export const ownerText = (owner: Asset['owners'][number]) => ('team' in owner ? `team:${owner.team}` : owner.email)

/** What a schedule or sensor launches: a job of the project, or the assets Dagster selected. */
export interface TargetView {
  job: string | null
  assetKeys: string[]
}

export function scheduleTarget(schedule: Schedule, state: ScheduleState | undefined): TargetView | null {
  const target = state?.targets[0]
  const jobName = target?.job_name ?? schedule.job_name
  if (!jobName) return null
  return { job: isMadeJob(jobName) ? null : jobName, assetKeys: target?.asset_keys ?? [] }
}

export function sensorTargets(sensor: Sensor, state: SensorState | undefined): TargetView[] {
  const targets = state?.targets ?? sensor.job_names.map((job_name) => ({ job_name, asset_keys: [] }))
  return targets.map((t) => ({ job: isMadeJob(t.job_name) ? null : t.job_name, assetKeys: t.asset_keys }))
}

/** The run a target starts now: its job, or exactly its assets. */
export function launchOf(target: TargetView | null): RunLaunch | null {
  if (target?.job) return { job: target.job }
  if (target && target.assetKeys.length > 0) return { selection: selectionOf(target.assetKeys) }
  return null
}

export interface RunCounts {
  total: number
  succeeded: number
  failed: number
  last: RunSummary | null
}

/** Runs newest first, as the history answers them. */
export function runCounts(runs: readonly RunSummary[]): RunCounts {
  return {
    total: runs.length,
    succeeded: runs.filter((r) => r.status === 'SUCCESS').length,
    failed: runs.filter((r) => r.status === 'FAILURE').length,
    last: runs[0] ?? null,
  }
}

export interface CheckGroup {
  asset: string
  checks: AssetCheck[]
}

/** Checks under their asset, assets and checks in name order. */
export function groupChecks(checks: readonly AssetCheck[]): CheckGroup[] {
  const groups = new Map<string, AssetCheck[]>()
  for (const check of checks) groups.set(check.asset_key, [...(groups.get(check.asset_key) ?? []), check])
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([asset, found]) => ({ asset, checks: [...found].sort((a, b) => a.name.localeCompare(b.name)) }))
}

/** The check's last evaluation the instance recorded; null when never evaluated. */
export function checkResult(statuses: readonly AssetStatus[] | undefined, check: AssetCheck): { passed: boolean; severity: string | null } | null {
  const found = statuses?.find((s) => s.key === check.asset_key)?.checks.find((c) => c.name === check.name)
  return found && found.passed !== null ? { passed: found.passed, severity: found.severity } : null
}
