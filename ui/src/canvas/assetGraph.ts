// The asset view of a project: every asset Dagster loads, in its group; a collapsed group is
// one node that stands for its assets and takes over their edges. Pure: no React, no DOM.
import type { Asset, AssetCheck, Definitions, WarningItem } from '../api/types'
import type { AssetRunView } from '../runs/runState'
import type { LayoutInput } from './dagreLayout'
import { nodeId } from './graphModel'

export const ASSET_WIDTH = 230
export const ASSET_HEIGHT = 88
export const DEFAULT_GROUP = 'default'

export type AssetNodeData = {
  asset: Asset
  checks: AssetCheck[]
  /** warnings of the asset and of its checks */
  warnings: WarningItem[]
  /** the canvas node (component instance or file) the asset comes from */
  component: string | null
  /** true/false while a filter is active, null when none is */
  matched: boolean | null
  /** its state in the project's instance, once read */
  run?: AssetRunView
  /** while assets are picked on the graph: whether it is, or why it cannot be */
  picked?: boolean
  unpickable?: string | null
}

export type CollapsedGroupData = {
  group: string
  count: number
  matched: number | null
}

export type AssetGraphNode =
  | { id: string; kind: 'asset'; group: string; data: AssetNodeData }
  | { id: string; kind: 'group'; group: string; data: CollapsedGroupData }

export interface AssetGraph {
  nodes: AssetGraphNode[]
  edges: Array<{ id: string; source: string; target: string }>
  /** expanded groups with their members, drawn as frames */
  groups: Array<{ id: string; name: string; count: number }>
}

export const groupNodeId = (group: string) => `group:${group}`
export const assetNodeId = (key: string) => `asset:${key}`

export function buildAssetGraph(
  definitions: Definitions | undefined,
  collapsed: ReadonlySet<string>,
  matches: ReadonlySet<string> | null,
): AssetGraph {
  const assets = definitions?.assets ?? []
  const checks = new Map<string, AssetCheck[]>()
  for (const check of definitions?.asset_checks ?? []) {
    checks.set(check.asset_key, [...(checks.get(check.asset_key) ?? []), check])
  }
  const warnings = warningsByAsset(definitions)
  const groupOf = (asset: Asset) => asset.group ?? DEFAULT_GROUP
  const members = new Map<string, Asset[]>()
  for (const asset of assets) members.set(groupOf(asset), [...(members.get(groupOf(asset)) ?? []), asset])

  const nodes: AssetGraphNode[] = []
  const placed = new Map<string, string>() // asset key -> node id standing for it
  for (const [group, list] of [...members].sort(([a], [b]) => a.localeCompare(b))) {
    if (collapsed.has(group)) {
      const id = groupNodeId(group)
      const matched = matches ? list.filter((a) => matches.has(a.key)).length : null
      nodes.push({ id, kind: 'group', group, data: { group, count: list.length, matched } })
      list.forEach((a) => placed.set(a.key, id))
      continue
    }
    for (const asset of list) {
      const id = assetNodeId(asset.key)
      placed.set(asset.key, id)
      nodes.push({
        id,
        kind: 'asset',
        group,
        data: {
          asset,
          checks: checks.get(asset.key) ?? [],
          warnings: warnings.get(asset.key) ?? [],
          component: asset.defs_path === null ? null : nodeId({ path: asset.defs_path, index: asset.defs_index }),
          matched: matches ? matches.has(asset.key) : null,
        },
      })
    }
  }
  const seen = new Set<string>()
  const edges: AssetGraph['edges'] = []
  for (const asset of assets) {
    const target = placed.get(asset.key)
    for (const dep of asset.deps) {
      const source = placed.get(dep)
      if (!source || !target || source === target) continue
      const id = `${source}->${target}`
      if (seen.has(id)) continue
      seen.add(id)
      edges.push({ id, source, target })
    }
  }
  const groups = [...members]
    .filter(([group]) => !collapsed.has(group))
    .map(([group, list]) => ({ id: groupNodeId(group), name: group, count: list.length }))
  return { nodes, edges, groups }
}

/** Warnings by the asset whose node shows them: a check's warning shows on its asset. */
export function warningsByAsset(definitions: Definitions | undefined): Map<string, WarningItem[]> {
  const checkAsset = new Map((definitions?.asset_checks ?? []).map((c) => [c.key, c.asset_key]))
  const found = new Map<string, WarningItem[]>()
  for (const warning of definitions?.warnings ?? []) {
    if (warning.key === null) continue
    const asset = checkAsset.get(warning.key) ?? warning.key
    found.set(asset, [...(found.get(asset) ?? []), warning])
  }
  return found
}

/** What the layout engine needs: sizes, clusters for expanded groups, and the edges. */
export function assetLayoutInput(graph: AssetGraph): LayoutInput {
  const grouped = graph.groups.length > 1 // one group needs no frame to tell it apart
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      width: ASSET_WIDTH,
      height: ASSET_HEIGHT,
      parent: grouped && node.kind === 'asset' ? groupNodeId(node.group) : undefined,
    })),
    edges: graph.edges,
    groups: grouped ? graph.groups.map((g) => g.id) : [],
  }
}

/** Asset keys matching a plain text filter: key, group, kind, tag, owner or description. */
export function textMatches(assets: Asset[], text: string): Set<string> {
  const needle = text.trim().toLowerCase()
  const found = new Set<string>()
  for (const asset of assets) {
    const haystack = [
      asset.key,
      asset.group ?? '',
      ...asset.kinds,
      ...asset.tags.map((t) => `${t.key}=${t.value}`),
      ...asset.owners.map((o) => ('team' in o ? o.team : o.email)),
      asset.description ?? '',
    ]
      .join(' ')
      .toLowerCase()
    if (haystack.includes(needle)) found.add(asset.key)
  }
  return found
}

/** Whether a filter is written in Dagster's selection syntax rather than as plain text. */
export function isSelectionSyntax(text: string): boolean {
  return /[:*+()]|\b(and|or|not)\b/.test(text.trim())
}
