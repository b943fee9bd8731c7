// The asset graph's changes since a commit: which nodes are added or changed (a CSS class per
// state, the changed fields for the hover label) and ghost nodes for the removed assets, placed
// in a column of their own right of the graph. Pure: the canvas applies it to its nodes.
import type { Node } from '@xyflow/react'
import type { DefinitionsDiff } from '../defsdiff/useDefinitionsDiff'
import { ASSET_HEIGHT, ASSET_WIDTH } from './assetGraph'

export type DiffState = 'added' | 'changed' | 'removed'

export interface DiffOverlay {
  /** what the working tree is compared with: `HEAD`, a branch, a commit */
  ref: string
  /** added and changed assets by key, changed ones with the fields that differ */
  states: ReadonlyMap<string, { state: 'added' | 'changed'; fields: readonly string[] }>
  removed: readonly string[]
  counts: Record<DiffState, number>
}

export type RemovedAssetFlowNode = Node<{ key: string; ref: string }, 'removedAsset'>

const COLUMN_GAP = 120
const ROW_GAP = 24

export function overlayOf(diff: DefinitionsDiff): DiffOverlay {
  const { added, changed, removed } = diff.assets
  const states = new Map<string, { state: 'added' | 'changed'; fields: readonly string[] }>()
  for (const key of added) states.set(key, { state: 'added', fields: [] })
  for (const change of changed) states.set(change.key, { state: 'changed', fields: change.fields })
  return {
    ref: diff.ref,
    states,
    removed,
    counts: { added: added.length, changed: changed.length, removed: removed.length },
  }
}

/** What the node of asset `key` gets: the class of its state and, when changed, its fields
 * (shown under it on hover); nothing when it is as in the commit. */
export function diffAttributes(overlay: DiffOverlay, key: string): Partial<Node> {
  const found = overlay.states.get(key)
  if (!found) return {}
  const fields = found.fields.join(', ')
  return {
    className: `diff-${found.state}`,
    domAttributes: { 'data-diff': found.state, ...(fields ? { 'data-diff-fields': fields } : {}) } as Node['domAttributes'],
  }
}

/** The removed assets as ghost nodes in a column right of the nodes laid out. */
export function removedNodes(overlay: DiffOverlay, placed: ReadonlyArray<Pick<Node, 'position'>>): RemovedAssetFlowNode[] {
  const right = placed.reduce((most, node) => Math.max(most, node.position.x + ASSET_WIDTH), 0)
  const top = placed.length > 0 ? Math.min(...placed.map((node) => node.position.y)) : 0
  return overlay.removed.map((key, index) => ({
    id: `removed:${key}`,
    type: 'removedAsset',
    position: { x: right + COLUMN_GAP, y: top + index * (ASSET_HEIGHT + ROW_GAP) },
    width: ASSET_WIDTH,
    height: ASSET_HEIGHT,
    data: { key, ref: overlay.ref },
    className: 'diff-removed',
    selectable: false,
    draggable: false,
    connectable: false,
  }))
}

