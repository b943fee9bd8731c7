import { alternatives, asSchema, propertiesOf, resolve, type Branch, type JSONSchema, type Property } from '../schema'
import { humanize } from './text'
import { isObject } from './value'

export type { Property }

/** Dagster's marker for "this field has no default"; it must never be shown or written. */
export const UNSET_DEFAULT = '__DAGSTER_UNSET_DEFAULT__'

export type FieldKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'const'
  | 'object'
  | 'map'
  | 'array'
  | 'union'
  | 'json'

export interface Variant {
  label: string
  field: Field
  /** Constant properties to write when this variant is picked, so the value keeps selecting it. */
  discriminators: Record<string, unknown>
}

interface FieldBase {
  /** The schema's own title, raw; labels humanize it. */
  title?: string
  description?: string
  /** A real default: undefined for Dagster's unset sentinel and for null. */
  defaultValue?: unknown
  examples: unknown[]
  /** `{type: "null"}` was one of the branches. */
  nullable: boolean
  /** A `{type: "string"}` branch sits beside the real type, so the value may be a template string. */
  template: boolean
  format?: string
  /** The `$defs` name this field came from; rendering uses it to stop on recursive schemas. */
  refName?: string
}

export type Field = FieldBase &
  (
    | { kind: 'string' | 'number' | 'integer' | 'boolean' }
    | { kind: 'json'; expects: 'object' | 'any' }
    | { kind: 'enum'; options: unknown[] }
    | { kind: 'const'; value: unknown }
    | { kind: 'object'; properties: Property[]; additional: boolean; schema: JSONSchema }
    | { kind: 'map'; values: JSONSchema }
    | { kind: 'array'; items: JSONSchema }
    | { kind: 'union'; variants: Variant[] }
  )

export type FieldOf<K extends FieldKind> = Extract<Field, { kind: K }>

const SCALAR_KINDS: ReadonlySet<FieldKind> = new Set(['number', 'integer', 'boolean'])

const isNullBranch = (b: Branch) => b.schema.type === 'null'

/** A bare `{type: string}`: Dagster's template alternative, or a free text branch of a union. */
function isPlainString(b: Branch): boolean {
  const s = b.schema
  return s.type === 'string' && !('const' in s) && !Array.isArray(s.enum) && !s.properties
}

function cleanDefault(value: unknown): unknown {
  return value === UNSET_DEFAULT || value === null ? undefined : value
}

function annotations(s: JSONSchema): Omit<FieldBase, 'nullable' | 'template' | 'refName'> {
  return {
    title: typeof s.title === 'string' ? s.title : undefined,
    description: typeof s.description === 'string' ? s.description : undefined,
    defaultValue: cleanDefault(s.default),
    examples: Array.isArray(s.examples) ? s.examples : [],
    format: typeof s.format === 'string' ? s.format : undefined,
  }
}

/** Classifies one branch that has a single type. */
function classifyBranch(branch: Branch): Field {
  const s = branch.schema
  const base: FieldBase = { ...annotations(s), nullable: false, template: false, refName: branch.refName }
  if ('const' in s) return { ...base, kind: 'const', value: s.const }
  if (Array.isArray(s.enum)) return { ...base, kind: 'enum', options: s.enum }
  const type = s.type
  if (type === 'object' || (type === undefined && s.properties)) {
    if (s.properties) {
      return {
        ...base,
        kind: 'object',
        properties: propertiesOf(s),
        additional: s.additionalProperties !== undefined && s.additionalProperties !== false,
        schema: s,
      }
    }
    const values = s.additionalProperties
    if (typeof values === 'object' && values !== null && Object.keys(values).length > 0) {
      return { ...base, kind: 'map', values }
    }
    return { ...base, kind: 'json', expects: 'object' }
  }
  if (type === 'array' || (type === undefined && s.items !== undefined)) {
    return { ...base, kind: 'array', items: asSchema(s.items) }
  }
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') {
    return { ...base, kind: type }
  }
  return { ...base, kind: 'json', expects: 'any' }
}

const normalized = new WeakMap<JSONSchema, WeakMap<JSONSchema, Field>>()

/**
 * Classifies a (property) schema into the widget kind the form renders, resolving `$ref`s against
 * `root`. Children are not normalized eagerly, so recursive schemas cost nothing until rendered.
 */
export function normalizeSchema(schema: JSONSchema, root: JSONSchema = schema): Field {
  let cache = normalized.get(root)
  if (!cache) normalized.set(root, (cache = new WeakMap()))
  const hit = cache.get(schema)
  if (hit) return hit
  const field = classify(schema, root)
  cache.set(schema, field)
  return field
}

