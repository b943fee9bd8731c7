import { describe, expect, test } from 'vitest'
import { splitErrors } from './errors'
import { formatJson, parseJson } from './json'
import { jsonEqual, moveItem, pruneEmpty, removeItem, renameKey, setKey } from './value'

describe('value edits', () => {
  test('setKey sets without mutating and removes on undefined', () => {
    const before = { a: 1, b: 2 }
    expect(setKey(before, 'c', 3)).toEqual({ a: 1, b: 2, c: 3 })
    expect(setKey(before, 'a', undefined)).toEqual({ b: 2 })
    expect(Object.keys(setKey(before, 'a', undefined))).toEqual(['b'])
    expect(before).toEqual({ a: 1, b: 2 })
  })

  test('renameKey keeps the position and refuses taken keys', () => {
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'x'))).toEqual(['a', 'x', 'c'])
    const obj = { a: 1, b: 2 }
    expect(renameKey(obj, 'a', 'b')).toBe(obj)
  })

  test('list moves and removals', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b'])
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
  })

  test('optional containers left empty are pruned, required ones kept', () => {
    expect(pruneEmpty([], false)).toBeUndefined()
    expect(pruneEmpty({}, false)).toBeUndefined()
    expect(pruneEmpty([], true)).toEqual([])
    expect(pruneEmpty(['a'], false)).toEqual(['a'])
  })

  test('jsonEqual is structural', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true)
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(jsonEqual([1], { 0: 1 })).toBe(false)
  })
})

describe('error routing', () => {
  test('errors go to the child that renders them; the rest stay with the container', () => {
    const errors = [
      { field: 'execution', message: 'required' },
      { field: 'execution.path', message: 'bad path' },
      { field: 'execution.args.0', message: 'bad arg' },
      { field: 'execution.ghost', message: 'unknown' },
    ]
    const { own, byChild } = splitErrors(errors, 'execution', ['path', 'args'])
    expect(own.map((e) => e.message)).toEqual(['required', 'unknown'])
    expect(byChild.get('path')?.map((e) => e.message)).toEqual(['bad path'])
    expect(byChild.get('args')?.map((e) => e.message)).toEqual(['bad arg'])
  })

  test('at the root, errors with no field or an unknown field are left over', () => {
    const { own, byChild } = splitErrors(
      [
        { field: null, message: 'yaml' },
        { field: 'nope', message: 'x' },
        { field: 'assets.0.key', message: 'y' },
      ],
      '',
      ['assets'],
    )
    expect(own.map((e) => e.message)).toEqual(['yaml', 'x'])
    expect(byChild.get('assets')).toHaveLength(1)
  })

  test('map keys containing dots still route whole', () => {
    const { byChild } = splitErrors([{ field: 'tags.dagster.io/kind', message: 'm' }], 'tags', ['dagster.io/kind', 'dagster'])
    expect([...byChild.keys()]).toEqual(['dagster.io/kind'])
  })
})

describe('JSON editor text', () => {
  test('free-form objects must parse to an object', () => {
    expect(parseJson('{"a": 1}', 'object')).toEqual({ ok: true, value: { a: 1 } })
    expect(parseJson('[1]', 'object').ok).toBe(false)
    expect(parseJson('{"a": ', 'object').ok).toBe(false)
    expect(parseJson('  ', 'object')).toEqual({ ok: true, value: undefined })
  })

  test('free-form values accept bare words as strings, as YAML does', () => {
    expect(parseJson('localhost', 'any')).toEqual({ ok: true, value: 'localhost' })
    expect(parseJson('5432', 'any')).toEqual({ ok: true, value: 5432 })
    expect(parseJson('{"a"', 'any').ok).toBe(false)
    expect(formatJson('localhost')).toBe('localhost')
    // A string that would read back as a number is quoted.
    expect(formatJson('5432')).toBe('"5432"')
  })
})
