/** Immutable edits on the plain data behind the form. `undefined` always means "remove". */

export type Obj = Record<string, unknown>

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function asObject(value: unknown): Obj {
  return isObject(value) ? value : {}
}

/** Sets `key`, or removes it when `next` is undefined; other keys keep their order and values. */
export function setKey(obj: Obj, key: string, next: unknown): Obj {
  if (next === undefined) {
    if (!(key in obj)) return obj
    const { [key]: _removed, ...rest } = obj
    void _removed
    return rest
  }
  return { ...obj, [key]: next }
}

/** Renames a key in place (same position). Returns the object unchanged if `to` is taken. */
export function renameKey(obj: Obj, from: string, to: string): Obj {
  if (from === to || to in obj) return obj
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]))
}

export function setItem<T>(list: readonly T[], index: number, next: T): T[] {
  return list.map((item, i) => (i === index ? next : item))
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list]
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item)
  return next
}

/** An optional container left empty by the user is dropped rather than written as `{}` or `[]`. */
export function pruneEmpty(value: unknown, keepEmpty: boolean): unknown {
  if (keepEmpty) return value
  if (Array.isArray(value) && value.length === 0) return undefined
  if (isObject(value) && Object.keys(value).length === 0) return undefined
  return value
}

/** Structural equality for JSON data, used to tell our own echoes from outside changes. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((k) => k in b && jsonEqual((a as Obj)[k], (b as Obj)[k]))
}
