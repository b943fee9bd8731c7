import { isObject } from './value'

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string }

/** JSON text for a value; bare strings stay bare unless they would read back as something else. */
export function formatJson(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return looksLikeJson(value) ? JSON.stringify(value) : value
  return JSON.stringify(value, null, 2)
}

function looksLikeJson(text: string): boolean {
  if (/^\s*[[{"]/.test(text)) return true
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Parses editor text. Empty means "unset". For free-form values a bare word is taken as a string,
 * as YAML would; for free-form objects only a JSON object is accepted.
 */
export function parseJson(text: string, expects: 'object' | 'any'): Parsed {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: undefined }
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch (e) {
    if (expects === 'any' && !/^[[{"]/.test(trimmed)) return { ok: true, value: text }
    return { ok: false, error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
  if (expects === 'object' && !isObject(value)) {
    return { ok: false, error: 'Expected a JSON object, e.g. {"key": "value"}.' }
  }
  return { ok: true, value }
}
