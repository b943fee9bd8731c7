// The size of a handle's hit area in the graph's units: at least MIN_SCREEN pixels on screen at
// any zoom, never below its size at zoom 1, and capped so that a far view is not all handles. Pure.
const MIN_SCREEN = 16
const BASE = 18
const CAP = 48

export function handleHitSize(zoom: number): number {
  // a pixel to spare: the browser rounds the scaled box
  return Math.min(CAP, Math.max(BASE, Math.ceil(MIN_SCREEN / zoom) + 1))
}
