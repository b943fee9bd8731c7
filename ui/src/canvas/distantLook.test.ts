import type { Node } from '@xyflow/react'
import { expect, test } from 'vitest'
import { fitLabel, lookOf, nodeAt } from './distantLook'

const asset = (id: string, x: number, y: number, extra: Record<string, unknown> = {}): Node => ({
  id,
  type: 'asset',
  position: { x, y },
  width: 230,
  height: 88,
  data: {
    asset: { key: id.slice('asset:'.length), is_executable: true },
    warnings: [],
    matched: null,
    ...extra,
  },
})
const frame: Node = { id: 'group:g', type: 'groupFrame', position: { x: -20, y: -40 }, width: 600, height: 400, data: { name: 'g', count: 2 } }

test('a click finds the box under it, never the frame around it, the last drawn on top', () => {
  const nodes = [frame, asset('asset:a', 0, 0), asset('asset:b', 100, 50)]
  expect(nodeAt(nodes, { x: 10, y: 10 })?.id).toBe('asset:a')
  expect(nodeAt(nodes, { x: 150, y: 60 })?.id).toBe('asset:b')
  expect(nodeAt(nodes, { x: 500, y: 300 })).toBeNull() // inside the frame only
  expect(nodeAt(nodes, { x: 231, y: 10 })).toBeNull()
})

test('a look names the asset by its last part and carries its run, warnings and filter', () => {
  const look = lookOf(asset('asset:raw/orders', 0, 0, { run: { state: 'failed' }, warnings: [{}], matched: false }))
  expect(look).toMatchObject({ kind: 'asset', label: 'orders', title: 'raw/orders', run: 'failed', warned: true, dimmed: true })
  expect(lookOf(frame)).toMatchObject({ kind: 'frame', label: 'g', title: 'g (2)' })
  const external = asset('asset:ext', 0, 0, { run: { state: 'never' } })
  ;(external.data as { asset: { is_executable: boolean } }).asset.is_executable = false
  expect(lookOf(external).run).toBeNull()
  const removed: Node = { id: 'removed:raw/gone', type: 'removedAsset', position: { x: 0, y: 0 }, data: { key: 'raw/gone', ref: 'HEAD' } }
  expect(lookOf(removed)).toMatchObject({ label: 'gone', title: 'raw/gone (removed since HEAD)', dimmed: true })
})

test('a label is cut to its room with an ellipsis, or dropped when almost nothing fits', () => {
  expect(fitLabel('orders', 100, 6)).toBe('orders')
  expect(fitLabel('daily_sales_summary', 60, 6)).toBe('daily_sal…')
  expect(fitLabel('orders', 8, 6)).toBe('')
})
