// A fast layered layout for large graphs, where dagre's crossing reduction takes minutes (10,000
// nodes). Each group is laid out on its own (longest-path ranks, a few barycenter sweeps to order
// each rank), then the groups are arranged left to right by the dependencies between them.
// Linear in nodes and edges but for the sorts. Pure: runs in the layout worker and in tests.
import { computeLayout, type Box, type LayoutInput, type LayoutOutput, type LayoutResult } from './dagreLayout'

/** Above this many nodes the layered layout is used instead of dagre. */
export const LAYERED_ABOVE = 1000

const NODESEP = 28
const RANKSEP = 90
const GROUP_GAP = 60
const PAD = { top: 36, left: 16, right: 16, bottom: 16 }
const MARGIN = 20

/** dagre for graphs it lays out in seconds, the layered layout above. */
export function layoutGraph(input: LayoutInput): LayoutResult {
  return input.nodes.length > LAYERED_ABOVE ? layeredLayout(input) : computeLayout(input)
}

/** Longest-path ranks of `count` items joined by `edges` (indices); a cycle is broken where it is
 * met, so every item gets a rank. */
export function longestPathRanks(count: number, edges: Array<[number, number]>): number[] {
  const out: number[][] = Array.from({ length: count }, () => [])
  const indegree = new Array<number>(count).fill(0)
  for (const [s, t] of edges) {
    if (s === t) continue
    out[s].push(t)
    indegree[t]++
  }
  const rank = new Array<number>(count).fill(0)
  const done = new Array<boolean>(count).fill(false)
  const queue: number[] = []
  for (let i = 0; i < count; i++) if (indegree[i] === 0) queue.push(i)
  let head = 0
  let next = 0 // where to look for an item to force when a cycle leaves none ready
  let processed = 0
  while (processed < count) {
    if (head === queue.length) {
      while (done[next]) next++
      queue.push(next)
    }
    const u = queue[head++]
    if (done[u]) continue
    done[u] = true
    processed++
    for (const v of out[u]) {
      if (done[v]) continue // the edge closing a cycle
      rank[v] = Math.max(rank[v], rank[u] + 1)
      if (--indegree[v] === 0) queue.push(v)
    }
  }
  return rank
}

interface Cluster {
  members: number[]
  /** positions relative to the cluster's top-left corner (of its nodes, without padding) */
  local: Array<{ x: number; y: number }>
  width: number
  height: number
}

