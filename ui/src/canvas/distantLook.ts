// What the painted view of a large asset graph draws for each node, and which node lies under a
// point: the DOM nodes are gone there, so a click and a hover are answered from the known boxes.
// Pure: no React, no DOM.
import type { Node } from '@xyflow/react'
import type { AssetState } from '../runs/runState'
import type { AssetNodeData, CollapsedGroupData } from './assetGraph'

export interface Look {
  kind: 'asset' | 'group' | 'frame'
  /** the name written in the box once it is wide enough */
  label: string
  /** the full name, for the hover */
  title: string
  run: AssetState | null
  warned: boolean
  /** a filter is on and the node does not match it */
  dimmed: boolean
}

const lastPart = (key: string) => key.slice(key.lastIndexOf('/') + 1)

export function lookOf(node: Node): Look {
  if (node.type === 'groupFrame') {
    const { name, count } = node.data as { name: string; count: number }
    return { kind: 'frame', label: name, title: `${name} (${count})`, run: null, warned: false, dimmed: false }
  }
  if (node.type === 'collapsedGroup') {
    const { group, matched } = node.data as CollapsedGroupData
    return { kind: 'group', label: group, title: group, run: null, warned: false, dimmed: matched === 0 }
  }
  if (node.type === 'removedAsset') {
    // an asset gone since the compared commit, drawn faint
    const { key, ref } = node.data as { key: string; ref: string }
    return { kind: 'asset', label: lastPart(key), title: `${key} (removed since ${ref})`, run: null, warned: false, dimmed: true }
  }
  const { asset, warnings, matched, run } = node.data as AssetNodeData
  const key = asset.key
  return {
    kind: 'asset',
    label: lastPart(key),
    title: key,
    run: asset.is_executable && run ? run.state : null,
    warned: warnings.length > 0,
    dimmed: matched === false,
  }
}

/** The label cut to what fits `room` pixels at `charWidth` per character, with an ellipsis. */
export function fitLabel(label: string, room: number, charWidth: number): string {
  const fits = Math.floor(room / charWidth)
  if (fits >= label.length) return label
  return fits < 2 ? '' : `${label.slice(0, fits - 1)}…`
}

const size = (node: Node) => ({ w: node.measured?.width ?? node.width ?? 0, h: node.measured?.height ?? node.height ?? 0 })

/** The node (not a group's frame) whose box holds `point`, in graph coordinates; the one drawn
 * last when boxes overlap (a dragged node over another). */
export function nodeAt(nodes: readonly Node[], point: { x: number; y: number }): Node | null {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]
    if (node.type === 'groupFrame') continue
    const { w, h } = size(node)
    const { x, y } = node.position
    if (point.x >= x && point.x <= x + w && point.y >= y && point.y <= y + h) return node
  }
  return null
}
