// Where a graph goes in a minimap: the scale and offset that fit all boxes, centred, with a margin.
import type { Box } from './dagreLayout'

export interface Fit {
  scale: number
  x: number
  y: number
}

const MARGIN = 6

export function minimapFit(boxes: Box[], width: number, height: number): Fit {
  if (boxes.length === 0) return { scale: 1, x: 0, y: 0 }
  let left = Infinity
  let top = Infinity
  let right = -Infinity
  let bottom = -Infinity
  for (const b of boxes) {
    left = Math.min(left, b.x)
    top = Math.min(top, b.y)
    right = Math.max(right, b.x + b.width)
    bottom = Math.max(bottom, b.y + b.height)
  }
  const scale = Math.min((width - 2 * MARGIN) / Math.max(1, right - left), (height - 2 * MARGIN) / Math.max(1, bottom - top))
  return {
    scale,
    x: (width - (right - left) * scale) / 2 - left * scale,
    y: (height - (bottom - top) * scale) / 2 - top * scale,
  }
}