function classify(schema: JSONSchema, root: JSONSchema): Field {
  const { schema: outer, refName } = resolve(schema, root)
  const all = alternatives(outer, root)
  const nullable = all.some(isNullBranch)
  const nonNull = all.filter((b) => !isNullBranch(b))
  const strings = nonNull.filter(isPlainString)
  const real = nonNull.filter((b) => !isPlainString(b))
  // The property's own title/description/default win over those of a referenced model; a bare
  // `$ref` property has no title of its own, so it is labelled by its key, not by the model name.
  const base = { ...annotations(outer), nullable, refName }
  if (schema.$ref !== undefined && schema.title === undefined) base.title = undefined

  if (nonNull.length <= 1) {
    const only = classifyBranch(nonNull[0] ?? { schema: {} })
    return { ...only, ...base, refName: only.refName ?? refName, format: only.format ?? base.format, template: false }
  }
  if (real.length === 0) {
    return { ...classifyBranch(strings[0]), ...base, template: false }
  }

  const fields = real.map(classifyBranch)
  const kinds = new Set(fields.map((f) => f.kind))
  // integer | number is just a number.
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) {
    return { ...fields.find((f) => f.kind === 'number')!, ...base, template: strings.length > 0 }
  }
  if (fields.length === 1 && fields[0].kind !== 'object') {
    const only = fields[0]
    return { ...only, ...base, refName: only.refName ?? refName, template: strings.length > 0 }
  }
  // string | int | bool (e.g. tag values): one text input; existing non-text values are displayed as text.
  if (strings.length > 0 && [...kinds].every((k) => SCALAR_KINDS.has(k))) {
    return { ...classifyBranch(strings[0]), ...base, template: false }
  }
  return { ...base, template: false, kind: 'union', variants: buildVariants(nonNull, strings[0]) }
}

function buildVariants(branches: Branch[], firstString: Branch | undefined): Variant[] {
  const fields = branches.map(classifyBranch)
  const discriminatorKeys = findDiscriminatorKeys(fields)
  const stringFirst = firstString !== undefined && branches[0] === firstString
  const variants = fields.map((field, i): Variant => {
    const discriminators: Record<string, unknown> = {}
    if (field.kind === 'object') {
      for (const [key, value] of Object.entries(constProperties(field))) {
        const required = field.properties.some((p) => p.key === key && p.required)
        if (required || discriminatorKeys.has(key)) discriminators[key] = value
      }
    }
    return { label: variantLabel(field, branches[i], stringFirst, discriminators), field, discriminators }
  })
  // Labels must tell variants apart; numbering is the last resort.
  const counts = new Map<string, number>()
  for (const v of variants) counts.set(v.label, (counts.get(v.label) ?? 0) + 1)
  const seen = new Map<string, number>()
  return variants.map((v) => {
    if ((counts.get(v.label) ?? 0) < 2) return v
    const n = (seen.get(v.label) ?? 0) + 1
    seen.set(v.label, n)
    return { ...v, label: `${v.label} ${n}` }
  })
}

const KIND_LABELS: Record<FieldKind, string> = {
  string: 'Text',
  number: 'Number',
  integer: 'Integer',
  boolean: 'Boolean',
  enum: 'Choice',
  const: 'Constant',
  object: 'Object',
  map: 'Mapping',
  array: 'List',
  union: 'Value',
  json: 'Object (JSON)',
}

function variantLabel(field: Field, branch: Branch, stringFirst: boolean, discriminators: Record<string, unknown>): string {
  if (field.title) return humanize(field.title)
  if (branch.refName) return humanize(branch.refName)
  const tag = Object.values(discriminators).find((v) => typeof v === 'string')
  if (typeof tag === 'string') return humanize(tag)
  // A string listed after the real types is Dagster's injected template alternative.
  if (field.kind === 'string' && !stringFirst) return 'Template'
  return KIND_LABELS[field.kind]
}

/** Properties of an object whose schema pins them to a single constant value. */
function constProperties(field: FieldOf<'object'>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const p of field.properties) {
    if ('const' in p.schema) out[p.key] = p.schema.const
  }
  return out
}

function findDiscriminatorKeys(fields: Field[]): Set<string> {
  const valuesByKey = new Map<string, Set<unknown>>()
  for (const field of fields) {
    if (field.kind !== 'object') continue
    for (const [key, value] of Object.entries(constProperties(field))) {
      if (!valuesByKey.has(key)) valuesByKey.set(key, new Set())
      valuesByKey.get(key)!.add(value)
    }
  }
  return new Set([...valuesByKey].filter(([, values]) => values.size > 1).map(([key]) => key))
}

/** Properties the form does not render: constants are implied by the schema or by the variant picked. */
function isImpliedProperty(field: Field, property: Property, discriminators: Record<string, unknown>): boolean {
  return field.kind === 'const' && (!property.required || property.key in discriminators)
}

export interface VisibleProperty {
  key: string
  field: Field
  required: boolean
}

/** The properties an object body shows: all but those pinned to a constant. */
export function visibleProperties(
  field: FieldOf<'object'>,
  root: JSONSchema,
  discriminators: Record<string, unknown>,
): VisibleProperty[] {
  return field.properties
    .map((p) => ({ p, field: normalizeSchema(p.schema, root) }))
    .filter(({ p, field: f }) => !isImpliedProperty(f, p, discriminators))
    .map(({ p, field: f }) => ({ key: p.key, field: f, required: p.required }))
}

