// Which edges a move of some nodes concerns: those that end at a moved node and those whose way
// (the box between their ends) a moved node now stands in. Only these are routed around the
// nodes: routing every edge of a graph of thousands after each drag would cost seconds. Pure.
import type { Box } from './dagreLayout'

type Place = { x: number; y: number }

/** The ids of the nodes shown away from where the layout put them. */
export function movedNodes(shown: Record<string, Place>, laidOut: Record<string, Place>): string[] {
  return Object.keys(shown).filter((id) => {
    const [a, b] = [shown[id], laidOut[id]]
    return !b || Math.abs(a.x - b.x) >= 0.5 || Math.abs(a.y - b.y) >= 0.5
  })
}

const meets = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The way of an edge: from its source's right middle to its target's left middle. */
function way(source: Box, target: Box): Box {
  const [x1, y1] = [source.x + source.width, source.y + source.height / 2]
  const [x2, y2] = [target.x, target.y + target.height / 2]
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) }
}

export function edgesToRoute<E extends { source: string; target: string }>(boxes: Record<string, Box>, edges: E[], moved: string[]): E[] {
  if (moved.length === 0) return []
  const ids = new Set(moved)
  const movedBoxes = moved.flatMap((id) => (boxes[id] ? [boxes[id]] : []))
  return edges.filter((edge) => {
    if (ids.has(edge.source) || ids.has(edge.target)) return true
    const [source, target] = [boxes[edge.source], boxes[edge.target]]
    if (!source || !target) return false
    const span = way(source, target)
    return movedBoxes.some((box) => meets(span, box))
  })
}
