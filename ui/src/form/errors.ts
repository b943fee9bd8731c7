import type { FieldError } from './types'

export function joinPath(base: string, key: string | number): string {
  return base === '' ? String(key) : `${base}.${key}`
}

/**
 * Routes the errors at or below `path` to the child fields a container renders; what no child
 * claims (the container's own errors, or paths into things it does not render) stays `own`.
 * Keys are matched whole, longest first, so map keys containing dots still route correctly.
 */
export function splitErrors(
  errors: readonly FieldError[],
  path: string,
  childKeys: Iterable<string | number>,
): { own: FieldError[]; byChild: Map<string, FieldError[]> } {
  const keys = [...new Set([...childKeys].map(String))].sort((a, b) => b.length - a.length)
  const own: FieldError[] = []
  const byChild = new Map<string, FieldError[]>()
  const prefix = path === '' ? '' : `${path}.`
  for (const error of errors) {
    const field = error.field ?? ''
    const rest = field.startsWith(prefix) ? field.slice(prefix.length) : null
    const key = rest === null || field === path ? undefined : keys.find((k) => rest === k || rest.startsWith(`${k}.`))
    if (key === undefined) own.push(error)
    else byChild.set(key, [...(byChild.get(key) ?? []), error])
  }
  return { own, byChild }
}

/** Whether any of `errors` makes the value invalid (warnings do not). */
export const isInvalid = (errors: readonly FieldError[]): boolean => errors.some((e) => e.severity !== 'warning')

/** "execution.path" shown inside the "execution" field reads better as "path". */
export function relativeLabel(error: FieldError, path: string): string | null {
  const field = error.field ?? ''
  if (field === path || field === '') return null
  return path !== '' && field.startsWith(`${path}.`) ? field.slice(path.length + 1) : field
}
