import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { anAsset, someDefinitions } from '../api/definitions.testing'
import { BuilderForm, type OpenedForm } from './BuilderForm'

const LATER = { timeout: 5000 }
vi.setConfig({ testTimeout: 20_000 })

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

let posted: Array<{ url: string; body: unknown }>
/** what each selection selects */
const SELECTS: Record<string, string[]> = { 'group:sales': ['orders', 'customers'], 'group:nothing': [] }

beforeEach(() => {
  posted = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url.startsWith('/api/v1/projects/p1/selection?')) {
        const q = new URLSearchParams(url.split('?')[1]).get('q')!
        return json(q in SELECTS ? { keys: SELECTS[q], checks: [], error: null } : { keys: [], checks: [], error: `Not a valid selection: \`${q}\`.` })
      }
      if (init.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { params: { name: string } }
        posted.push({ url, body })
        return json({ name: body.params.name, files: ['src/p/defs/x.py'], ok: true, errors: [], warnings: [] }, 201)
      }
      return json([])
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const definitions = someDefinitions({
  assets: [anAsset('raw/orders'), anAsset('orders'), anAsset('customers', { group: 'sales' })],
  jobs: [{ name: 'refresh', description: null, asset_keys: ['orders'], source: null, defs_path: null, defs_index: null }],
})

function open(opened: OpenedForm) {
  const onSaved = vi.fn()
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <BuilderForm opened={opened} projectId="p1" definitions={definitions} onClose={() => {}} onSaved={onSaved} />
    </QueryClientProvider>,
  )
  return { onSaved, dialog: screen.getByRole('dialog') }
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

/** Saves, and answers what was posted. */
async function create(button: string, onSaved: ReturnType<typeof vi.fn>) {
  const saves = onSaved.mock.calls.length
  fireEvent.click(screen.getByRole('button', { name: button }))
  await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(saves + 1), LATER)
  return posted.at(-1)
}

test('a job: its selection matched live (nothing matched is a warning), tags, run config in YAML', async () => {
  const { onSaved } = open({ kind: 'job', editing: null })
  type('Name', 'sales_refresh')
  type('Asset selection', 'group:nothing')
  await waitFor(() => expect(screen.getByRole('status', { name: 'Selection matches' }).textContent).toBe('It selects no asset now.'), LATER)
  type('Asset selection', 'group:sales')
  await waitFor(() => expect(screen.getByRole('status', { name: 'Selection matches' }).textContent).toBe('Selects 2 assets:orderscustomers'), LATER)
  type('Tags key 1', 'team')
  type('Tags value 1', 'sales')
  type('Run config', 'ops: [')
  expect(screen.getByText(/^The run config is neither YAML nor JSON/)).toBeTruthy()
  expect(screen.getByRole('button', { name: 'Create job' })).toHaveProperty('disabled', true)
  type('Run config', 'ops:\n  orders:\n    config: {rows: 10}\n')
  expect(await create('Create job', onSaved)).toEqual({
    url: '/api/v1/projects/p1/builders/job',
    body: {
      params: {
        name: 'sales_refresh',
        selection: 'group:sales',
        description: '',
        tags: { team: 'sales' },
        run_config: { ops: { orders: { config: { rows: 10 } } } },
      },
    },
  })
})

test('an asset: deps picked from the existing assets, partitions and automation', async () => {
  const { onSaved } = open({ kind: 'asset', editing: null })
  type('Name', 'order_summary')
  type('Group', 'sales')
  type('Owners', 'team:sales, ana@example.com')
  type('Depends on', 'orders')
  const picker = screen.getByRole('list', { name: 'Depends on: assets' })
  expect(within(picker).getAllByRole('checkbox')).toHaveLength(2) // raw/orders and orders
  fireEvent.click(within(picker).getByLabelText('raw/orders'))
  fireEvent.click(screen.getByRole('radio', { name: 'Daily' }))
  type('First partition', '2026-01-01')
  fireEvent.click(screen.getByRole('radio', { name: 'On a cron' }))
  type('Automation cron', '0 6 * * *')
  expect(screen.getByText('At 06:00 AM')).toBeTruthy()
  type('Function body', 'return 1')
  expect(await create('Create asset', onSaved)).toEqual({
    url: '/api/v1/projects/p1/builders/asset',
    body: {
      params: {
        name: 'order_summary',
        description: '',
        group: 'sales',
        owners: ['team:sales', 'ana@example.com'],
        tags: {},
        kinds: ['python'],
        deps: ['raw/orders'],
        partitions: { type: 'daily', start_date: '2026-01-01' },
        automation: { condition: 'on_cron', cron: '0 6 * * *' },
        body: 'return 1',
      },
    },
  })
})

