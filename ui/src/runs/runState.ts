// What runs mean on screen, computed from the API's answers: an asset's state, a components'
// roll-up, the steps of a run as a timeline, the frames of a stack trace that are the project's
// own files, and the selection that names some assets. Pure: no React, no requests.
import { isActive } from '../api/runs'
import type { AssetStatus, RunEvent } from '../api/types'

export type AssetState = 'never' | 'running' | 'materialized' | 'failed'

export interface AssetRunView {
  state: AssetState
  /** seconds since the epoch of the last materialization */
  materializedAt: number | null
  /** what Dagster recorded with its last materialization */
  metadata: NonNullable<AssetStatus['last_materialization']>['metadata']
  /** the run that last planned it */
  lastRunId: string | null
  checks: { passed: number; failed: number; total: number }
  checkResults: AssetStatus['checks']
}

export function assetRunView(status: AssetStatus | undefined): AssetRunView {
  const checks = { passed: 0, failed: 0, total: status?.checks.length ?? 0 }
  for (const check of status?.checks ?? []) {
    if (check.passed === true) checks.passed += 1
    else if (check.passed === false) checks.failed += 1
  }
  const materialization = status?.last_materialization ?? null
  const run = status?.last_run ?? null
  const fromLastRun = !!run && materialization?.run_id === run.run_id
  let state: AssetState = materialization ? 'materialized' : 'never'
  if (run && !fromLastRun && isActive(run.status)) state = 'running'
  else if (run && !fromLastRun && (run.status === 'FAILURE' || run.status === 'CANCELED')) state = 'failed'
  return {
    state,
    materializedAt: materialization?.timestamp ?? null,
    metadata: materialization?.metadata ?? [],
    lastRunId: run?.run_id ?? null,
    checks,
    checkResults: status?.checks ?? [],
  }
}

/** A component's assets in one word: failed before running before materialized. */
export function rollUp(views: AssetRunView[]): { state: AssetState; materialized: number; total: number } | null {
  if (views.length === 0) return null
  const materialized = views.filter((v) => v.materializedAt !== null).length
  const has = (state: AssetState) => views.some((v) => v.state === state)
  const state: AssetState = has('failed')
    ? 'failed'
    : has('running')
      ? 'running'
      : materialized === views.length
        ? 'materialized'
        : 'never'
  return { state, materialized, total: views.length }
}

/** `key:"a/b" or key:"c"`: Dagster's selection of exactly these assets. */
export const selectionOf = (keys: readonly string[]) => keys.map((key) => `key:"${key}"`).join(' or ')

export function timeAgo(seconds: number, now: number = Date.now() / 1000): string {
  const ago = Math.max(0, now - seconds)
  if (ago < 60) return 'just now'
  if (ago < 3600) return `${Math.floor(ago / 60)} min ago`
  if (ago < 86400) return `${Math.floor(ago / 3600)} h ago`
  return new Date(seconds * 1000).toLocaleDateString()
}

export function duration(start: number | null, end: number | null, now: number = Date.now() / 1000): string {
  if (start === null) return ''
  const total = Math.max(0, (end ?? now) - start)
  if (total < 60) return `${total.toFixed(1)} s`
  const minutes = Math.floor(total / 60)
  return `${minutes} min ${Math.round(total - minutes * 60)} s`
}

export type StepState = 'running' | 'succeeded' | 'failed' | 'skipped'

export interface Step {
  key: string
  start: number
  end: number | null
  state: StepState
}

const STEP_END: Record<string, StepState> = {
  STEP_SUCCESS: 'succeeded',
  STEP_FAILURE: 'failed',
  STEP_SKIPPED: 'skipped',
}

/** The run's steps in the order they started, with when each ended and how. */
export function steps(events: readonly RunEvent[]): Step[] {
  const found = new Map<string, Step>()
  for (const event of events) {
    if (!event.step_key) continue
    let step = found.get(event.step_key)
    if (!step) {
      step = { key: event.step_key, start: event.timestamp, end: null, state: 'running' }
      found.set(event.step_key, step)
    }
    const ended = STEP_END[event.event_type]
    if (ended) {
      step.state = ended
      step.end = event.timestamp
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start)
}

export interface Frame {
  text: string
  /** project-relative path when the frame is in the project's own files (not its .venv) */
  path: string | null
  line: number | null
}

const FRAME = /^\s*File "(.+)", line (\d+)/

/** The lines of a Python stack trace; the frames in the project's files can be opened. */
export function frames(stack: string, projectRoot: string): Frame[] {
  const root = projectRoot.endsWith('/') ? projectRoot : `${projectRoot}/`
  return stack
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => {
      const match = FRAME.exec(text)
      if (!match || !match[1].startsWith(root)) return { text, path: null, line: null }
      const path = match[1].slice(root.length)
      const own = !path.startsWith('.venv/') && !path.includes('/site-packages/')
      return { text, path: own ? path : null, line: own ? Number(match[2]) : null }
    })
}
