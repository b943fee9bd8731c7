import { expect, test } from 'vitest'
import { minimapFit } from './minimapFit'

test('the graph fits the minimap, centred, whatever its place and shape', () => {
  const boxes = [
    { x: -500, y: 100, width: 230, height: 88 },
    { x: 4000, y: 900, width: 230, height: 88 },
  ]
  const { scale, x, y } = minimapFit(boxes, 200, 150)
  const project = (px: number, py: number) => [x + px * scale, y + py * scale]
  const [left, top] = project(-500, 100)
  const [right, bottom] = project(4230, 988)
  expect(left).toBeGreaterThanOrEqual(0)
  expect(right).toBeLessThanOrEqual(200)
  expect(top).toBeGreaterThanOrEqual(0)
  expect(bottom).toBeLessThanOrEqual(150)
  // wide graph: it fills the width (but the margins) and sits in the middle of the height
  expect(right - left).toBeCloseTo(188)
  expect((top + bottom) / 2).toBeCloseTo(75)
  expect(minimapFit([], 200, 150)).toEqual({ scale: 1, x: 0, y: 0 })
})
