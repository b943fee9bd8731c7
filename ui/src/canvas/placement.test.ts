import { expect, test } from 'vitest'
import { freeSpot, placeNodes, spotted, type Placement } from './placement'

const size = { width: 200, height: 100 }
const none: Placement = { saved: {}, auto: {}, shown: {}, view: null, size }

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x < b.x + size.width && b.x < a.x + size.width && a.y < b.y + size.height && b.y < a.y + size.height

test('saved positions win, and unsaved nodes go below them keeping their arrangement on opening', () => {
  const placed = placeNodes(['a', 'b', 'c'], {
    ...none,
    saved: { a: { x: 100, y: 0 } },
    auto: { a: { x: 0, y: 0 }, b: { x: 0, y: 0 }, c: { x: 300, y: 50 } },
  })
  expect(placed).toStrictEqual({ a: { x: 100, y: 0 }, b: { x: 100, y: 160 }, c: { x: 400, y: 210 } })
})

test('without saved positions the layout is used as is; unplaced nodes are left out', () => {
  const placed = placeNodes(['a', 'b'], { ...none, auto: { a: { x: 5, y: 6 } }, shown: { b: { x: 1, y: 1 } } })
  expect(placed).toStrictEqual({ a: { x: 5, y: 6 } })
})

test('a node that appears goes to a free place in view, and the others stay where they are', () => {
  const view = { x: 0, y: 0, width: 1000, height: 600 }
  // the middle of the view is taken
  const saved = { a: { x: 400, y: 250 } }
  const shown = { b: { x: 650, y: 250 } }
  const placed = placeNodes(['a', 'b', 'new', 'newer'], { ...none, saved, shown, view, auto: { new: { x: 9999, y: 9999 } } })
  expect(placed.a).toStrictEqual(saved.a)
  expect(placed.b).toStrictEqual(shown.b)
  const ids = Object.keys(placed)
  for (const id of ['new', 'newer']) {
    const spot = placed[id]
    expect(spot.x).toBeGreaterThanOrEqual(view.x)
    expect(spot.y).toBeGreaterThanOrEqual(view.y)
    expect(spot.x + size.width).toBeLessThanOrEqual(view.x + view.width)
    expect(spot.y + size.height).toBeLessThanOrEqual(view.y + view.height)
    for (const other of ids) if (other !== id) expect(overlaps(spot, placed[other]), `${id} on ${other}`).toBe(false)
  }
})

test('a full view sends the new node below everything, still apart', () => {
  const view = { x: 0, y: 0, width: 220, height: 120 }
  const taken = [{ x: 10, y: 10 }]
  const spot = freeSpot(taken, view, size)
  expect(overlaps(spot, taken[0])).toBe(false)
  expect(spot.y).toBeGreaterThan(10 + size.height)
})

test('an empty view takes the new node in its middle', () => {
  expect(freeSpot([], { x: 0, y: 0, width: 600, height: 400 }, size)).toStrictEqual({ x: 200, y: 150 })
})

test('only a node that appears beside the user\'s own layout counts as placed at a free spot', () => {
  const view = { x: 0, y: 0, width: 1000, height: 800 }
  const own = { ...none, saved: { a: { x: 0, y: 0 } }, shown: { a: { x: 0, y: 0 }, b: { x: 300, y: 0 } }, view }
  expect(spotted(['a', 'b', 'c'], own)).toEqual(['c'])
  // every node on screen saved (the user moved one: the others were frozen where they were)
  expect(spotted(['a', 'b', 'c'], { ...own, saved: own.shown })).toEqual(['c'])
  // on opening (nothing shown yet) or without any saved place, the layout engine places it
  expect(spotted(['a', 'b', 'c'], { ...own, shown: {} })).toEqual([])
  expect(spotted(['a', 'b', 'c'], { ...own, saved: {} })).toEqual([])
  expect(spotted(['a', 'b', 'c'], { ...own, view: null })).toEqual([])
})