/** Ranks and orders the nodes of one cluster; sizes come from the widest and tallest node. */
function layCluster(members: number[], edges: Array<[number, number]>, width: number, height: number): Cluster {
  const at = new Map(members.map((node, i) => [node, i]))
  const local: Array<[number, number]> = []
  for (const [s, t] of edges) {
    const a = at.get(s)
    const b = at.get(t)
    if (a !== undefined && b !== undefined) local.push([a, b])
  }
  const rank = longestPathRanks(members.length, local)
  const layers: number[][] = []
  members.forEach((_, i) => (layers[rank[i]] ??= []).push(i))
  const pos = new Array<number>(members.length).fill(0)
  const place = () => layers.forEach((layer) => layer.forEach((node, i) => (pos[node] = i)))
  place()
  const preds: number[][] = members.map(() => [])
  const succs: number[][] = members.map(() => [])
  for (const [s, t] of local) {
    preds[t].push(s)
    succs[s].push(t)
  }
  // barycenter sweeps: each node moves towards the mean place of its neighbours on one side
  const sweep = (neighbours: number[][], order: number[]) => {
    for (const r of order) {
      const layer = layers[r]
      if (!layer) continue
      const key = new Map(layer.map((node) => [node, mean(neighbours[node].map((n) => pos[n])) ?? pos[node]]))
      layer.sort((a, b) => key.get(a)! - key.get(b)! || pos[a] - pos[b])
      layer.forEach((node, i) => (pos[node] = i))
    }
  }
  const down = layers.map((_, r) => r)
  const up = [...down].reverse()
  for (let i = 0; i < 2; i++) {
    sweep(preds, down)
    sweep(succs, up)
  }
  sweep(preds, down)
  const tallest = Math.max(...layers.map((layer) => layer?.length ?? 0))
  const out: Array<{ x: number; y: number }> = new Array(members.length)
  layers.forEach((layer, r) => {
    const offset = ((tallest - layer.length) * (height + NODESEP)) / 2 // each rank centred
    layer.forEach((node, i) => (out[node] = { x: r * (width + RANKSEP), y: offset + i * (height + NODESEP) }))
  })
  return {
    members,
    local: out,
    width: layers.length * (width + RANKSEP) - RANKSEP,
    height: tallest * (height + NODESEP) - NODESEP,
  }
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

export function layeredLayout({ nodes, edges, groups = [] }: LayoutInput): LayoutResult {
  const index = new Map(nodes.map((node, i) => [node.id, i]))
  const pairs: Array<[number, number]> = []
  for (const edge of edges) {
    const s = index.get(edge.source)
    const t = index.get(edge.target)
    if (s !== undefined && t !== undefined) pairs.push([s, t])
  }
  const width = Math.max(...nodes.map((n) => n.width))
  const height = Math.max(...nodes.map((n) => n.height))
  // clusters: one per group, and one for the nodes in none (framed by nothing)
  const known = new Set(groups)
  const names = [...groups, '']
  const clusterOf = nodes.map((node) => names.indexOf(node.parent && known.has(node.parent) ? node.parent : ''))
  const memberLists: number[][] = names.map(() => [])
  nodes.forEach((_, i) => memberLists[clusterOf[i]].push(i))
  const present = names.map((_, c) => c).filter((c) => memberLists[c].length > 0)
  const clusters = new Map(present.map((c) => [c, layCluster(memberLists[c], pairs, width, height)]))
  const framed = (c: number) => names[c] !== ''
  const outer = (c: number) => {
    const cluster = clusters.get(c)!
    return framed(c)
      ? { width: cluster.width + PAD.left + PAD.right, height: cluster.height + PAD.top + PAD.bottom }
      : { width: cluster.width, height: cluster.height }
  }

  // the clusters ranked by the edges between them; a rank's clusters stack in columns no taller
  // than the whole would be as a square, so many unrelated groups do not make one tall column
  const at = new Map(present.map((c, i) => [c, i]))
  const between: Array<[number, number]> = []
  for (const [s, t] of pairs) if (clusterOf[s] !== clusterOf[t]) between.push([at.get(clusterOf[s])!, at.get(clusterOf[t])!])
  const clusterRank = longestPathRanks(present.length, between)
  const area = present.reduce((sum, c) => sum + outer(c).width * outer(c).height, 0)
  const limit = Math.max(Math.sqrt(area), ...present.map((c) => outer(c).height))
  const columns: number[][] = []
  const byRank: number[][] = []
  present.forEach((c, i) => (byRank[clusterRank[i]] ??= []).push(c))
  for (const rank of byRank) {
    if (!rank) continue
    let column: number[] = []
    let filled = 0
    for (const c of rank) {
      const h = outer(c).height
      if (column.length > 0 && filled + h > limit) {
        columns.push(column)
        column = []
        filled = 0
      }
      column.push(c)
      filled += h + GROUP_GAP
    }
    columns.push(column)
  }

  const positions: LayoutOutput = {}
  const boxes: Record<string, Box> = {}
  let x = MARGIN
  for (const column of columns) {
    let y = MARGIN
    for (const c of column) {
      const cluster = clusters.get(c)!
      const size = outer(c)
      const inner = framed(c) ? { x: x + PAD.left, y: y + PAD.top } : { x, y }
      if (framed(c)) boxes[names[c]] = { x, y, ...size }
      cluster.members.forEach((node, i) => {
        const n = nodes[node]
        // a node smaller than the largest sits in the middle of its slot
        positions[n.id] = { x: inner.x + cluster.local[i].x + (width - n.width) / 2, y: inner.y + cluster.local[i].y + (height - n.height) / 2 }
      })
      y += size.height + GROUP_GAP
    }
    x += Math.max(...column.map((c) => outer(c).width)) + GROUP_GAP
  }
  return { positions, groups: boxes, routes: {} }
}
