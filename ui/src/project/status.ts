// What the project screen says about the definitions, derived once so that the top bar, the
// canvas and the problems bar agree. Pure.
import { plural } from '../ui/names'
import type { Definitions, ProblemItem, WarningItem, WorkerStatus } from '../api/types'

export interface DefinitionsStatus {
  /** no definitions have arrived yet */
  loading: boolean
  /** what the canvas shows: the last definitions that loaded, while the project does not load */
  shown: Definitions | undefined
  /** the project does not load now; `shown` is the last load that did */
  stale: boolean
  problems: ProblemItem[]
  /** what loads but will not work as meant; never counted as problems */
  warnings: WarningItem[]
}

export function definitionsStatus(
  current: Definitions | undefined,
  lastGood: Definitions | undefined,
  error: Error | null,
): DefinitionsStatus {
  const failing = !!current && current.errors.length > 0 && current.assets.length === 0
  const stale = failing && lastGood !== undefined
  const problems = current?.errors ?? (error ? [{ message: `The definitions could not be read: ${error.message}` }] : [])
  const warnings = current?.warnings ?? []
  return {
    loading: current === undefined && error === null,
    shown: stale && lastGood ? { ...lastGood, errors: problems, warnings } : current,
    stale,
    problems,
    warnings,
  }
}

/** "2 problems, 1 warning": the parts to say, each with its tone; empty when all is well. */
export function problemSummary(problems: number, warnings: number): Array<{ tone: 'error' | 'warn'; text: string }> {
  const parts: Array<{ tone: 'error' | 'warn'; text: string }> = []
  if (problems) parts.push({ tone: 'error', text: plural(problems, 'problem') })
  if (warnings) parts.push({ tone: 'warn', text: plural(warnings, 'warning') })
  return parts
}

/** The top bar's worker badge: its text and its tooltip. A worker the server stopped because
 * its project had no client says so: the next request (reconnecting included) starts it. */
export function workerBadge(worker: Pick<WorkerStatus, 'state' | 'detail' | 'restarts'>): { label: string; title: string } {
  const idle = worker.state === 'stopped' && worker.detail === 'idle'
  const restarts = worker.restarts ? ` · ${plural(worker.restarts, 'restart')}` : ''
  return {
    label: `worker ${worker.state}${idle ? ' (idle)' : ''}${restarts}`,
    title: idle
      ? 'Stopped: nobody used the project for a while. The next request starts it again.'
      : (worker.detail ?? `worker ${worker.state}`),
  }
}
