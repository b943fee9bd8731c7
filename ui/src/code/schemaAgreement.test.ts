/// <reference types="node" />
// The form and the YAML completion must accept the same keys at every object path of every
// component schema. By default this runs on the checked-in fixtures; with SCHEMAS_JSON naming a
// file of component types (as `GET /component-types` answers), on those: the API test passes the
// registry of a real project.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { normalizeSchema, type Field, type JSONSchema } from '../form'
import { COMPONENT_TYPES } from '../form/__fixtures__/fixtures'
import keywords from '../schema/__fixtures__/keywords.json'
import { ITEM, keysAt, type YamlPath } from './yamlSchemaCompletion'

interface TypeWithSchema {
  key: string
  schema: JSONSchema | null
}

const source = process.env.SCHEMAS_JSON
const types: TypeWithSchema[] = source
  ? (JSON.parse(readFileSync(source, 'utf8')) as TypeWithSchema[])
  : [...COMPONENT_TYPES, ...(keywords as TypeWithSchema[])]

/** A key of a mapping whose keys are free (additionalProperties). */
const ANY_KEY = 'any_key'
/** Deep enough for every real schema; recursive models stop at their first repetition anyway. */
const MAX_DEPTH = 10

/** The shapes a value may take in the form: a union's variants, or the field itself. */
const shapesOf = (field: Field): Field[] => (field.kind === 'union' ? field.variants.map((v) => v.field) : [field])

/** Every object path the form renders, with the keys it accepts there. */
function formPaths(root: JSONSchema): Map<string, { path: YamlPath; keys: Set<string> }> {
  const found = new Map<string, { path: YamlPath; keys: Set<string> }>()
  const walk = (field: Field, path: YamlPath, models: ReadonlySet<string>) => {
    if (path.length > MAX_DEPTH) return
    const shapes = shapesOf(field)
    const objects = shapes.filter((s) => s.kind === 'object')
    if (objects.length > 0) {
      const entry = found.get(path.join('.')) ?? { path, keys: new Set<string>() }
      for (const object of objects) for (const p of object.properties) entry.keys.add(p.key)
      found.set(path.join('.'), entry)
    }
    for (const shape of shapes) {
      if (shape.refName && models.has(shape.refName)) continue
      const inside = shape.refName ? new Set([...models, shape.refName]) : models
      if (shape.kind === 'object') {
        for (const p of shape.properties) walk(normalizeSchema(p.schema, root), [...path, p.key], inside)
      } else if (shape.kind === 'array') {
        walk(normalizeSchema(shape.items, root), [...path, ITEM], inside)
      } else if (shape.kind === 'map') {
        walk(normalizeSchema(shape.values, root), [...path, ANY_KEY], inside)
      }
    }
  }
  walk(normalizeSchema(root), [], new Set())
  return found
}

test('the form and the YAML completion accept the same keys at every object path', () => {
  const withSchema = types.filter((t): t is TypeWithSchema & { schema: JSONSchema } => t.schema !== null)
  expect(withSchema.length).toBeGreaterThan(0)
  const disagreements: string[] = []
  let paths = 0
  for (const type of withSchema) {
    for (const { path, keys } of formPaths(type.schema).values()) {
      paths++
      const form = [...keys].sort()
      const completion = [...new Set(keysAt(type.schema, path).map((k) => k.name))].sort()
      if (form.join() !== completion.join()) {
        disagreements.push(`${type.key} at ${path.join('.') || '(attributes)'}: form [${form}], completion [${completion}]`)
      }
    }
  }
  // read by the API test: proof that the schemas it wrote were the ones checked
  console.log(`schema agreement: ${withSchema.length} types, ${paths} object paths, from ${source ?? 'the fixtures'}`)
  expect(disagreements).toEqual([])
})
