// Orthogonal edge routes around node rectangles, for nodes wherever the user put them. Pure.
// Each edge leaves its source's right side and enters its target's left side; between them a
// shortest path with few bends on a sparse grid made of the nearby nodes' padded borders
// (a cheap visibility graph). Only the nodes near an edge are considered, and the area widens
// until a route is found: hundreds of edges take milliseconds.
import type { Box } from './dagreLayout'

export interface Point {
  x: number
  y: number
}

/** the clearance an edge keeps from the nodes it passes, less where nodes stand close together;
 * an edge runs straight out of its source and into its target for that much and a little more */
const CLEARANCES = [14, 5, 0]
const STUB = 8
/** a bend costs as much as this many pixels of length: routes prefer few bends */
const BEND = 60
const EPS = 0.5

type Rect = { left: number; top: number; right: number; bottom: number }

const padded = (box: Box, pad: number): Rect => ({
  left: box.x - pad,
  top: box.y - pad,
  right: box.x + box.width + pad,
  bottom: box.y + box.height + pad,
})

const inside = (p: Point, r: Rect) => p.x > r.left + EPS && p.x < r.right - EPS && p.y > r.top + EPS && p.y < r.bottom - EPS

const meets = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** A small binary heap of [cost, state]. */
class Heap {
  private items: Array<[number, number]> = []
  get size() {
    return this.items.length
  }
  push(item: [number, number]) {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (items[parent][0] <= items[i][0]) break
      ;[items[parent], items[i]] = [items[i], items[parent]]
      i = parent
    }
  }
  pop(): [number, number] {
    const items = this.items
    const top = items[0]
    const last = items.pop() as [number, number]
    if (items.length > 0) {
      items[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < items.length && items[l][0] < items[m][0]) m = l
        if (r < items.length && items[r][0] < items[m][0]) m = r
        if (m === i) break
        ;[items[m], items[i]] = [items[i], items[m]]
        i = m
      }
    }
    return top
  }
}

const round = (v: number) => Math.round(v * 10) / 10
const sortedUnique = (values: number[]) => [...new Set(values.map(round))].sort((a, b) => a - b)

// directions: 0 right, 1 left, 2 down, 3 up
const STEPS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const

/** The cheapest orthogonal path from `start` (heading right) to `end` (arriving heading right)
 * on the grid of the obstacles' borders (A*, length plus a cost per bend); null when the
 * obstacles close every way. */
function gridPath(start: Point, end: Point, obstacles: Rect[]): Point[] | null {
  const xs = sortedUnique([start.x, end.x, (start.x + end.x) / 2, ...obstacles.flatMap((r) => [r.left, r.right])])
  const ys = sortedUnique([start.y, end.y, (start.y + end.y) / 2, ...obstacles.flatMap((r) => [r.top, r.bottom])])
  const xIndex = new Map(xs.map((x, i) => [x, i]))
  const yIndex = new Map(ys.map((y, j) => [y, j]))
  const width = xs.length
  const height = ys.length
  // the obstacles drawn on a grid of twice the resolution: (2i, 2j) is a grid point, an odd
  // coordinate the middle of the segment between two; since every border is a grid line, a
  // segment runs through an obstacle exactly when its middle is inside it
  const rowLength = 2 * width - 1
  const blocked = new Uint8Array(rowLength * (2 * height - 1))
  for (const r of obstacles) {
    const [x1, x2] = [2 * (xIndex.get(round(r.left)) ?? 0) + 1, 2 * (xIndex.get(round(r.right)) ?? 0) - 1]
    const [y1, y2] = [2 * (yIndex.get(round(r.top)) ?? 0) + 1, 2 * (yIndex.get(round(r.bottom)) ?? 0) - 1]
    for (let hy = y1; hy <= y2; hy++) blocked.fill(1, hy * rowLength + x1, hy * rowLength + x2 + 1)
  }
  const si = xIndex.get(round(start.x)) ?? -1
  const sj = yIndex.get(round(start.y)) ?? -1
  const ei = xIndex.get(round(end.x)) ?? -1
  const ej = yIndex.get(round(end.y)) ?? -1
  if (blocked[2 * sj * rowLength + 2 * si] || blocked[2 * ej * rowLength + 2 * ei]) return null
  const state = (i: number, j: number, d: number) => (j * width + i) * 4 + d
  const cost = new Float64Array(width * height * 4).fill(Infinity)
  const from = new Int32Array(width * height * 4).fill(-1)
  const heap = new Heap()
  const guess = (i: number, j: number) => Math.abs(xs[i] - end.x) + Math.abs(ys[j] - end.y)
  const first = state(si, sj, 0)
  cost[first] = 0
  heap.push([guess(si, sj), first])
  let best = -1
  let bestCost = Infinity
  while (heap.size > 0) {
    const [f, s] = heap.pop()
    if (f >= bestCost) break
    const d = s % 4
    const cell = (s - d) / 4
    const i = cell % width
    const j = (cell - i) / width
    const c = cost[s]
    if (f > c + guess(i, j) + EPS) continue // a stale entry
    if (i === ei && j === ej) {
      const total = c + (d === 0 ? 0 : BEND * 2)
      if (total < bestCost) {
        bestCost = total
        best = s
      }
      continue
    }
    for (let nd = 0; nd < 4; nd++) {
      if ((d ^ 1) === nd) continue // no turning back on itself
      const ni = i + STEPS[nd][0]
      const nj = j + STEPS[nd][1]
      if (ni < 0 || nj < 0 || ni >= width || nj >= height) continue
      if (blocked[(2 * nj) * rowLength + 2 * ni] || blocked[(j + nj) * rowLength + i + ni]) continue
      const next = state(ni, nj, nd)
      const nc = c + Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) + (nd === d ? 0 : BEND)
      if (nc < cost[next]) {
        cost[next] = nc
        from[next] = s
        heap.push([nc + guess(ni, nj), next])
      }
    }
  }
  if (best < 0) return null
  const path: Point[] = []
  for (let s = best; s >= 0; s = from[s]) {
    const cell = (s - (s % 4)) / 4
    path.push({ x: xs[cell % width], y: ys[Math.floor(cell / width)] })
  }
  return path.reverse()
}

