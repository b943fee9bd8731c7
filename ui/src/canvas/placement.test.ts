import { expect, test } from 'vitest'
import { placeNodes } from './placement'

test('saved positions win, and unsaved nodes go below them keeping their arrangement', () => {
  const placed = placeNodes(
    ['a', 'b', 'c'],
    { a: { x: 100, y: 0 } },
    { a: { x: 0, y: 0 }, b: { x: 0, y: 0 }, c: { x: 300, y: 50 } },
    120,
  )
  expect(placed).toStrictEqual({ a: { x: 100, y: 0 }, b: { x: 100, y: 180 }, c: { x: 400, y: 230 } })
})

test('without saved positions the layout is used as is; unplaced nodes are left out', () => {
  expect(placeNodes(['a', 'b'], {}, { a: { x: 5, y: 6 } }, 120)).toStrictEqual({ a: { x: 5, y: 6 } })
})
