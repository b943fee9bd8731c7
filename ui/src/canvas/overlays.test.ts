import { expect, test } from 'vitest'
import { handleHitSize } from './handleHit'
import { anyUnder, toGraph } from './overlays'

test('an overlay is over a node when their boxes meet, wherever the view is', () => {
  const minimap = { x: 800, y: 500, width: 200, height: 150 }
  const node = { x: 300, y: 200, width: 250, height: 140 }
  // at zoom 1 with no pan the node is far from the minimap
  expect(anyUnder(toGraph(minimap, { x: 0, y: 0, zoom: 1 }), [node])).toBe(false)
  // panned so that the node's corner sits under the minimap
  expect(anyUnder(toGraph(minimap, { x: 300, y: 200, zoom: 1 }), [node])).toBe(true)
  // zoomed in on the node: it grows under the minimap
  expect(anyUnder(toGraph(minimap, { x: 0, y: 0, zoom: 2 }), [node])).toBe(true)
  expect(anyUnder(minimap, [])).toBe(false)
})

test('a handle keeps 16 screen pixels at any zoom, within a cap', () => {
  for (const zoom of [0.4, 0.5, 1, 1.5, 2]) expect(handleHitSize(zoom) * zoom).toBeGreaterThanOrEqual(16)
  expect(handleHitSize(1)).toBe(18)
  expect(handleHitSize(0.5)).toBe(33)
  expect(handleHitSize(0.05)).toBe(48)
})
