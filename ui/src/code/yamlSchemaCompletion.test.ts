import { describe, expect, test } from 'vitest'
import { COMPONENT_TYPES, schemaOf } from '../form/__fixtures__/fixtures'
import {
  ITEM,
  completeComponentYaml,
  documentType,
  keysAt,
  valuesAt,
  yamlCursor,
  type ComponentTypeInfo,
} from './yamlSchemaCompletion'

/** The text with "|" removed, and the offset where it was. */
function at(textWithCursor: string): [string, number] {
  const offset = textWithCursor.indexOf('|')
  return [textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset]
}

const cursorOf = (textWithCursor: string) => yamlCursor(...at(textWithCursor))

const TYPES: ComponentTypeInfo[] = COMPONENT_TYPES.map((t) => ({ key: t.key, summary: null, schema: t.schema }))

const labels = (textWithCursor: string) => {
  const [text, offset] = at(textWithCursor)
  const cursor = yamlCursor(text, offset)
  return cursor ? completeComponentYaml(text, cursor, TYPES).map((c) => c.label) : null
}

const SCRIPT = 'dagster.PythonScriptComponent'

describe('yamlCursor: the mapping path at the cursor, from indentation', () => {
  test('top-level key', () => {
    expect(cursorOf('ty|')).toEqual({ kind: 'key', path: [], from: 0, prefix: 'ty' })
  })

  test('a key under attributes', () => {
    expect(cursorOf('type: x\nattributes:\n  exe|')).toMatchObject({ kind: 'key', path: ['attributes'], prefix: 'exe' })
  })

  test('nested mappings, skipping siblings, blank lines and comments', () => {
    const text = 'attributes:\n  execution:\n    path: a.py\n\n    # the arguments\n    |'
    expect(cursorOf(text)).toMatchObject({ kind: 'key', path: ['attributes', 'execution'], prefix: '' })
  })

  test('a new sequence item, and the following keys of that item', () => {
    expect(cursorOf('attributes:\n  assets:\n    - |')).toMatchObject({ path: ['attributes', 'assets', ITEM] })
    expect(cursorOf('attributes:\n  assets:\n    - key: a\n      gr|')).toMatchObject({
      path: ['attributes', 'assets', ITEM],
      prefix: 'gr',
    })
  })

  test('a sequence at the same indentation as its key', () => {
    expect(cursorOf('attributes:\n  assets:\n  - key: a\n  - key: b\n    |')).toMatchObject({ path: ['attributes', 'assets', ITEM] })
  })

  test('a mapping inside a sequence item', () => {
    const text = 'attributes:\n  assets:\n    - key: a\n      partitions_def:\n        |'
    expect(cursorOf(text)).toMatchObject({ path: ['attributes', 'assets', ITEM, 'partitions_def'] })
  })

  test('a value', () => {
    const [text, offset] = at('type: dagster.Py|')
    expect(yamlCursor(text, offset)).toEqual({ kind: 'value', path: ['type'], from: 6, prefix: 'dagster.Py' })
    expect(cursorOf('attributes:\n  assets:\n    - key: a\n      skippable: |')).toMatchObject({
      kind: 'value',
      path: ['attributes', 'assets', ITEM, 'skippable'],
    })
  })

  test('only the current document of a multi-document file counts', () => {
    expect(cursorOf('attributes:\n  execution:\n---\n  |')).toMatchObject({ path: [] })
  })

  test('nothing inside a block string', () => {
    expect(cursorOf('attributes:\n  description: >-\n    some text |')).toBeNull()
    const literal = 'attributes:\n  description: |\n    wor'
    expect(yamlCursor(literal, literal.length)).toBeNull()
  })
})

test('documentType reads the type of the document around the offset', () => {
  const text = 'type: a.One\nattributes: {}\n---\ntype: "b.Two"\nattributes:\n  x: 1\n'
  expect(documentType(text, 5)).toBe('a.One')
  expect(documentType(text, text.length - 2)).toBe('b.Two')
  expect(documentType('attributes: {}', 3)).toBeNull()
})