/** Whether an object body would show anything for `value`. */
export function hasVisibleContent(
  field: FieldOf<'object'>,
  root: JSONSchema,
  discriminators: Record<string, unknown>,
  value: unknown,
): boolean {
  const known = new Set(field.properties.map((p) => p.key))
  const extra = isObject(value) && Object.keys(value).some((k) => !known.has(k))
  return field.additional || extra || visibleProperties(field, root, discriminators).length > 0
}

function matchesScalar(field: Field, value: unknown): boolean {
  switch (field.kind) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'enum':
      return field.options.includes(value)
    case 'const':
      return value === field.value
    default:
      return false
  }
}

/** How well an object value fits an object variant; -Infinity when a constant contradicts it. */
function objectScore(field: Field, value: Record<string, unknown>): number {
  if (field.kind === 'map' || field.kind === 'json') return 0
  if (field.kind !== 'object') return -Infinity
  let score = 1
  for (const p of field.properties) {
    const present = p.key in value
    if ('const' in p.schema && present) {
      if (value[p.key] !== p.schema.const) return -Infinity
      score += 100
    } else if (present) {
      score += p.required ? 10 : 2
    } else if (p.required) {
      score -= 5
    }
  }
  if (!field.additional) {
    const known = new Set(field.properties.map((p) => p.key))
    score -= 5 * Object.keys(value).filter((k) => !known.has(k)).length
  }
  return score
}

/**
 * Index of the variant that best describes `value`, or -1 for no value. `preferred` (the variant the
 * user picked) wins ties, e.g. `{}` right after switching between two object variants.
 */
export function inferVariant(field: FieldOf<'union'>, value: unknown, preferred = -1): number {
  if (value === undefined || value === null) return -1
  const scores = field.variants.map((v) => {
    const f = v.field
    if (Array.isArray(value)) return f.kind === 'array' ? 1 : -Infinity
    if (isObject(value)) return objectScore(f, value)
    if (matchesScalar(f, value)) return f.kind === 'string' ? 1 : 2
    // A number for a number|string union could still be typed into the text variant.
    return f.kind === 'string' && typeof value !== 'object' ? 0 : -Infinity
  })
  const best = Math.max(...scores)
  if (best === -Infinity) return -1
  if (preferred >= 0 && scores[preferred] === best) return preferred
  return scores.indexOf(best)
}

export function isTemplateString(value: unknown): boolean {
  return typeof value === 'string' && /\{\{[\s\S]*?\}\}/.test(value)
}

/** Whether a template-capable field currently holds a string in place of its real type. */
export function holdsTemplate(field: Field, value: unknown): boolean {
  if (!field.template || typeof value !== 'string') return false
  return !matchesScalar(field, value)
}

/** The value a freshly added array item, map entry or picked variant starts with. */
export function initialValue(field: Field): unknown {
  if (field.template) return ''
  switch (field.kind) {
    case 'string':
      return ''
    case 'number':
    case 'integer':
      return 0
    case 'boolean':
      return false
    case 'enum':
      return field.options[0]
    case 'const':
      return field.value
    case 'array':
      return []
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const p of field.properties) if (p.required && 'const' in p.schema) out[p.key] = p.schema.const
      return out
    }
    case 'json':
      return field.expects === 'any' ? '' : {}
    case 'union': {
      const first = field.variants[0]
      const start = initialValue(first.field)
      return isObject(start) ? { ...start, ...first.discriminators } : start
    }
    case 'map':
      return {}
  }
}

/** Whether the widget for `field` can show `value` without losing any of it. */
export function fitsKind(field: Field, value: unknown): boolean {
  if (value === undefined || value === null) return true
  switch (field.kind) {
    case 'string':
      return ['string', 'number', 'boolean'].includes(typeof value)
    case 'number':
    case 'integer':
      return typeof value === 'number' || (field.template && typeof value === 'string')
    case 'boolean':
      return typeof value === 'boolean'
    case 'enum':
      return field.options.includes(value)
    case 'const':
      return value === field.value
    case 'object':
    case 'map':
      return isObject(value)
    case 'array':
      return Array.isArray(value)
    case 'json':
      return field.expects === 'any' || isObject(value)
    case 'union':
      return inferVariant(field, value) >= 0
  }
}

/** What a list item or map value holds once its input is emptied: it must keep some value. */
export function clearedValue(field: Field): unknown {
  return field.template || field.kind === 'string' || (field.kind === 'json' && field.expects === 'any') ? '' : null
}

/** The default (or else the first example) as placeholder text; never the unset sentinel. */
export function placeholderFor(field: Field): string | undefined {
  const d = field.defaultValue
  const meaningful = d !== undefined && d !== '' && !(Array.isArray(d) && d.length === 0)
  if (meaningful && typeof d !== 'object') return String(d)
  const example = field.examples[0]
  if (example === undefined || example === null) return undefined
  if (typeof example === 'object') return undefined
  return `e.g. ${String(example)}`
}
