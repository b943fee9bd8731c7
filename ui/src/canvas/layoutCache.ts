// Layouts are a pure function of the graph's structure, so a computed layout is kept (in
// localStorage, a few recent ones) under a key made from that structure: opening the same
// graph again skips the layout engine.
import type { LayoutInput, LayoutResult } from './dagreLayout'
import { layout } from './layoutClient'

const VERSION = 2
const PREFIX = `designer-layout-v${VERSION}:`
const KEEP = 12

/** FNV-1a over the structure: ids, sizes, parents and edges. */
export function structureKey(input: LayoutInput): string {
  let hash = 0x811c9dc5
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
  }
  for (const node of input.nodes) feed(`${node.id}|${node.width}|${node.height}|${node.parent ?? ''};`)
  for (const edge of input.edges) feed(`${edge.source}>${edge.target};`)
  for (const group of input.groups ?? []) feed(`#${group};`)
  return `${hash.toString(36)}-${input.nodes.length}-${input.edges.length}`
}

function read(key: string): LayoutResult | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key)
    return raw ? (JSON.parse(raw) as LayoutResult) : null
  } catch {
    return null
  }
}

function write(key: string, result: LayoutResult) {
  try {
    const keys = Object.keys(window.localStorage).filter((k) => k.startsWith(PREFIX))
    const index = JSON.parse(window.localStorage.getItem(`${PREFIX}index`) ?? '[]') as string[]
    const order = [...index.filter((k) => k !== key), key]
    for (const stale of order.slice(0, Math.max(0, order.length - KEEP))) window.localStorage.removeItem(PREFIX + stale)
    for (const orphan of keys) if (orphan !== `${PREFIX}index` && !order.includes(orphan.slice(PREFIX.length))) window.localStorage.removeItem(orphan)
    window.localStorage.setItem(`${PREFIX}index`, JSON.stringify(order.slice(-KEEP)))
    window.localStorage.setItem(PREFIX + key, JSON.stringify(result))
  } catch {
    // a full storage only costs a layout next time
  }
}

export async function cachedLayout(input: LayoutInput): Promise<{ result: LayoutResult; cached: boolean }> {
  const key = structureKey(input)
  const known = read(key)
  if (known) return { result: known, cached: true }
  const result = await layout(input)
  write(key, result)
  return { result, cached: false }
}