test('a sensor: the fields of its type, and an asset sensor launches a job', async () => {
  const { onSaved } = open({ kind: 'sensor', editing: null })
  type('Name', 'incoming_files')
  expect(screen.getByRole('button', { name: 'Create sensor' })).toHaveProperty('disabled', true)
  type('Watch path', 'data/incoming/*.csv')
  type('Check interval', '60')
  expect(await create('Create sensor', onSaved)).toEqual({
    url: '/api/v1/projects/p1/builders/sensor',
    body: {
      params: {
        name: 'incoming_files',
        sensor_type: 'file',
        minimum_interval_seconds: 60,
        target: { job: 'refresh' },
        description: '',
        default_status: 'STOPPED',
        path: 'data/incoming/*.csv',
      },
    },
  })

  fireEvent.click(screen.getByRole('radio', { name: 'Asset' }))
  expect(screen.getByRole('radio', { name: 'Asset selection' })).toHaveProperty('disabled', true)
  fireEvent.click(screen.getByRole('radio', { name: 'Run status' }))
  fireEvent.click(screen.getByRole('radio', { name: 'Nothing' }))
  fireEvent.click(within(screen.getByRole('group', { name: 'Monitored jobs' })).getByLabelText('refresh'))
  expect((await create('Create sensor', onSaved))?.body).toEqual({
    params: {
      name: 'incoming_files',
      sensor_type: 'run_status',
      minimum_interval_seconds: 60,
      target: null,
      description: '',
      default_status: 'STOPPED',
      run_status: 'FAILURE',
      monitored_jobs: ['refresh'],
    },
  })
})

test('an asset check: the asset picked, its type with its fields, severity and blocking', async () => {
  const { onSaved } = open({ kind: 'asset_check', editing: null })
  fireEvent.click(within(screen.getByRole('list', { name: 'Asset: assets' })).getByLabelText('customers'))
  type('Name', 'enough_rows')
  type('At least rows', '10')
  fireEvent.click(screen.getByRole('radio', { name: 'Warning' }))
  fireEvent.click(screen.getByLabelText(/^Blocking/))
  expect(await create('Create check', onSaved)).toEqual({
    url: '/api/v1/projects/p1/builders/asset_check',
    body: {
      params: {
        name: 'enough_rows',
        asset: 'customers',
        check_type: 'row_count',
        description: '',
        severity: 'WARN',
        blocking: true,
        min_rows: 10,
        max_rows: null,
      },
    },
  })

  fireEvent.click(screen.getByRole('radio', { name: 'Schema' }))
  type('Columns column 1', 'id')
  type('Columns type 1', 'INTEGER')
  expect((await create('Create check', onSaved))?.body).toMatchObject({ params: { check_type: 'column_schema', columns: { id: 'INTEGER' } } })
})

test('picking on the graph puts the job form aside, Escape brings it back as it was, Done takes the picks', async () => {
  const { dialog } = open({ kind: 'job', editing: null })
  type('Name', 'sales_refresh')
  type('Description', 'kept')
  type('Asset selection', 'group:sales')
  fireEvent.click(screen.getByRole('button', { name: 'Pick on the graph' }))
  const picker = screen.getByRole('region', { name: 'Picking assets for job sales_refresh' })
  expect(dialog).toHaveProperty('open', false)
  // the selection's matches, as Dagster evaluates them, are the picks
  await waitFor(() => expect(within(picker).getByRole('status', { name: 'Picked' }).textContent).toBe('2 selected'), LATER)
  expect(within(picker).getByLabelText('Selection picked').textContent).toBe('group:sales')
  // Escape in the find field clears it; the next one cancels
  const find = within(picker).getByLabelText('Find assets')
  fireEvent.change(find, { target: { value: 'ord' } })
  fireEvent.keyDown(find, { key: 'Escape' })
  expect(find).toHaveProperty('value', '')
  expect(dialog).toHaveProperty('open', false)
  fireEvent.keyDown(window, { key: 'Escape' })
  expect(screen.queryByRole('region', { name: /^Picking assets/ })).toBeNull()
  expect(dialog).toHaveProperty('open', true)
  expect(screen.getByLabelText('Name')).toHaveProperty('value', 'sales_refresh')
  expect(screen.getByLabelText('Description')).toHaveProperty('value', 'kept')
  expect(screen.getByLabelText('Asset selection')).toHaveProperty('value', 'group:sales')
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pick on the graph' }))

  type('Asset selection', '')
  fireEvent.click(screen.getByRole('button', { name: 'Pick on the graph' }))
  await waitFor(() => expect(screen.getByRole('status', { name: 'Picked' }).textContent).toBe('0 selected'), LATER)
  fireEvent.click(screen.getByRole('button', { name: 'Done' }))
  expect(screen.getByLabelText('Asset selection')).toHaveProperty('value', '')
  expect(screen.getByLabelText('Name')).toHaveProperty('value', 'sales_refresh')
})

test("picking an asset's deps on the graph starts from its deps and Cancel keeps them", () => {
  open({ kind: 'asset', editing: { name: 'orders', params: { name: 'orders', deps: ['raw/orders'] } } })
  fireEvent.click(screen.getByRole('button', { name: 'Pick on the graph' }))
  const picker = screen.getByRole('region', { name: 'Picking dependencies of asset orders' })
  expect(within(picker).getByRole('status', { name: 'Picked' }).textContent).toBe('1 selected')
  fireEvent.click(within(picker).getByRole('button', { name: 'Cancel' }))
  expect(screen.queryByRole('region', { name: /^Picking/ })).toBeNull()
  expect(within(screen.getByRole('list', { name: 'Depends on: assets' })).getByLabelText('raw/orders')).toHaveProperty('checked', true)
})