describe('the schema at a path (dagster.PythonScriptComponent)', () => {
  const schema = schemaOf(SCRIPT)

  test('attributes: the component fields, required marked, described', () => {
    const keys = keysAt(schema, [])
    expect(keys.map((k) => k.name)).toEqual(expect.arrayContaining(['execution', 'assets', 'checks']))
    expect(keys.find((k) => k.name === 'execution')?.required).toBe(true)
  })

  test('through $ref, anyOf and array items', () => {
    const names = keysAt(schema, ['assets', ITEM]).map((k) => k.name)
    expect(names).toEqual(expect.arrayContaining(['key', 'deps', 'group_name', 'description', 'tags', 'kinds']))
    expect(keysAt(schema, ['assets', ITEM]).find((k) => k.name === 'deps')?.description).toMatch(/upstream assets/)
    expect(keysAt(schema, ['execution']).map((k) => k.name)).toContain('path')
  })

  test('the union of the alternatives of a field', () => {
    const names = keysAt(schema, ['assets', ITEM, 'partitions_def']).map((k) => k.name)
    expect(names).toEqual(expect.arrayContaining(['type', 'start_date', 'partition_keys']))
  })

  test('fixed values: constants of the alternatives, booleans, enums', () => {
    expect(valuesAt(schema, ['assets', ITEM, 'partitions_def', 'type'])).toEqual(
      expect.arrayContaining(['daily', 'hourly', 'weekly', 'static']),
    )
    expect(valuesAt(schema, ['assets', ITEM, 'skippable'])).toEqual(['true', 'false'])
    expect(valuesAt(schemaOf('dagster_dbt.DbtProjectComponent'), ['include_metadata', ITEM])).toEqual([
      'column_metadata',
      'row_count',
      'insights',
    ])
  })

  test('unknown paths have nothing', () => {
    expect(keysAt(schema, ['nope'])).toEqual([])
    expect(keysAt(schema, ['assets', ITEM, 'key', 'deeper'])).toEqual([])
  })
})

describe('completeComponentYaml', () => {
  const doc = (body: string) => `type: ${SCRIPT}\n\nattributes:\n${body}`

  test('the document keys at the top level', () => {
    expect(labels('ty|')).toEqual(expect.arrayContaining(['type', 'attributes', 'post_processing']))
  })

  test('the type from the component types', () => {
    const options = labels('type: dag|')
    expect(options).toContain(SCRIPT)
    expect(options).toContain('dagster_dbt.DbtProjectComponent')
  })

  test('under attributes: the fields of the document type', () => {
    expect(labels(doc('  |'))).toEqual(expect.arrayContaining(['execution', 'assets', 'checks']))
  })

  test('under assets: - , the asset spec fields', () => {
    expect(labels(doc('  execution:\n    path: run.py\n  assets:\n    - |'))).toEqual(
      expect.arrayContaining(['key', 'deps', 'group_name']),
    )
  })

  test('key options insert "name: " and carry the description', () => {
    const [text, offset] = at(doc('  assets:\n    - |'))
    const deps = completeComponentYaml(text, yamlCursor(text, offset)!, TYPES).find((c) => c.label === 'deps')
    expect(deps).toMatchObject({ type: 'property', apply: 'deps: ' })
    expect(deps?.info).toMatch(/upstream assets/)
  })

  test('enum values of a value', () => {
    expect(labels(doc('  assets:\n    - key: a\n      partitions_def:\n        type: |'))).toEqual(
      expect.arrayContaining(['daily', 'static']),
    )
  })

  test('nothing for an unknown type or outside attributes', () => {
    expect(labels('type: not.Known\nattributes:\n  |')).toEqual([])
    expect(labels(`type: ${SCRIPT}\nrequirements:\n  |`)).toEqual([])
  })
})
