import { expect, test } from 'vitest'
import { aCheck, anAsset, aWarning, someDefinitions } from '../api/definitions.testing'
import type { Asset, Definitions } from '../api/types'
import { assetLayoutInput, buildAssetGraph, isSelectionSyntax, textMatches } from './assetGraph'
import { computeLayout } from './dagreLayout'
import { structureKey } from './layoutCache'

const asset = (key: string, group: string, deps: string[] = [], extra: Partial<Asset> = {}): Asset =>
  anAsset(key, { deps, group, defs_path: 'ingest', defs_index: 0, ...extra })

const definitions: Definitions = someDefinitions({
  assets: [
    asset('raw/orders', 'ingest', [], { kinds: ['sling'] }),
    asset('raw/customers', 'ingest'),
    asset('orders', 'marts', ['raw/orders', 'raw/customers'], { owners: [{ team: 'data' }], defs_path: 'reports.py', defs_index: null }),
    asset('report', 'marts', ['orders'], { tags: [{ key: 'tier', value: 'gold' }] }),
  ],
  asset_checks: [aCheck('orders:not_empty')],
  warnings: [
    aWarning({ message: 'check on a stub', key: 'orders:not_empty', missing: 'x' }),
    aWarning({ message: 'dep on a stub', key: 'report', missing: 'y' }),
  ],
})

test('assets become nodes in their groups, with checks and the component they come from', () => {
  const graph = buildAssetGraph(definitions, new Set(), null)
  expect(graph.nodes.map((n) => n.id)).toStrictEqual(['asset:raw/orders', 'asset:raw/customers', 'asset:orders', 'asset:report'])
  const orders = graph.nodes.find((n) => n.id === 'asset:orders')
  expect(orders?.kind === 'asset' && orders.data.checks.map((c) => c.name)).toStrictEqual(['not_empty'])
  expect(orders?.kind === 'asset' && orders.data.component).toBe('reports.py')
  expect(graph.edges.map((e) => e.id)).toStrictEqual([
    'asset:raw/orders->asset:orders',
    'asset:raw/customers->asset:orders',
    'asset:orders->asset:report',
  ])
  expect(graph.groups.map((g) => [g.name, g.count])).toStrictEqual([
    ['ingest', 2],
    ['marts', 2],
  ])
})

test('a collapsed group is one node that takes over its edges', () => {
  const graph = buildAssetGraph(definitions, new Set(['ingest']), new Set(['raw/orders']))
  const group = graph.nodes.find((n) => n.id === 'group:ingest')
  expect(group?.kind === 'group' && group.data).toStrictEqual({ group: 'ingest', count: 2, matched: 1 })
  expect(graph.edges.map((e) => e.id)).toStrictEqual(['group:ingest->asset:orders', 'asset:orders->asset:report'])
  expect(graph.groups.map((g) => g.name)).toStrictEqual(['marts'])
})

test('the layout places groups as clusters that contain their assets', () => {
  const input = assetLayoutInput(buildAssetGraph(definitions, new Set(), null))
  const { positions, groups } = computeLayout(input)
  const box = groups['group:ingest']
  const inside = (id: string) =>
    positions[id].x >= box.x && positions[id].y >= box.y && positions[id].x <= box.x + box.width && positions[id].y <= box.y + box.height
  expect(inside('asset:raw/orders') && inside('asset:raw/customers')).toBe(true)
  expect(positions['asset:report'].x).toBeGreaterThan(positions['asset:orders'].x)
})

test('text filters look at keys, groups, kinds, tags and owners; syntax goes to Dagster', () => {
  expect([...textMatches(definitions.assets, 'sling')]).toStrictEqual(['raw/orders'])
  expect([...textMatches(definitions.assets, 'TIER=gold')]).toStrictEqual(['report'])
  expect([...textMatches(definitions.assets, 'data')]).toStrictEqual(['orders'])
  expect(isSelectionSyntax('group:sales+')).toBe(true)
  expect(isSelectionSyntax('*orders')).toBe(true)
  expect(isSelectionSyntax('kind:dbt and tag:daily')).toBe(true)
  expect(isSelectionSyntax('orders')).toBe(false)
})

test('layouts are cached under a key of the structure only', () => {
  const a = assetLayoutInput(buildAssetGraph(definitions, new Set(), null))
  const renamed = { ...definitions, assets: definitions.assets.map((x) => ({ ...x, description: 'changed' })) }
  expect(structureKey(assetLayoutInput(buildAssetGraph(renamed, new Set(), null)))).toBe(structureKey(a))
  expect(structureKey(assetLayoutInput(buildAssetGraph(definitions, new Set(['marts']), null)))).not.toBe(structureKey(a))
})

test("an asset's node carries its warnings and those of its checks", () => {
  const graph = buildAssetGraph(definitions, new Set(), null)
  const warned = Object.fromEntries(
    graph.nodes.flatMap((n) => (n.kind === 'asset' ? [[n.data.asset.key, n.data.warnings.map((w) => w.message)]] : [])),
  )
  expect(warned).toStrictEqual({
    'raw/orders': [],
    'raw/customers': [],
    orders: ['check on a stub'],
    report: ['dep on a stub'],
  })
})
