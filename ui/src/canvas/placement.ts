// Where each node goes: its saved position, else the layout engine's. Nodes without a saved
// position (new files, a first open) keep the engine's arrangement among themselves but are
// moved below the saved ones, so they never land on top of a node the user placed. Pure.
import type { Positions } from '../api/types'

const GAP = 60

export function placeNodes(ids: string[], saved: Positions, auto: Positions, nodeHeight: number): Positions {
  const placed: Positions = {}
  const pinned = ids.filter((id) => saved[id])
  const loose = ids.filter((id) => !saved[id] && auto[id])
  for (const id of pinned) placed[id] = saved[id]
  if (loose.length === 0) return placed
  if (pinned.length === 0) {
    for (const id of loose) placed[id] = auto[id]
    return placed
  }
  const bottom = Math.max(...pinned.map((id) => saved[id].y + nodeHeight))
  const left = Math.min(...pinned.map((id) => saved[id].x))
  const autoTop = Math.min(...loose.map((id) => auto[id].y))
  const autoLeft = Math.min(...loose.map((id) => auto[id].x))
  for (const id of loose) {
    placed[id] = { x: auto[id].x - autoLeft + left, y: auto[id].y - autoTop + bottom + GAP }
  }
  return placed
}
