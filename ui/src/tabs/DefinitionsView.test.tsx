import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { aCheck, anAsset, someDefinitions } from '../api/definitions.testing'
import type { Definitions, RunSummary, ScheduleState } from '../api/types'
import { DefinitionsView } from './DefinitionsView'
import type { DefinitionTab } from './tabIds'

interface Call {
  method: string
  url: string
  body: unknown
}

/** the answers come in turn: time for them on a busy machine */
const LATER = { timeout: 5000 }
vi.setConfig({ testTimeout: 20_000 })
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

let calls: Call[]
/** the designer wrote these (kind/name); the rest are someone else's */
let written: Record<string, Record<string, unknown>>
/** what still references these (kind/name), refusing a plain delete */
let referenced: Record<string, string>

const SCHEDULE_STATE: ScheduleState = {
  name: 'morning',
  cron_schedule: '0 9 * * 1-5',
  execution_timezone: 'America/New_York',
  running: true,
  default_status: 'STOPPED',
  next_ticks: ['2026-12-01T14:00:00+00:00'],
  targets: [{ job_name: 'refresh', asset_keys: ['orders', 'customers'] }],
}

const RUNS: RunSummary[] = [
  { run_id: 'r2', status: 'FAILURE', job_name: 'refresh', asset_keys: [], start_time: 100, end_time: 160 },
  { run_id: 'r1', status: 'SUCCESS', job_name: 'refresh', asset_keys: [], start_time: 10, end_time: 20 },
]

beforeEach(() => {
  calls = []
  written = {}
  referenced = {}
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null })
      const route = url.replace('/api/v1/projects/p1', '')
      const builder = /^\/builders\/(\w+)\/([^?]+)(\?force=true)?$/.exec(route)
      if (builder) {
        const id = `${builder[1]}/${decodeURIComponent(builder[2])}`
        if (!(id in written)) return json({ detail: 'Not written by the designer.' }, 404)
        if (method === 'GET') return json({ params: written[id] })
        if (method === 'DELETE' && referenced[id] && !builder[3]) return json({ detail: referenced[id] }, 409)
        if (method === 'DELETE') return new Response(null, { status: 204 })
      }
      if (route === '/schedules') return json([SCHEDULE_STATE])
      if (route.startsWith('/runs?')) return json(new URLSearchParams(route.split('?')[1]).get('job') === 'refresh' ? RUNS : [])
      if (route === '/runs' && method === 'POST') return json({ run_id: 'r9', status: 'STARTING' }, 201)
      if (route === '/asset-status') {
        return json([{ key: 'orders', last_materialization: null, last_run: null, checks: [{ name: 'not_empty', passed: false, severity: 'ERROR' }] }])
      }
      return json([])
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const definitions: Definitions = someDefinitions({
  assets: [anAsset('orders', { kinds: ['duckdb'], owners: [{ team: 'sales' }] }), anAsset('customers')],
  asset_checks: [aCheck('orders:not_empty'), aCheck('orders:fresh'), aCheck('customers:unique')],
  jobs: [{ name: 'refresh', description: 'Every table', asset_keys: ['orders', 'customers'], source: 'src/p/defs/jobs.py:4', defs_path: null, defs_index: null }],
  schedules: [{ name: 'morning', cron_schedule: '0 9 * * 1-5', job_name: 'refresh', source: 'src/p/defs/schedules.py:7', defs_path: null, defs_index: null }],
})

function show(tab: DefinitionTab) {
  const onOpenFile = vi.fn()
  const onOpenRun = vi.fn()
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <DefinitionsView projectId="p1" tab={tab} definitions={definitions} onOpenFile={onOpenFile} onOpenRun={onOpenRun} />
    </QueryClientProvider>,
  )
  return { onOpenFile, onOpenRun }
}

const card = (name: string) => screen.getByRole('article', { name })

test('a schedule: its cron in words, its target, its state, its last run; Run now launches its job', async () => {
  show('schedules')
  const morning = card('Schedule morning')
  expect(morning.textContent).toContain('At 09:00 AM, Monday through Friday')
  // then what the instance says of it
  await waitFor(() => expect(morning.textContent).toContain('Job refresh · 2 assets'), LATER)
  expect(morning.textContent).toContain('At 09:00 AM, Monday through Friday (America/New_York)')
  expect(within(morning).getByRole('switch', { name: 'morning running' })).toHaveProperty('checked', true)
  await waitFor(() => expect(morning.textContent).toContain('FAILURE'), LATER)

  fireEvent.click(within(morning).getByRole('button', { name: 'Run now' }))
  expect(await screen.findByRole('status', { name: 'Run' }, LATER)).toBeTruthy()
  expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: '/api/v1/projects/p1/runs', body: { job: 'refresh' } })
})

