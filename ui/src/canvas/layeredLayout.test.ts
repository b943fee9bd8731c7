import { expect, test } from 'vitest'
import type { Box, LayoutInput } from './dagreLayout'
import { LAYERED_ABOVE, layeredLayout, layoutGraph, longestPathRanks } from './layeredLayout'

const SIZE = { width: 230, height: 88 }

/** Chains of `length` nodes, one group per chain modulo `groups`, as the benchmark's projects. */
function chains(count: number, length: number, groups: number): LayoutInput {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, ...SIZE, parent: `g${Math.floor(i / length) % groups}` }))
  const edges = nodes.flatMap((_, i) => (i % length ? [{ source: `n${i - 1}`, target: `n${i}` }] : []))
  return { nodes, edges, groups: Array.from({ length: groups }, (_, g) => `g${g}`) }
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const boxOf = (p: { x: number; y: number }) => ({ ...p, ...SIZE })

test('every dependency goes left to right, no node covers another, each sits in its group', () => {
  const input = chains(600, 12, 4)
  input.edges.push({ source: 'n5', target: 'n40' }, { source: 'n3', target: 'n13' })
  const { positions, groups } = layeredLayout(input)
  expect(Object.keys(positions)).toHaveLength(600)
  for (const { source, target } of input.edges) expect(positions[source].x).toBeLessThan(positions[target].x)
  const sorted = input.nodes.map((n) => boxOf(positions[n.id])).sort((a, b) => a.x - b.x || a.y - b.y)
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + SIZE.width; j++) expect(overlap(sorted[i], sorted[j])).toBe(false)
  }
  for (const node of input.nodes) {
    const frame = groups[node.parent!]
    const box = boxOf(positions[node.id])
    expect(box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height).toBe(true)
  }
  const frames = Object.values(groups)
  for (let i = 0; i < frames.length; i++) for (let j = i + 1; j < frames.length; j++) expect(overlap(frames[i], frames[j])).toBe(false)
})

test('a group that depends on another stands right of it', () => {
  const input: LayoutInput = {
    nodes: [
      { id: 'late', ...SIZE, parent: 'b' },
      { id: 'early', ...SIZE, parent: 'a' },
    ],
    edges: [{ source: 'early', target: 'late' }],
    groups: ['b', 'a'],
  }
  const { groups } = layeredLayout(input)
  expect(groups.a.x + groups.a.width).toBeLessThan(groups.b.x)
})

test('a cycle (collapsed groups that feed each other) still places every node', () => {
  expect(longestPathRanks(3, [[0, 1], [1, 2], [2, 0]])).toEqual([0, 1, 2])
  const input: LayoutInput = {
    nodes: ['a', 'b', 'c'].map((id) => ({ id, ...SIZE })),
    edges: [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'a' },
      { source: 'b', target: 'c' },
    ],
  }
  const { positions } = layeredLayout(input)
  expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c'])
  expect(positions.b.x).toBeLessThan(positions.c.x)
})

test('a rank is ordered after its parents, so that chains do not cross', () => {
  // two chains whose first ranks come in one order and the next in the other
  const input: LayoutInput = {
    nodes: ['a1', 'b1', 'b2', 'a2'].map((id) => ({ id, ...SIZE })),
    edges: [
      { source: 'a1', target: 'a2' },
      { source: 'b1', target: 'b2' },
    ],
  }
  const { positions } = layeredLayout(input)
  expect(positions.a1.y < positions.b1.y).toBe(positions.a2.y < positions.b2.y)
})

test('large graphs get the layered layout, small ones dagre with its routes', () => {
  const small = chains(LAYERED_ABOVE, 20, 10)
  const large = chains(LAYERED_ABOVE + 1, 20, 10)
  expect(layoutGraph(large)).toEqual(layeredLayout(large))
  const { positions } = layoutGraph(small)
  expect(Object.keys(positions)).toHaveLength(LAYERED_ABOVE)
})
