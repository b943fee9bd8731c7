import { expect, test } from 'vitest'
import { applyDelta } from './definitionsDelta'
import type { Definitions, DefinitionsChange } from './types'

const defs = (fields: Record<string, unknown>): Definitions => fields as unknown as Definitions

test('an item changed in place keeps its place, the rest is the same objects', () => {
  const old = defs({ assets: [{ key: 'a', group: 'g' }, { key: 'b', group: 'g' }], errors: [] })
  const change: DefinitionsChange = { changes: { assets: { upsert: [{ key: 'a', group: 'h' }], remove: [] } }, drop: [] }
  const next = applyDelta(old, change) as unknown as { assets: object[]; errors: unknown[] }
  expect(next.assets).toEqual([{ key: 'a', group: 'h' }, { key: 'b', group: 'g' }])
  expect(next.assets[1]).toBe((old as unknown as { assets: object[] }).assets[1])
  expect(next.errors).toBe((old as unknown as { errors: unknown[] }).errors)
})

test('added items go last unless the order comes with them; removed ones go', () => {
  const old = defs({ assets: [{ key: 'a' }, { key: 'c' }] })
  const appended = applyDelta(old, { changes: { assets: { upsert: [{ key: 'd' }], remove: ['a'] } }, drop: [] })
  expect(appended).toEqual({ assets: [{ key: 'c' }, { key: 'd' }] })
  const inserted = applyDelta(old, { changes: { assets: { upsert: [{ key: 'b' }], remove: [], order: ['a', 'b', 'c'] } }, drop: [] })
  expect(inserted).toEqual({ assets: [{ key: 'a' }, { key: 'b' }, { key: 'c' }] })
})

test('components are identified by their file and index, an index that may be null', () => {
  const old = defs({ components: [{ defs_path: 'x/defs.yaml', defs_index: null, class: 'A' }, { defs_path: 'y/defs.yaml', defs_index: 0, class: 'B' }] })
  const next = applyDelta(old, { changes: { components: { upsert: [{ defs_path: 'y/defs.yaml', defs_index: 0, class: 'C' }], remove: [['x/defs.yaml', null]] } }, drop: [] })
  expect(next).toEqual({ components: [{ defs_path: 'y/defs.yaml', defs_index: 0, class: 'C' }] })
})

test('fields replaced whole, and dropped', () => {
  const old = defs({ assets: [{ key: 'a' }, { key: 'a' }], errors: [], reason: 'why', mode: 'full' })
  const next = applyDelta(old, { changes: { assets: { replace: [{ key: 'a' }] }, errors: { replace: [{ message: 'e' }] }, mode: { replace: null } }, drop: ['reason'] })
  expect(next).toEqual({ assets: [{ key: 'a' }], errors: [{ message: 'e' }], mode: null })
})

test('a delta naming an item the definitions lack is refused, not half applied', () => {
  const old = defs({ assets: [{ key: 'a' }] })
  expect(() => applyDelta(old, { changes: { assets: { upsert: [], remove: [], order: ['a', 'zz'] } }, drop: [] })).toThrow(/zz/)
})
