import { expect, test } from 'vitest'
import { anAsset, aWarning, someDefinitions } from '../api/definitions.testing'
import type { Asset, Definitions, DefsInstance, WarningItem } from '../api/types'
import { buildGraph, nodeId } from './graphModel'

const instance = (path: string, kind: DefsInstance['kind'] = 'component', index: number | null = 0): DefsInstance => ({
  path,
  index: kind === 'python' ? null : index,
  kind,
  type: kind === 'python' ? 'python' : 'dagster.PythonScriptComponent',
  file: kind === 'python' ? path : `${path}/defs.yaml`,
  files: kind === 'python' ? [path] : [`${path}/defs.yaml`],
  error: null,
})

const asset = (key: string, deps: string[], defs_path: string | null, defs_index: number | null = 0): Asset =>
  anAsset(key, { deps, defs_path, defs_index })

const definitions = (assets: Asset[], errors: Definitions['errors'] = [], warnings: Definitions['warnings'] = []): Definitions =>
  someDefinitions({
    assets,
    schedules: [{ name: 'daily', cron_schedule: '@daily', job_name: null, source: null, defs_path: 'jobs.py', defs_index: null }],
    errors,
    warnings,
  })

test('nodes carry their assets; edges follow dependencies across instances', () => {
  const graph = buildGraph(
    [instance('ingest'), instance('reports.py', 'python'), instance('jobs.py', 'python')],
    definitions([
      asset('raw/orders', [], 'ingest'),
      asset('orders', ['raw/orders'], 'ingest'),
      asset('revenue', ['orders', 'raw/orders', 'external/x'], 'reports.py', null),
      asset('external/x', [], null, null),
    ]),
    'src/p/defs',
  )
  const byId = Object.fromEntries(graph.nodes.map((n) => [n.id, n]))
  expect(byId.ingest.assets.map((a) => a.key)).toStrictEqual(['raw/orders', 'orders'])
  expect(byId['reports.py'].assets.map((a) => a.key)).toStrictEqual(['revenue'])
  expect(byId['jobs.py'].automations).toStrictEqual([{ kind: 'schedule', name: 'daily', detail: '@daily' }])
  expect(graph.edges).toStrictEqual([{ id: 'ingest->reports.py', source: 'ingest', target: 'reports.py', count: 2 }])
})

test('problems attach to the node of their file, others stay project-wide', () => {
  const graph = buildGraph(
    [instance('ingest'), instance('reports.py', 'python')],
    definitions([], [
      { message: 'bad attr', file: 'src/p/defs/ingest/defs.yaml', line: 3, defs_index: 0 },
      { message: 'syntax', file: 'src/p/defs/reports.py', line: 1 },
      { message: 'duplicate key' },
    ]),
    'src/p/defs',
  )
  const byId = Object.fromEntries(graph.nodes.map((n) => [n.id, n]))
  expect(byId.ingest.problems.map((p) => p.message)).toStrictEqual(['bad attr'])
  expect(byId['reports.py'].problems.map((p) => p.message)).toStrictEqual(['syntax'])
  expect(graph.unplaced.map((p) => p.message)).toStrictEqual(['duplicate key'])
})

test('later documents of a multi-document file get their own ids', () => {
  expect(nodeId(instance('two_docs', 'component', 0))).toBe('two_docs')
  expect(nodeId(instance('two_docs', 'component', 1))).toBe('two_docs[1]')
})

test('a warning shows on the node where it is written, else on the node of its asset; never as a problem', () => {
  const written: WarningItem = aWarning({
    message: '`report` depends on `raw_order`',
    key: 'report',
    defs_path: 'reports.py',
  })
  const unplacedSite: WarningItem = aWarning({ message: 'script missing', kind: 'missing_file', key: 'raw/orders' })
  const graph = buildGraph(
    [instance('ingest'), instance('reports.py', 'python')],
    definitions([asset('raw/orders', [], 'ingest'), asset('report', [], 'reports.py', null)], [], [written, unplacedSite]),
    'src/p/defs',
  )
  const byId = Object.fromEntries(graph.nodes.map((n) => [n.id, n]))
  expect(byId['reports.py'].warnings).toStrictEqual([written])
  expect(byId.ingest.warnings).toStrictEqual([unplacedSite])
  expect(graph.nodes.flatMap((n) => n.problems)).toStrictEqual([])
})
