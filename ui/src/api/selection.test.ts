import { hashKey } from '@tanstack/react-query'
import { expect, test } from 'vitest'
import { selectionQuery } from './selection'
import type { Definitions } from './types'

const defs = (count: number): Definitions =>
  ({ assets: Array.from({ length: count }, (_, i) => ({ key: `asset_${i}`, group: 'g', description: 'x'.repeat(80) })) }) as unknown as Definitions

test('a selection is asked again for each state of the definitions, which stands in its key by a short name', () => {
  const first = defs(5000)
  const second = defs(5000)
  const key = (d: Definitions | undefined) => hashKey(selectionQuery('p1', 'group:g', d).queryKey)
  // the key is hashed at every render of a filter or a form: never the thousands of assets
  expect(key(first).length).toBeLessThan(100)
  expect(key(first)).toBe(key(first))
  expect(key(second)).not.toBe(key(first))
  expect(key(undefined)).not.toBe(key(first))
})
