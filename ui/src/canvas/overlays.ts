// Whether anything drawn on the canvas lies under an overlay (the minimap, the zoom controls):
// the overlay then steps aside (faded, clicks pass through) so that it never hides a node. Pure.
import type { Box } from './dagreLayout'

export function anyUnder(overlay: Box, boxes: Iterable<Box>): boolean {
  for (const b of boxes) {
    if (b.x < overlay.x + overlay.width && overlay.x < b.x + b.width && b.y < overlay.y + overlay.height && overlay.y < b.y + b.height) return true
  }
  return false
}

/** A box on screen (relative to the canvas) in the graph's units, for the viewport `view`. */
export function toGraph(screen: Box, view: { x: number; y: number; zoom: number }): Box {
  return { x: (screen.x - view.x) / view.zoom, y: (screen.y - view.y) / view.zoom, width: screen.width / view.zoom, height: screen.height / view.zoom }
}
