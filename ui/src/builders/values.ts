// What the builder forms type and what the builders take: lists as text, key/value rows,
// run config as YAML or JSON, the server's refusals per field, and where a new function's body
// starts. Pure.
import { parse } from 'yaml'
import type { Target } from '../api/builders'
import { ApiError } from '../api/client'
import type { Definitions } from '../api/types'

/** `a, b,, c` → `['a', 'b', 'c']`. */
export const parseList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

export const listText = (items: readonly string[] | null | undefined): string => (items ?? []).join(', ')

export interface Pair {
  key: string
  value: string
}

export const pairsOf = (record: Record<string, string> | null | undefined): Pair[] =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value }))

/** The rows as an object; blank rows are left out, a value without a key or a key twice is an
 * error. */
export function recordOf(pairs: readonly Pair[], what = 'key'): { value: Record<string, string>; error: string | null } {
  const value: Record<string, string> = {}
  for (const { key, value: text } of pairs) {
    const name = key.trim()
    if (!name && !text.trim()) continue
    if (!name) return { value, error: `The value “${text}” has no ${what}.` }
    if (name in value) return { value, error: `The ${what} “${name}” is there twice.` }
    value[name] = text
  }
  return { value, error: null }
}

/** Run config typed as YAML or JSON (YAML reads JSON too): an object, or why not. */
export function parseConfig(text: string): { value: Record<string, unknown> | null; error: string | null } {
  if (!text.trim()) return { value: null, error: null }
  let value: unknown
  try {
    value = parse(text)
  } catch (failure) {
    const message = failure instanceof Error ? failure.message.split('\n')[0] : String(failure)
    return { value: null, error: `The run config is neither YAML nor JSON: ${message}` }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) return { value: value as Record<string, unknown>, error: null }
  return { value: null, error: 'The run config must be a mapping, e.g. `ops: {…}`.' }
}

/** A new schedule's or sensor's target: the project's first job, or a selection to type. */
export const firstTarget = (definitions: Definitions | undefined): Target =>
  definitions?.jobs.length ? { job: definitions.jobs[0].name } : { selection: '' }

/** A job named, or a selection typed. */
export const targetFilled = (target: Target): boolean => (target.job !== undefined ? !!target.job : !!target.selection.trim())

/** A refused save: the message for the whole form, and one per field path (`target`,
 * `partitions.start_date`) from pydantic's 422. */
export interface FormErrors {
  message: string | null
  fields: Record<string, string>
}

interface Pydantic {
  loc?: Array<string | number>
  msg?: string
}

export const NO_ERRORS: FormErrors = { message: null, fields: {} }

export function formErrors(error: unknown): FormErrors {
  if (!error) return NO_ERRORS
  const detail = error instanceof ApiError ? error.body?.detail : undefined
  if (!Array.isArray(detail)) return { message: error instanceof Error ? error.message : String(error), fields: {} }
  const fields: Record<string, string> = {}
  const general: string[] = []
  for (const item of detail as Pydantic[]) {
    const loc = (item.loc ?? []).map(String)
    // the request body's own place: `body` then `params`
    const path = loc.slice(loc[0] === 'body' ? (loc[1] === 'params' ? 2 : 1) : 0).join('.')
    const message = (item.msg ?? 'Invalid value').replace(/^(Value|Assertion) error, /, '')
    if (!path) general.push(message)
    else fields[path] = fields[path] ? `${fields[path]} ${message}` : message
  }
  return { message: general.length ? general.join(' ') : null, fields }
}

/** The field errors the form shows nowhere (their top-level field is not on screen), as
 * `path: message`. */
export const unclaimed = (errors: FormErrors, shown: readonly string[]): string[] =>
  Object.entries(errors.fields)
    .filter(([path]) => !shown.includes(path.split('.')[0]))
    .map(([path, message]) => `${path}: ${message}`)

/** The error of the field at `path` or inside it (`target` has `target.job`'s). */
export function fieldError(errors: FormErrors, path: string): string | null {
  const found = Object.entries(errors.fields).filter(([p]) => p === path || p.startsWith(`${path}.`))
  return found.length ? found.map(([, message]) => message).join(' ') : null
}

/** Where editing the definition `name` starts in a Python file (1-based): the first line of its
 * function's body, or the line that assigns it (`name = dg.ScheduleDefinition(...)`); null if
 * neither is there. */
export function codeLine(text: string, name: string): number | null {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => new RegExp(`^\\s*(async\\s+)?def\\s+${name}\\s*\\(`).test(line))
  if (start < 0) {
    const assigned = lines.findIndex((line) => new RegExp(`^${name}\\s*(:[^=]*)?=`).test(line))
    return assigned < 0 ? null : assigned + 1
  }
  for (let i = start; i < lines.length; i++) {
    if (/\)\s*(->[^:]*)?:\s*(#.*)?$/.test(lines[i])) return Math.min(i + 2, lines.length)
  }
  return null
}
