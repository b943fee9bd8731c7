// Completion in component files (defs.yaml), pure: where the cursor is in the YAML (read from
// indentation, because the text being typed rarely parses) and what the component type's JSON
// schema allows there.
import { alternatives, asSchema, propertiesOf, resolve, type JSONSchema } from '../schema'

/** A path segment for "an item of this sequence". */
export const ITEM = '[]'

/** Mapping keys from the document root, with ITEM for sequence items. */
export type YamlPath = string[]

export interface YamlCursor {
  /** completing a mapping key (or a sequence item) under `path`, or the value at `path` */
  kind: 'key' | 'value'
  path: YamlPath
  /** where the text being completed starts */
  from: number
  prefix: string
}

interface LineShape {
  /** columns of the "- " indicators, left to right */
  dashes: number[]
  key: { name: string; column: number; value: string } | null
}

const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"\-{[][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(.*))?$/

const unquote = (text: string) => (/^(["']).*\1$/.test(text) ? text.slice(1, -1) : text)

/** A value without its trailing comment. */
const valueOf = (text: string) => text.replace(/(^|\s)#.*$/, '').trim()

function shapeOf(line: string): LineShape | null {
  const indent = line.length - line.trimStart().length
  const content = line.slice(indent)
  if (content === '' || content.startsWith('#')) return null
  const dashes: number[] = []
  let column = indent
  let rest = content
  for (let dash = /^-( +|$)/.exec(rest); dash; dash = /^-( +|$)/.exec(rest)) {
    dashes.push(column)
    column += dash[0].length
    rest = rest.slice(dash[0].length)
  }
  const key = KEY.exec(rest)
  return { dashes, key: key ? { name: unquote(key[1].trim()), column, value: valueOf(key[2] ?? '') } : null }
}

/** A key's inline value that still lets it have an indented block: nothing, an anchor or a tag. */
const opensBlock = (value: string) => /^((&|!)\S*\s*)*$/.test(value)

const isBoundary = (line: string) => /^(---|\.\.\.)(\s|$)/.test(line)

/**
 * The keys that contain a node starting at `column` of line `index` (outermost first); `dash`:
 * that node is a sequence item (whose parent key may sit at the same column). Null when the node
 * is inside a scalar (a block string, say), where nothing is completed.
 */
function parentPath(lines: readonly string[], index: number, column: number, dash: boolean): YamlPath | null {
  const path: YamlPath = []
  let threshold = column
  let item = dash
  for (let i = index - 1; i >= 0 && (threshold > 0 || item); i--) {
    if (isBoundary(lines[i])) break
    const shape = shapeOf(lines[i])
    if (!shape) continue
    const { key, dashes } = shape
    // right to left: a key belongs to the items its line opens
    if (key && (key.column < threshold || (item && key.column === threshold))) {
      if (!opensBlock(key.value)) return null
      path.unshift(key.name)
      threshold = key.column
      item = false
    }
    for (const dashColumn of [...dashes].reverse()) {
      if (dashColumn < threshold) {
        path.unshift(ITEM)
        threshold = dashColumn
        item = true
      }
    }
  }
  return path
}

/** What is being completed at `offset`, or null where this completion has nothing to offer. */
export function yamlCursor(text: string, offset: number): YamlCursor | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const before = text.slice(lineStart, offset)
  const lines = text.slice(0, lineStart).split('\n')
  const index = lines.length - 1
  const head = /^( *)((?:- +)*)/.exec(before)!
  const dashes: number[] = []
  for (let column = head[1].length, rest = head[2]; rest; ) {
    dashes.push(column)
    const width = /^- +/.exec(rest)![0].length
    column += width
    rest = rest.slice(width)
  }
  const column = head[0].length
  const body = before.slice(column)
  const items = dashes.map(() => ITEM)
  const parents = () => parentPath(lines, index, dashes[0] ?? column, dashes.length > 0)

  const key = /^[\w.-]*$/.exec(body)
  if (key) {
    const path = parents()
    return path && { kind: 'key', path: [...path, ...items], from: offset - body.length, prefix: body }
  }
  const value = /^("[^"]*"|'[^']*'|[\w.-]+) *: +([^\s#]*)$/.exec(body)
  if (value) {
    const path = parents()
    const prefix = value[2]
    return path && { kind: 'value', path: [...path, ...items, unquote(value[1])], from: offset - prefix.length, prefix }
  }
  return null
}

/** The `type:` of the YAML document (of a multi-document file) that contains `offset`. */
export function documentType(text: string, offset: number): string | null {
  const lines = text.split('\n')
  let position = 0
  let start = 0
  let end = lines.length
  for (let i = 0; i < lines.length; i++) {
    if (isBoundary(lines[i])) {
      if (position <= offset) start = i + 1
      else {
        end = i
        break
      }
    }
    position += lines[i].length + 1
  }
  for (const line of lines.slice(start, end)) {
    const match = /^type:\s*(.+)$/.exec(line)
    if (match) return unquote(valueOf(match[1])) || null
  }
  return null
}

// -- the schema side ---------------------------------------------------------------------------

/** The resolved alternatives of a (child) schema; none where the schema forbids a value. */
const branchesOf = (root: JSONSchema, schema: JSONSchema | boolean | undefined): JSONSchema[] =>
  schema === undefined || schema === false ? [] : alternatives(asSchema(schema), root).map((b) => b.schema)

/** Every schema the node at `path` may have to satisfy, resolved as the form resolves it. */
export function schemasAt(root: JSONSchema, path: YamlPath): JSONSchema[] {
  let current = branchesOf(root, root)
  for (const segment of path) {
    current = current.flatMap((schema) => {
      if (segment === ITEM) return branchesOf(root, schema.items)
      const property = schema.properties?.[segment]
      if (property !== undefined) return branchesOf(root, property)
      return typeof schema.additionalProperties === 'object' ? branchesOf(root, schema.additionalProperties) : []
    })
  }
  return current
}

export interface KeyOption {
  name: string
  description: string | null
  required: boolean
}

/** The keys a mapping at `path` may have, in the schema's order. */
export function keysAt(root: JSONSchema, path: YamlPath): KeyOption[] {
  const options = new Map<string, KeyOption>()
  for (const schema of schemasAt(root, path)) {
    for (const { key, schema: property, required } of propertiesOf(schema)) {
      if (options.has(key)) continue
      const description =
        resolve(property, root).schema.description ?? alternatives(property, root).find((b) => b.schema.description)?.schema.description
      options.set(key, { name: key, description: typeof description === 'string' ? description : null, required })
    }
  }
  return [...options.values()]
}

/** The fixed values a scalar at `path` may take: enums, constants and booleans. */
export function valuesAt(root: JSONSchema, path: YamlPath): string[] {
  const values = new Set<string>()
  for (const schema of schemasAt(root, path)) {
    for (const value of schema.enum ?? []) values.add(String(value))
    if (schema.const !== undefined) values.add(String(schema.const))
    if ([schema.type].flat().includes('boolean')) ['true', 'false'].forEach((v) => values.add(v))
  }
  return [...values]
}

// -- completions -------------------------------------------------------------------------------

/** The keys of a component file's document, besides the component's own attributes. */
const DOCUMENT_KEYS: KeyOption[] = [
  { name: 'type', description: 'The component type, such as dagster.PythonScriptComponent.', required: true },
  { name: 'attributes', description: "The component's attributes, as its schema describes them.", required: false },
  { name: 'template_vars_module', description: 'A module whose functions provide template variables.', required: false },
  { name: 'requirements', description: 'Environment variables and other requirements of the component.', required: false },
  { name: 'post_processing', description: "Rules applied to the component's asset specs after loading.", required: false },
]

export interface ComponentTypeInfo {
  key: string
  summary: string | null
  schema: JSONSchema | null
}

/** Structurally a CodeMirror `Completion`. */
export interface YamlCompletion {
  label: string
  type: 'property' | 'enum' | 'class'
  detail?: string
  info?: string
  apply?: string
  /** ranks required keys first */
  boost?: number
}

const keyCompletion = (option: KeyOption): YamlCompletion => ({
  label: option.name,
  type: 'property',
  apply: `${option.name}: `,
  ...(option.required ? { detail: 'required', boost: 1 } : {}),
  ...(option.description ? { info: option.description } : {}),
})

const valueCompletion = (value: string): YamlCompletion => ({ label: value, type: 'enum' })

/** What can be written at `cursor` of a component file, given the project's component types. */
export function completeComponentYaml(text: string, cursor: YamlCursor, types: readonly ComponentTypeInfo[]): YamlCompletion[] {
  const { kind, path } = cursor
  if (kind === 'value' && path.length === 1 && path[0] === 'type') {
    return types.map((type) => ({ label: type.key, type: 'class', ...(type.summary ? { info: type.summary } : {}) }))
  }
  if (kind === 'key' && path.length === 0) return DOCUMENT_KEYS.map(keyCompletion)
  if (path[0] !== 'attributes') return []
  const typeKey = documentType(text, cursor.from)
  const schema = types.find((type) => type.key === typeKey)?.schema
  if (!schema) return []
  const inner = path.slice(1)
  if (kind === 'value') return valuesAt(schema, inner).map(valueCompletion)
  // a sequence item may be a mapping (keys) or a scalar (enum values)
  const items = inner.at(-1) === ITEM ? valuesAt(schema, inner).map(valueCompletion) : []
  return [...keysAt(schema, inner).map(keyCompletion), ...items]
}