/** Drops the points in the middle of straight runs. */
function corners(points: Point[]): Point[] {
  return points.filter((p, k) => {
    const a = points[k - 1]
    const b = points[k + 1]
    if (!a || !b) return true
    return !((Math.abs(a.x - p.x) < EPS && Math.abs(p.x - b.x) < EPS) || (Math.abs(a.y - p.y) < EPS && Math.abs(p.y - b.y) < EPS))
  })
}

/** The route of one edge from the source's right middle to the target's left middle around every
 * box (`boxes` holds all nodes, the edge's own included): the points in between, or null. */
export function routeAround(source: Box, target: Box, boxes: Box[]): Point[] | null {
  const out = { x: source.x + source.width, y: source.y + source.height / 2 }
  const into = { x: target.x, y: target.y + target.height / 2 }
  for (const clearance of CLEARANCES) {
    const start = { x: out.x + clearance + STUB, y: out.y }
    const end = { x: into.x - clearance - STUB, y: into.y }
    const rects = boxes.map((box) => padded(box, clearance))
    if (rects.some((r) => inside(start, r) || inside(end, r))) continue
    const path = routeNear(start, end, rects, Math.max(source.height, target.height) * 2)
    if (path) return corners([out, ...path, into]).slice(1, -1)
  }
  return null
}

/** A path among the obstacles near the two points: the area searched widens until one is found. */
function routeNear(start: Point, end: Point, rects: Rect[], margin: number): Point[] | null {
  for (;;) {
    const area = {
      left: Math.min(start.x, end.x) - margin,
      right: Math.max(start.x, end.x) + margin,
      top: Math.min(start.y, end.y) - margin,
      bottom: Math.max(start.y, end.y) + margin,
    }
    // the grid spans the nearby obstacles' borders: take in every obstacle that reaches into it
    let near = rects.filter((r) => meets(r, area))
    for (;;) {
      const span = near.reduce(
        (s, r) => ({ left: Math.min(s.left, r.left), right: Math.max(s.right, r.right), top: Math.min(s.top, r.top), bottom: Math.max(s.bottom, r.bottom) }),
        area,
      )
      const wider = rects.filter((r) => meets(r, span))
      if (wider.length === near.length) break
      near = wider
    }
    const path = gridPath(start, end, near)
    if (path || near.length === rects.length) return path
    margin *= 2
  }
}

/** Routes for edges between boxes ("source->target" to the points in between); an edge whose
 * ends are walled in gets none. */
export function routeEdges(boxes: Record<string, Box>, edges: Array<{ source: string; target: string }>): Record<string, Point[]> {
  const all = Object.values(boxes)
  const routes: Record<string, Point[]> = {}
  for (const { source, target } of edges) {
    const [from, to] = [boxes[source], boxes[target]]
    if (!from || !to) continue
    const route = routeAround(from, to, all)
    if (route) routes[`${source}->${target}`] = route
  }
  return routes
}
