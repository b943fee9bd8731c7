// Reading a JSON schema as JSON Schema means it, for every view that walks one (the form, the
// YAML completion): `$ref`s resolve against the root and the keywords beside them still apply,
// `allOf` parts merge into one schema, `anyOf`/`oneOf` (and `type` lists) are alternatives. Pure.
import type { JSONSchema } from './types'

/** A schema with its `$ref`s followed and its `allOf` merged; `refName`: the model it came from. */
export interface Branch {
  schema: JSONSchema
  refName?: string
}

export interface Property {
  key: string
  schema: JSONSchema
  required: boolean
}

/** `true` (anything goes) and a missing schema are both free-form; `false` is treated alike. */
export function asSchema(s: JSONSchema | boolean | undefined): JSONSchema {
  return typeof s === 'object' && s !== null ? s : {}
}

function pointer(root: JSONSchema, ref: string): JSONSchema | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return typeof node === 'object' && node !== null ? (node as JSONSchema) : undefined
}

/** Both schemas' keywords; properties and required lists are united, `b` wins elsewhere. */
function merge(a: JSONSchema, b: JSONSchema): JSONSchema {
  const merged: JSONSchema = { ...a, ...b }
  if (a.properties && b.properties) merged.properties = { ...a.properties, ...b.properties }
  if (a.required && b.required) merged.required = [...new Set([...a.required, ...b.required])]
  return merged
}

/** Follows `$ref` chains (the keywords beside a `$ref` merge over its target) and merges `allOf`. */
export function resolve(schema: JSONSchema, root: JSONSchema, seen: ReadonlySet<string> = new Set()): Branch {
  let current = schema
  let refName: string | undefined
  const visited = new Set(seen)
  while (typeof current.$ref === 'string') {
    const ref = current.$ref
    const target = visited.has(ref) ? undefined : pointer(root, ref)
    const { $ref: _ignored, ...siblings } = current
    void _ignored
    // An unresolvable or cyclic alias becomes a free-form value rather than looping forever.
    if (!target) return { schema: siblings, refName }
    visited.add(ref)
    refName = ref.split('/').pop()
    current = merge(target, siblings)
  }
  if (Array.isArray(current.allOf)) {
    const { allOf, ...rest } = current
    let merged: JSONSchema = {}
    for (const part of allOf) {
      const resolved = resolve(asSchema(part), root, visited)
      refName ??= resolved.refName
      merged = merge(merged, resolved.schema)
    }
    current = merge(merged, rest)
  }
  return { schema: current, refName }
}

/** Every alternative a value may take, resolved, with nested anyOf/oneOf and `type: [...]` lists
 * flattened into single-typed branches. */
export function alternatives(schema: JSONSchema, root: JSONSchema): Branch[] {
  const { schema: s, refName } = resolve(schema, root)
  const options = s.anyOf ?? s.oneOf
  if (Array.isArray(options)) return options.flatMap((option) => alternatives(asSchema(option), root))
  if (Array.isArray(s.type)) return s.type.map((type) => ({ schema: { ...s, type }, refName }))
  return [{ schema: s, refName }]
}

/** The properties of a resolved object schema, in `ui:order` and then the schema's order;
 * those the schema forbids (`false`) are left out. */
export function propertiesOf(s: JSONSchema): Property[] {
  const props = s.properties ?? {}
  const required = new Set(s.required ?? [])
  const order = Array.isArray(s['ui:order']) ? s['ui:order'].filter((k) => k in props) : []
  const keys = [...new Set([...order, ...Object.keys(props)])]
  return keys
    .filter((key) => props[key] !== false)
    .map((key) => ({ key, schema: asSchema(props[key]), required: required.has(key) }))
}
