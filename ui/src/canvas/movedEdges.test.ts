import { expect, test } from 'vitest'
import type { Box } from './dagreLayout'
import { edgesToRoute, movedNodes } from './movedEdges'

const box = (x: number, y: number): Box => ({ x, y, width: 100, height: 50 })

test('a node is moved when it is shown away from its place in the layout', () => {
  const laidOut = { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } }
  expect(movedNodes({ a: { x: 0.2, y: 0 }, b: { x: 260, y: 40 } }, laidOut)).toEqual(['b'])
  expect(movedNodes(laidOut, laidOut)).toEqual([])
})

test('the edges of a moved node and those whose way it stands in are routed, no other', () => {
  const boxes = { a: box(0, 0), b: box(400, 0), c: box(200, -10), d: box(0, 300), e: box(400, 300), f: box(600, 0) }
  const edges = [
    { source: 'a', target: 'b' }, // c stands on its way
    { source: 'd', target: 'e' }, // far from c
    { source: 'c', target: 'f' }, // from c
    { source: 'b', target: 'f' }, // beside c
  ]
  expect(edgesToRoute(boxes, edges, ['c'])).toEqual([edges[0], edges[2]])
  expect(edgesToRoute(boxes, edges, [])).toEqual([])
})
