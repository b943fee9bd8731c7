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