test('Edit opens the form of what the designer wrote, and the code of anything else', async () => {
  written['schedule/morning'] = { name: 'morning', cron: '0 9 * * 1-5', timezone: 'America/New_York', target: { job: 'refresh' }, description: '', default_status: 'STOPPED' }
  const { onOpenFile } = show('schedules')
  fireEvent.click(screen.getByRole('button', { name: 'Edit morning' }))
  const form = await screen.findByRole('dialog', { name: 'Edit schedule morning' }, LATER)
  expect(within(form).getByLabelText('Time of day')).toHaveProperty('value', '09:00')
  expect(within(form).getByLabelText('Runs')).toHaveProperty('value', 'weekday')
  fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }))

  delete written['schedule/morning']
  fireEvent.click(screen.getByRole('button', { name: 'Edit morning' }))
  await waitFor(() => expect(onOpenFile).toHaveBeenCalledWith('src/p/defs/schedules.py', 7), LATER)
  expect(screen.queryByRole('dialog')).toBeNull()
})

test('a job that a schedule still targets is deleted only when the user insists', async () => {
  written['job/refresh'] = { name: 'refresh', selection: '*' }
  referenced['job/refresh'] = 'The schedule `morning` targets the job `refresh`.'
  show('jobs')
  const refresh = card('Job refresh')
  await waitFor(() => expect(within(refresh).getByLabelText('Runs of refresh').textContent).toContain('Runs: 2 · Success: 1 · Failed: 1'), LATER)
  fireEvent.click(within(refresh).getByRole('button', { name: 'Delete refresh' }))
  const confirm = screen.getByRole('dialog', { name: 'Delete the job refresh?' })
  fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }))
  await waitFor(() => expect(confirm.textContent).toContain('The schedule morning targets the job refresh.'), LATER)
  fireEvent.click(within(confirm).getByRole('button', { name: 'Delete anyway' }))
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), LATER)
  expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual([
    '/api/v1/projects/p1/builders/job/refresh',
    '/api/v1/projects/p1/builders/job/refresh?force=true',
  ])
})

test('deleting what the designer did not write says so and offers its code', async () => {
  const { onOpenFile } = show('jobs')
  fireEvent.click(screen.getByRole('button', { name: 'Delete refresh' }))
  const confirm = screen.getByRole('dialog', { name: 'Delete the job refresh?' })
  fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }))
  expect(await within(confirm).findByText('The job refresh was not written by a builder: remove it in its file.', {}, LATER)).toBeTruthy()
  fireEvent.click(within(confirm).getByRole('button', { name: 'Open its code' }))
  expect(onOpenFile).toHaveBeenCalledWith('src/p/defs/jobs.py', 4)
})

test('an asset written by the SQL builder reopens in the SQL form', async () => {
  written['sql_asset/orders'] = { name: 'orders', sql: 'select 1', connection: 'duckdb' }
  show('assets')
  expect(screen.getByRole('row', { name: /orders/ }).textContent).toContain('team:sales')
  fireEvent.click(screen.getByRole('button', { name: 'Edit orders' }))
  const form = await screen.findByRole('dialog', { name: 'Edit SQL asset orders' }, LATER)
  expect(within(form).getByLabelText('SQL query')).toHaveProperty('value', 'select 1')
  expect(calls.filter((c) => c.url.includes('/builders/')).map((c) => c.url)).toEqual([
    '/api/v1/projects/p1/builders/asset/orders',
    '/api/v1/projects/p1/builders/sql_asset/orders',
  ])
})

test('checks under their asset with their last result; Run now runs only the checks', async () => {
  show('checks')
  const groups = screen.getAllByRole('region', { name: /^Checks of / })
  expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['Checks of customers', 'Checks of orders'])
  const notEmpty = card('Check orders:not_empty')
  await waitFor(() => expect(notEmpty.textContent).toContain('Last result: failed (ERROR)'), LATER)
  fireEvent.click(within(notEmpty).getByRole('button', { name: 'Run now' }))
  await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true), LATER)
  expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ selection: 'key:"orders"', checks_only: true })
})
