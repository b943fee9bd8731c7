// The SVG path of an edge through the bends its layout gave it. Pure.

/** A smooth path through the points: straight runs, rounded at each bend. */
export function routePath(points: Array<{ x: number; y: number }>): string {
  const [first, ...rest] = points
  let path = `M ${first.x},${first.y}`
  for (let i = 0; i < rest.length - 1; i++) {
    const bend = rest[i]
    const next = rest[i + 1]
    const mid = { x: (bend.x + next.x) / 2, y: (bend.y + next.y) / 2 }
    path += ` Q ${bend.x},${bend.y} ${mid.x},${mid.y}`
  }
  const last = rest.at(-1)
  return last ? `${path} L ${last.x},${last.y}` : path
}

/** An orthogonal path through the points: straight runs joined by corners of `radius` (less
 * where a run is short), so the line stays on the route it was given. */
export function orthogonalPath(points: Array<{ x: number; y: number }>, radius = 10): string {
  const [first, ...rest] = points
  let path = `M ${first.x},${first.y}`
  for (let i = 0; i < rest.length - 1; i++) {
    const previous = points[i]
    const bend = rest[i]
    const next = rest[i + 1]
    const r = Math.min(radius, Math.hypot(bend.x - previous.x, bend.y - previous.y) / 2, Math.hypot(next.x - bend.x, next.y - bend.y) / 2)
    const toward = (p: { x: number; y: number }) => {
      const length = Math.hypot(p.x - bend.x, p.y - bend.y) || 1
      return { x: bend.x + ((p.x - bend.x) / length) * r, y: bend.y + ((p.y - bend.y) / length) * r }
    }
    const before = toward(previous)
    const after = toward(next)
    path += ` L ${before.x},${before.y} Q ${bend.x},${bend.y} ${after.x},${after.y}`
  }
  const last = rest.at(-1)
  return last ? `${path} L ${last.x},${last.y}` : path
}
