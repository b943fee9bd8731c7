// What the project screen says about the definitions, derived once so that the top bar, the
// canvas and the problems bar agree. Pure.
import type { Definitions, ProblemItem } from '../api/types'

export interface DefinitionsStatus {
  /** no definitions have arrived yet */
  loading: boolean
  /** what the canvas shows: the last definitions that loaded, while the project does not load */
  shown: Definitions | undefined
  /** the project does not load now; `shown` is the last load that did */
  stale: boolean
  problems: ProblemItem[]
}

export function definitionsStatus(
  current: Definitions | undefined,
  lastGood: Definitions | undefined,
  error: Error | null,
): DefinitionsStatus {
  const failing = !!current && current.errors.length > 0 && current.assets.length === 0
  const stale = failing && lastGood !== undefined
  const problems = current?.errors ?? (error ? [{ message: `The definitions could not be read: ${error.message}` }] : [])
  return {
    loading: current === undefined && error === null,
    shown: stale && lastGood ? { ...lastGood, errors: problems } : current,
    stale,
    problems,
  }
}
