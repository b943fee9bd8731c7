// What a new component instance needs before its first file is written: the attributes its
// schema requires (at every level), and whether the user filled them. Pure.
import { humanize, singular } from './text'
import { inferVariant, normalizeSchema, UNSET_DEFAULT, type Field } from './schema'
import type { JSONSchema } from './types'
import { isObject } from './value'

type Node = JSONSchema | boolean

function mapNode(node: Node | undefined, f: (schema: JSONSchema) => JSONSchema): Node | undefined {
  return typeof node === 'object' && node !== null ? f(node) : node
}

/** One schema node with only its required properties, its children likewise. */
function strip(schema: JSONSchema, extra: readonly string[] = []): JSONSchema {
  const out: JSONSchema = { ...schema }
  if (schema.properties) {
    const required = [...new Set([...(schema.required ?? []), ...extra.filter((k) => k in schema.properties!)])]
    out.properties = Object.fromEntries(required.map((key) => [key, mapNode(schema.properties![key], (s) => strip(s))!]))
    out.required = required
    // a model's other keys are for later, in the property panel
    delete out.additionalProperties
  } else if (schema.additionalProperties !== undefined) {
    out.additionalProperties = mapNode(schema.additionalProperties, (s) => strip(s))
  }
  if (schema.items !== undefined) out.items = mapNode(schema.items, (s) => strip(s))
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key]
    if (Array.isArray(list)) out[key] = list.map((n) => mapNode(n, (s) => strip(s))!)
  }
  return out
}

/**
 * The attributes schema with only what must be set. Dagster's executable components (a script,
 * a function, SQL) declare their `assets` and `checks` as optional, yet refuse to load with
 * neither ("No assets or checks provided"), so `assets` counts as required for them.
 */
export function requiredSchema(schema: JSONSchema): JSONSchema {
  const properties = schema.properties ?? {}
  const produces = 'assets' in properties && 'checks' in properties ? ['assets'] : []
  const out = strip(schema, produces)
  for (const defs of ['$defs', 'definitions'] as const) {
    const models = schema[defs]
    if (models) out[defs] = Object.fromEntries(Object.entries(models).map(([name, s]) => [name, strip(s)]))
  }
  return out
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)

/** The required fields `value` leaves empty, as labels a user recognizes ("Execution › Path"),
 * in the order of the form. */
export function missingRequired(schema: JSONSchema, value: unknown): string[] {
  const missing: string[] = []
  const visit = (field: Field, at: unknown, label: string) => {
    if (field.kind === 'union') {
      // an empty required union shows its first variant: name that variant's empty fields
      const index = isEmpty(at) ? 0 : inferVariant(field, at)
      if (index >= 0) visit(field.variants[index].field, isEmpty(at) ? {} : at, label)
      return
    }
    if (field.kind === 'array' && Array.isArray(at)) {
      const item = normalizeSchema(field.items, schema)
      const name = singular(label.split(' › ').pop() ?? label)
      at.forEach((entry, i) => visit(item, entry, `${label} › ${name} ${i + 1}`))
      return
    }
    if (field.kind !== 'object' || !isObject(at)) return
    for (const property of field.properties) {
      const child = normalizeSchema(property.schema, schema)
      const name = humanize(child.title ?? property.key)
      const where = label ? `${label} › ${name}` : name
      const value = at[property.key]
      if (!isEmpty(value)) visit(child, value, where)
      else if (property.required) {
        // an empty model is named by the fields it needs, as the form shows them
        const before = missing.length
        if (child.kind === 'object' || child.kind === 'union') visit(child, child.kind === 'object' ? {} : undefined, where)
        if (missing.length === before) missing.push(where)
      }
    }
  }
  visit(normalizeSchema(schema), isObject(value) ? value : {}, '')
  return missing
}

/** The defaults the schema gives for required fields, to start the form with. */
export function requiredDefaults(schema: JSONSchema): Record<string, unknown> {
  const root = normalizeSchema(schema)
  if (root.kind !== 'object') return {}
  const out: Record<string, unknown> = {}
  for (const property of root.properties) {
    const value = property.schema.default
    if (property.required && value !== undefined && value !== null && value !== UNSET_DEFAULT) out[property.key] = value
  }
  return out
}
