import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { BuildResult, ScheduleParams } from '../api/builders'
import { someDefinitions } from '../api/definitions.testing'
import { ScheduleForm } from './ScheduleForm'

interface Call {
  method: string
  url: string
  body: unknown
}

let calls: Call[]
/** the answer of a save, by default a written schedule */
let saveAnswer: () => Response

/** the preview and the matches are asked once typing pauses: time for that on a busy machine */
const LATER = { timeout: 5000 }
vi.setConfig({ testTimeout: 20_000 })

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

const NEXT = ['2026-12-01T09:00:00+00:00', '2026-12-02T09:00:00+00:00', '2026-12-03T09:00:00+00:00', '2026-12-04T09:00:00+00:00', '2026-12-07T09:00:00+00:00']

beforeEach(() => {
  calls = []
  saveAnswer = () => json({ name: 'nightly', files: ['src/p/defs/schedules/nightly.py'], ok: true, errors: [], warnings: [] } satisfies BuildResult, 201)
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null })
      if (url.startsWith('/api/v1/cron?')) {
        const expr = new URLSearchParams(url.split('?')[1]).get('expr')!
        if (expr === 'bad cron') return json({ detail: 'Not a cron expression: `bad cron` has 2 fields, not 5.' }, 400)
        return json({ description: `words for ${expr}`, next: NEXT })
      }
      if (url.startsWith('/api/v1/projects/p1/selection?')) return json({ keys: ['raw/orders', 'orders'], checks: [], error: null })
      if (url.startsWith('/api/v1/projects/p1/builders/schedule')) return saveAnswer()
      return json([])
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const definitions = someDefinitions({
  jobs: [
    { name: 'refresh', description: null, asset_keys: ['a', 'b', 'c'], source: null, defs_path: null, defs_index: null },
    { name: 'backfill', description: null, asset_keys: [], source: null, defs_path: null, defs_index: null },
  ],
})

function open(editing: { name: string; params: ScheduleParams } | null = null) {
  const onSaved = vi.fn()
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <ScheduleForm projectId="p1" definitions={definitions} editing={editing} onClose={() => {}} onSaved={onSaved} />
    </QueryClientProvider>,
  )
  return { onSaved, dialog: screen.getByRole('dialog') }
}

const saves = () => calls.filter((c) => c.method !== 'GET')

test('a new schedule: a simple rhythm becomes cron, shown in words with its next runs, and is saved', async () => {
  const { onSaved } = open()
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'nightly' } })
  fireEvent.change(screen.getByLabelText('Timezone'), { target: { value: 'Europe/Paris' } })
  const preview = screen.getByRole('status', { name: 'When it runs' })
  // cronstrue's words at once, the server's with the fire times once typing pauses
  expect(preview.textContent).toContain('At 09:00 AM')
  expect(await within(preview).findByText('words for 0 9 * * *', {}, LATER)).toBeTruthy()
  const next = within(preview).getByRole('list', { name: 'Next runs' })
  expect(within(next).getAllByRole('listitem')).toHaveLength(5)
  expect(next.textContent).toContain('(Europe/Paris)')
  expect(calls.some((c) => c.url === '/api/v1/cron?expr=0+9+*+*+*&timezone=Europe%2FParis')).toBe(true)

  fireEvent.change(screen.getByLabelText('Runs'), { target: { value: 'weekday' } })
  fireEvent.change(screen.getByLabelText('Time of day'), { target: { value: '18:30' } })
  expect(await within(preview).findByText('words for 30 18 * * 1-5', {}, LATER)).toBeTruthy()

  // the job target says how many assets it runs
  expect(screen.getByLabelText('Job')).toHaveProperty('value', 'refresh')
  expect(screen.getByText('refresh materializes 3 assets.')).toBeTruthy()
  fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }))
  await waitFor(() => expect(onSaved).toHaveBeenCalled(), LATER)
  expect(saves()).toEqual([
    {
      method: 'POST',
      url: '/api/v1/projects/p1/builders/schedule',
      body: {
        params: {
          name: 'nightly',
          cron: '30 18 * * 1-5',
          timezone: 'Europe/Paris',
          target: { job: 'refresh' },
          description: '',
          default_status: 'STOPPED',
        },
      },
    },
  ])
})

