import { describe, expect, test } from 'vitest'
import { schemaOf } from './__fixtures__/fixtures'
import { missingRequired, requiredDefaults, requiredSchema } from './required'
import type { JSONSchema } from './types'

const PYTHON = requiredSchema(schemaOf('dagster.PythonScriptComponent'))
const SQL = requiredSchema(schemaOf('dagster.TemplatedSqlComponent'))

const keys = (schema: JSONSchema) => Object.keys(schema.properties ?? {})

describe('requiredSchema', () => {
  test('keeps what must be set, at every level, and the assets an executable component must produce', () => {
    expect(keys(PYTHON)).toEqual(['execution', 'assets'])
    expect(PYTHON.required).toEqual(['execution', 'assets'])
    expect(keys(PYTHON.$defs!.ScriptSpecModel)).toEqual(['path'])
    expect(keys(PYTHON.$defs!.AssetSpecKwargsModel)).toEqual(['key'])
    expect(keys(SQL)).toEqual(['connection', 'sql_template', 'assets'])
  })

  test('a component that needs nothing asks for nothing', () => {
    expect(requiredSchema(schemaOf('dagster.DefsFolderComponent')).required ?? []).toEqual([])
  })

  test('the original schema is left as it was', () => {
    const schema = schemaOf('dagster.PythonScriptComponent')
    const before = JSON.stringify(schema)
    requiredSchema(schema)
    expect(JSON.stringify(schema)).toBe(before)
  })
})

describe('missingRequired', () => {
  test('names every empty required field in the order of the form, inside unions and lists too', () => {
    expect(missingRequired(PYTHON, {})).toEqual(['Assets', 'Execution › Path'])
    expect(missingRequired(PYTHON, { execution: {}, assets: [{}] })).toEqual(['Assets › Asset 1 › Key', 'Execution › Path'])
    expect(missingRequired(PYTHON, { execution: { path: '' }, assets: [] })).toEqual(['Assets', 'Execution › Path'])
    expect(missingRequired(PYTHON, { execution: { path: 'run.py' }, assets: [{ key: 'orders' }] })).toEqual([])
  })

  test('a template string fills a field that takes one', () => {
    expect(missingRequired(PYTHON, { execution: '{{ script }}', assets: [{ key: 'a' }] })).toEqual([])
  })

  test('the SQL component needs its connection and its SQL', () => {
    expect(missingRequired(SQL, { assets: [{ key: 'a' }] })).toEqual(['Connection', 'SQL template'])
  })
})

test('requiredDefaults starts required fields at the default the schema gives, and nothing else', () => {
  const schema: JSONSchema = {
    type: 'object',
    properties: {
      mode: { type: 'string', default: 'append' },
      name: { type: 'string', default: '__DAGSTER_UNSET_DEFAULT__' },
      tags: { type: 'object', default: {} },
    },
    required: ['mode', 'name'],
  }
  expect(requiredDefaults(schema)).toEqual({ mode: 'append' })
})
