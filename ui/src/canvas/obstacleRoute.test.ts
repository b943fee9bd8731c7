import { expect, test } from 'vitest'
import type { Box } from './dagreLayout'
import { routeAround, routeEdges, type Point } from './obstacleRoute'
import { orthogonalPath } from './routePath'

const W = 250
const H = 140
const box = (x: number, y: number): Box => ({ x, y, width: W, height: H })

/** the whole line: out of the source's right side, the route, into the target's left side */
const line = (source: Box, target: Box, route: Point[]) => [
  { x: source.x + source.width, y: source.y + source.height / 2 },
  ...route,
  { x: target.x, y: target.y + target.height / 2 },
]

/** whether a segment of the line runs through the inside of a box */
function through(points: Point[], b: Box): boolean {
  return points.slice(1).some((p, k) => {
    const a = points[k]
    return Math.max(a.x, p.x) > b.x + 1 && Math.min(a.x, p.x) < b.x + b.width - 1 && Math.max(a.y, p.y) > b.y + 1 && Math.min(a.y, p.y) < b.y + b.height - 1
  })
}

const orthogonal = (points: Point[]) => points.slice(1).every((p, k) => p.x === points[k].x || p.y === points[k].y)

test('an edge with nothing in its way runs straight', () => {
  const [a, b] = [box(0, 0), box(400, 0)]
  expect(routeAround(a, b, [a, b])).toEqual([])
})

test('an edge goes around a node moved onto its way, with right angles', () => {
  const [a, b, c] = [box(0, 0), box(800, 0), box(400, -20)]
  const route = routeAround(a, b, [a, b, c])
  expect(route).not.toBeNull()
  const points = line(a, b, route ?? [])
  expect(orthogonal(points)).toBe(true)
  for (const other of [a, b, c]) expect(through(points, other)).toBe(false)
})

test('an edge squeezes between nodes that stand close together', () => {
  // a node 14 px from the source's side, on its way to the target
  const [a, b, c] = [box(0, 0), box(600, 40), box(264, -30)]
  const route = routeAround(a, b, [a, b, c])
  expect(route).not.toBeNull()
  const points = line(a, b, route ?? [])
  expect(orthogonal(points)).toBe(true)
  for (const other of [a, b, c]) expect(through(points, other)).toBe(false)
})

test('an edge to a node on its left goes around both ends', () => {
  const [a, b] = [box(600, 0), box(0, 60)]
  const points = line(a, b, routeAround(a, b, [a, b]) ?? [])
  expect(points.length).toBeGreaterThan(4)
  expect(orthogonal(points)).toBe(true)
  for (const other of [a, b]) expect(through(points, other)).toBe(false)
})

test('an edge walled in by nodes gets no route', () => {
  const a = box(0, 0)
  const b = box(1000, 0)
  // a ring of nodes all around the source, touching each other
  const ring = [-1, 0, 1, 2].flatMap((i) => [box(-W + i * W, -H), box(-W + i * W, H)]).concat([box(-W, 0), box(W, 0)])
  expect(routeAround(a, b, [a, b, ...ring])).toBeNull()
})

test('hundreds of edges among hundreds of moved nodes are routed around them all, quickly', () => {
  const boxes: Record<string, Box> = {}
  // 15 ranks of 20 nodes, every other row shifted as if moved by hand
  const id = (rank: number, row: number) => `n${rank}_${row}`
  for (let rank = 0; rank < 15; rank++) {
    for (let row = 0; row < 20; row++) boxes[id(rank, row)] = box(rank * 420 + (row % 2) * 130, row * 240)
  }
  // each node feeds one or two nodes of the next ranks, some of them a few ranks and rows away
  const edges = Object.keys(boxes).flatMap((_, k) => {
    const [rank, row] = [Math.floor(k / 20), k % 20]
    if (rank === 14) return []
    const near = { source: id(rank, row), target: id(rank + 1, (row + (k % 3)) % 20) }
    const far = { source: id(rank, row), target: id(Math.min(14, rank + 1 + (k % 4)), (row + 5) % 20) }
    return k % 3 === 0 ? [near] : [near, far]
  })
  expect(edges.length).toBeGreaterThan(400)
  const started = performance.now()
  const routes = routeEdges(boxes, edges)
  const ms = performance.now() - started
  console.log(`routed ${edges.length} edges among 300 nodes in ${ms.toFixed(0)} ms`)
  // far below a frame per edge even on a busy machine
  expect(ms / edges.length).toBeLessThan(16)
  for (const { source, target } of edges) {
    const route = routes[`${source}->${target}`]
    expect(route, `${source}->${target}`).toBeDefined()
    const points = line(boxes[source], boxes[target], route)
    expect(orthogonal(points)).toBe(true)
    const crossed = Object.keys(boxes).filter((id) => through(points, boxes[id]))
    expect(crossed, `${source}->${target}`).toEqual([])
  }
}, 60_000)

test('an orthogonal route is drawn with rounded corners that stay on it', () => {
  expect(orthogonalPath([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }])).toBe('M 0,0 L 90,0 Q 100,0 100,10 L 100,50')
  expect(orthogonalPath([{ x: 0, y: 0 }, { x: 30, y: 0 }])).toBe('M 0,0 L 30,0')
})