test('a cron expression the server refuses shows its reason; the selection target its matches', async () => {
  open()
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'hourly' } })
  fireEvent.click(screen.getByRole('radio', { name: 'Cron expression' }))
  const cron = screen.getByLabelText('Cron expression')
  expect(cron).toHaveProperty('value', '0 9 * * *')
  fireEvent.change(cron, { target: { value: 'bad cron' } })
  expect(await screen.findByText('Not a cron expression: `bad cron` has 2 fields, not 5.', {}, LATER)).toBeTruthy()

  fireEvent.click(screen.getByRole('radio', { name: 'Asset selection' }))
  fireEvent.change(screen.getByLabelText('Asset selection'), { target: { value: 'key:*orders' } })
  const matches = await screen.findByRole('status', { name: 'Selection matches' }, LATER)
  await waitFor(() => expect(matches.textContent).toContain('Selects 2 assets'), LATER)
})

test("the server's refusals go beside their fields, or above the buttons", async () => {
  saveAnswer = () =>
    json(
      {
        detail: [
          { loc: ['body', 'params', 'name'], msg: 'Value error, `class` is a Python keyword: pick another name, e.g. `class_data`.', type: 'value_error' },
        ],
      },
      422,
    )
  const { onSaved } = open()
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'class' } })
  fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }))
  const error = await screen.findByText(/is a Python keyword/, {}, LATER)
  expect(error.closest('.builder-field')?.querySelector('input')?.id).toBe('schedule-name')

  saveAnswer = () => json({ detail: 'Unknown timezone `Mars/Base`.' }, 400)
  fireEvent.click(screen.getByRole('button', { name: 'Create schedule' }))
  expect((await screen.findByRole('alert', { name: 'Not saved' }, LATER)).textContent).toBe('Unknown timezone Mars/Base.')
  expect(onSaved).not.toHaveBeenCalled()
})

test('an edited schedule opens as it is, in the cron mode when no simple rhythm writes it, and is put back', async () => {
  const { onSaved } = open({
    name: 'sales',
    params: { name: 'sales', cron: '0 9,17 * * *', timezone: 'UTC', target: { selection: 'group:sales' }, description: 'twice a day', default_status: 'RUNNING' },
  })
  expect(screen.getByRole('radio', { name: 'Cron expression' }).getAttribute('aria-checked')).toBe('true')
  expect(screen.getByLabelText('Cron expression')).toHaveProperty('value', '0 9,17 * * *')
  expect(screen.getByLabelText('Asset selection')).toHaveProperty('value', 'group:sales')
  fireEvent.click(screen.getByRole('button', { name: 'Save' }))
  await waitFor(() => expect(onSaved).toHaveBeenCalled(), LATER)
  expect(saves()).toEqual([
    {
      method: 'PUT',
      url: '/api/v1/projects/p1/builders/schedule/sales',
      body: {
        params: {
          name: 'sales',
          cron: '0 9,17 * * *',
          timezone: 'UTC',
          target: { selection: 'group:sales' },
          description: 'twice a day',
          default_status: 'RUNNING',
        },
      },
    },
  ])
})

test("a schedule's asset selection is picked on the graph too, the rest of the form kept", async () => {
  const { dialog } = open()
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'nightly' } })
  // a job target has nothing to pick on the graph
  fireEvent.click(screen.getByRole('radio', { name: 'Job' }))
  expect(screen.queryByRole('button', { name: 'Pick on the graph' })).toBeNull()
  fireEvent.click(screen.getByRole('radio', { name: 'Asset selection' }))
  fireEvent.change(screen.getByLabelText('Asset selection'), { target: { value: '*orders' } })
  fireEvent.click(screen.getByRole('button', { name: 'Pick on the graph' }))
  const picker = screen.getByRole('region', { name: 'Picking assets for schedule nightly' })
  expect(dialog).toHaveProperty('open', false)
  await waitFor(() => expect(within(picker).getByRole('status', { name: 'Picked' }).textContent).toBe('2 selected'), LATER)
  fireEvent.click(within(picker).getByRole('button', { name: 'Done' }))
  expect(dialog).toHaveProperty('open', true)
  expect(screen.getByLabelText('Asset selection')).toHaveProperty('value', '*orders')
  expect(screen.getByLabelText('Name')).toHaveProperty('value', 'nightly')
})
