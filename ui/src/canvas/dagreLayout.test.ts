import { expect, test } from 'vitest'
import { computeLayout } from './dagreLayout'
import { routePath } from './routePath'

test('an edge that skips a rank is routed around the node in between', () => {
  const size = { width: 250, height: 140 }
  const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ id, ...size }))
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'a', target: 'c' },
    { source: 'a', target: 'd' },
  ]
  const { positions, routes } = computeLayout({ nodes, edges })
  const around = routes?.['a->c']
  expect(around?.length).toBeGreaterThan(0)
  for (const point of around ?? []) {
    for (const id of ['a', 'b', 'c', 'd']) {
      const box = positions[id]
      const inside = point.x > box.x && point.x < box.x + size.width && point.y > box.y && point.y < box.y + size.height
      expect(inside, `${JSON.stringify(point)} inside ${id}`).toBe(false)
    }
  }
})

test('a route is drawn through its bends', () => {
  expect(routePath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }])).toBe('M 0,0 Q 10,0 15,5 L 20,10')
  expect(routePath([{ x: 0, y: 0 }, { x: 5, y: 5 }])).toBe('M 0,0 L 5,5')
})
