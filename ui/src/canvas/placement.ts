// Where each node goes. Pure.
//  - Nothing saved: the layout engine's arrangement, recomputed as the graph changes.
//  - Some positions saved (the user moved something): saved nodes stay put, and nodes already
//    on screen keep their place; a node that appears (a new file, a component just added) goes
//    to the free place nearest the middle of the view, so it is seen and covers nothing.
//  - On opening, nodes without a saved position keep the engine's arrangement among themselves
//    below the saved ones, so they never land on top of a node the user placed.
import type { Positions } from '../api/types'
import type { Box } from './dagreLayout'

const GAP = 60

export interface Size {
  width: number
  height: number
}

export interface Placement {
  saved: Positions
  auto: Positions
  /** where the nodes on screen are now */
  shown: Positions
  /** the part of the graph in view, in graph coordinates; null before the canvas is measured */
  view: Box | null
  size: Size
}

export function placeNodes(ids: string[], { saved, auto, shown, view, size }: Placement): Positions {
  const placed: Positions = {}
  const pinned = ids.filter((id) => saved[id])
  for (const id of pinned) placed[id] = saved[id]
  if (pinned.length === 0) {
    for (const id of ids) if (auto[id]) placed[id] = auto[id]
    return placed
  }
  const kept = ids.filter((id) => !saved[id] && shown[id])
  for (const id of kept) placed[id] = shown[id]
  const spots = spotted(ids, { saved, auto, shown, view, size })
  if (spots.length === 0) {
    Object.assign(placed, below(ids.filter((id) => !placed[id] && auto[id]), pinned, saved, auto, size))
    return placed
  }
  for (const id of spots) placed[id] = freeSpot(Object.values(placed), view as Box, size)
  return placed
}

/** The nodes that appear while the user's own layout is on screen: they go to a free spot, and
 * that place is the user's layout from then on (it is saved at once). */
export function spotted(ids: string[], { saved, shown, view }: Placement): string[] {
  const own = ids.some((id) => saved[id]) && ids.some((id) => shown[id])
  return own && view ? ids.filter((id) => !saved[id] && !shown[id]) : []
}

function below(loose: string[], pinned: string[], saved: Positions, auto: Positions, size: Size): Positions {
  if (loose.length === 0) return {}
  const bottom = Math.max(...pinned.map((id) => saved[id].y + size.height))
  const left = Math.min(...pinned.map((id) => saved[id].x))
  const autoTop = Math.min(...loose.map((id) => auto[id].y))
  const autoLeft = Math.min(...loose.map((id) => auto[id].x))
  return Object.fromEntries(
    loose.map((id) => [id, { x: auto[id].x - autoLeft + left, y: auto[id].y - autoTop + bottom + GAP }]),
  )
}

const clear = (spot: { x: number; y: number }, taken: Positions[string][], size: Size, margin: number) =>
  taken.every(
    (other) =>
      spot.x + size.width + margin <= other.x ||
      other.x + size.width + margin <= spot.x ||
      spot.y + size.height + margin <= other.y ||
      other.y + size.height + margin <= spot.y,
  )

/** The top-left corner of a free place for a node of `size` nearest the middle of `view` (a
 * margin of GAP/2 from every other node); below everything when the view has no room. */
export function freeSpot(taken: Positions[string][], view: Box, size: Size): { x: number; y: number } {
  const margin = GAP / 2
  const step = { x: (size.width + margin) / 2, y: (size.height + margin) / 2 }
  const middle = { x: view.x + (view.width - size.width) / 2, y: view.y + (view.height - size.height) / 2 }
  const candidates: Array<{ x: number; y: number; distance: number }> = []
  const reach = { x: Math.floor((view.width - size.width) / 2 / step.x), y: Math.floor((view.height - size.height) / 2 / step.y) }
  for (let i = -reach.x; i <= reach.x; i++) {
    for (let j = -reach.y; j <= reach.y; j++) {
      const spot = { x: middle.x + i * step.x, y: middle.y + j * step.y }
      candidates.push({ ...spot, distance: Math.hypot(i * step.x, j * step.y) })
    }
  }
  candidates.sort((a, b) => a.distance - b.distance)
  const found = candidates.find((spot) => clear(spot, taken, size, margin))
  if (found) return { x: found.x, y: found.y }
  if (taken.length === 0) return middle
  return { x: Math.min(...taken.map((p) => p.x)), y: Math.max(...taken.map((p) => p.y)) + size.height + GAP }
}
