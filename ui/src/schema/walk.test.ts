import { describe, expect, test } from 'vitest'
import { alternatives, propertiesOf, resolve } from './walk'
import type { JSONSchema } from './types'

const root: JSONSchema = {
  $defs: {
    Named: { type: 'object', title: 'Named', properties: { name: { type: 'string' } }, required: ['name'] },
    Retries: { type: 'object', properties: { max_retries: { type: 'integer' } } },
    Loop: { $ref: '#/$defs/Loop' },
  },
}

const keys = (schema: JSONSchema) => propertiesOf(schema).map((p) => `${p.key}${p.required ? '*' : ''}`)

describe('resolve', () => {
  test('the keywords beside a $ref apply too: properties and required lists unite', () => {
    const { schema, refName } = resolve(
      { $ref: '#/$defs/Named', description: 'Who owns it', properties: { email: { type: 'string' } }, required: ['email'] },
      root,
    )
    expect(refName).toBe('Named')
    expect(schema.description).toBe('Who owns it')
    expect(keys(schema)).toEqual(['name*', 'email*'])
  })

  test('allOf parts merge into one schema', () => {
    const { schema } = resolve({ allOf: [{ $ref: '#/$defs/Named' }, { $ref: '#/$defs/Retries' }], title: 'Policy' }, root)
    expect(keys(schema)).toEqual(['name*', 'max_retries'])
    expect(schema.title).toBe('Policy')
  })

  test('a cyclic or unknown $ref is free-form, not an endless loop', () => {
    expect(resolve({ $ref: '#/$defs/Loop', description: 'd' }, root).schema).toEqual({ description: 'd' })
    expect(resolve({ $ref: '#/$defs/Missing' }, root).schema).toEqual({})
  })
})

describe('alternatives', () => {
  test('anyOf and oneOf are alternatives, nested ones and type lists flattened', () => {
    const branches = alternatives(
      { anyOf: [{ $ref: '#/$defs/Named' }, { oneOf: [{ type: ['integer', 'null'] }] }, { type: 'string' }] },
      root,
    )
    expect(branches.map((b) => b.refName ?? b.schema.type)).toEqual(['Named', 'integer', 'null', 'string'])
  })
})

test('propertiesOf follows ui:order first and leaves out forbidden keys', () => {
  const schema: JSONSchema = { properties: { a: {}, b: {}, c: false }, 'ui:order': ['b'] }
  expect(keys(schema)).toEqual(['b', 'a'])
})
