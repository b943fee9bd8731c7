import { describe, expect, it } from 'vitest'
import type { DefinitionsDiff } from '../defsdiff/useDefinitionsDiff'
import { ASSET_HEIGHT, ASSET_WIDTH } from './assetGraph'
import { diffAttributes, overlayOf, removedNodes } from './diffOverlay'

const none = { added: [], removed: [], changed: [] }
const diff: DefinitionsDiff = {
  ref: 'HEAD',
  commit: 'abc123',
  error: null,
  assets: {
    added: ['new'],
    removed: ['gone', 'raw/old'],
    changed: [{ key: 'orders', fields: ['deps', 'group'] }],
  },
  asset_checks: none,
  jobs: { added: ['j'], removed: [], changed: [] },
  schedules: none,
  sensors: none,
}

describe('the overlay of changes on the asset graph', () => {
  const overlay = overlayOf(diff)

  it('counts the assets added, changed and removed', () => {
    expect(overlay.counts).toEqual({ added: 1, changed: 1, removed: 2 })
    expect(overlay.ref).toBe('HEAD')
  })

  it('gives a node the class of its state, and a changed one its fields', () => {
    expect(diffAttributes(overlay, 'new')).toEqual({ className: 'diff-added', domAttributes: { 'data-diff': 'added' } })
    expect(diffAttributes(overlay, 'orders')).toEqual({
      className: 'diff-changed',
      domAttributes: { 'data-diff': 'changed', 'data-diff-fields': 'deps, group' },
    })
    expect(diffAttributes(overlay, 'unchanged')).toEqual({})
  })

  it('places the removed assets as ghosts in a column right of the graph, from its top', () => {
    const placed = [{ position: { x: 0, y: 40 } }, { position: { x: 300, y: 200 } }]
    const ghosts = removedNodes(overlay, placed)
    expect(ghosts.map((g) => g.id)).toEqual(['removed:gone', 'removed:raw/old'])
    const right = 300 + ASSET_WIDTH
    expect(ghosts[0].position.x).toBeGreaterThan(right)
    expect(ghosts[0].position.y).toBe(40)
    expect(ghosts[1].position.x).toBe(ghosts[0].position.x)
    expect(ghosts[1].position.y).toBeGreaterThanOrEqual(40 + ASSET_HEIGHT)
    for (const ghost of ghosts) {
      expect(ghost).toMatchObject({ type: 'removedAsset', className: 'diff-removed', selectable: false, draggable: false, connectable: false })
    }
    expect(ghosts[1].data).toEqual({ key: 'raw/old', ref: 'HEAD' })
  })

  it('has no ghosts when nothing was removed', () => {
    expect(removedNodes(overlayOf({ ...diff, assets: { ...diff.assets, removed: [] } }), [])).toEqual([])
  })
})
