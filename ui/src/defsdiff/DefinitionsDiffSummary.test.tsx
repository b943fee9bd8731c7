import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { DefinitionsDiff } from './DefinitionsDiffSummary'
import type { DefinitionsDiff as DiffBody } from './useDefinitionsDiff'

vi.setConfig({ testTimeout: 20_000 })
const LATER = { timeout: 5000 }
const none = { added: [], removed: [], changed: [] }

let answer: () => Response
let urls: string[]
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

const body: DiffBody = {
  ref: 'main',
  commit: '0123456789abcdef',
  error: null,
  assets: { added: ['fresh'], removed: ['gone'], changed: [{ key: 'raw/orders', fields: ['deps', 'description'] }] },
  asset_checks: { added: ['fresh:positive'], removed: [], changed: [] },
  jobs: none,
  schedules: { added: [], removed: [], changed: [{ key: 'nightly', fields: ['cron_schedule'] }] },
  sensors: none,
}

beforeEach(() => {
  urls = []
  answer = () => json(body)
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url)
      return answer()
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function show(onSelect = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <DefinitionsDiff projectId="p1" gitRef="main" onSelect={onSelect} />
    </QueryClientProvider>,
  )
  return onSelect
}

test('lists per kind what is added, changed with its fields, and removed', async () => {
  show()
  const section = await screen.findByRole('region', { name: 'Definitions changed since main' }, LATER)
  expect(urls).toEqual(['/api/v1/projects/p1/git/definitions-diff?ref=main'])
  expect(within(section).getByText(/5 definitions changed since main \(01234567\)/)).toBeTruthy()
  expect(within(section).getByLabelText('Assets: 1 added, 1 changed, 1 removed')).toBeTruthy()
  expect(within(section).getByText('changed: deps, description')).toBeTruthy()
  expect(within(section).getByText('changed: cron_schedule')).toBeTruthy()
  // kinds without a change are left out
  expect(within(section).queryByText('Jobs')).toBeNull()
  expect(within(section).queryByText(/Sensors/)).toBeNull()
})

test('a click selects the item on the graph; a removed one is not there to select', async () => {
  const onSelect = show()
  fireEvent.click(await screen.findByRole('button', { name: 'raw/orders' }, LATER))
  expect(onSelect).toHaveBeenCalledWith('assets', 'raw/orders')
  fireEvent.click(screen.getByRole('button', { name: 'fresh:positive' }))
  expect(onSelect).toHaveBeenLastCalledWith('asset_checks', 'fresh:positive')
  expect(screen.queryByRole('button', { name: 'gone' })).toBeNull()
  expect(screen.getByText('gone')).toBeTruthy()
})

test('says when nothing changed', async () => {
  answer = () => json({ ...body, assets: none, asset_checks: none, schedules: none })
  show()
  expect(await screen.findByText('The definitions are as in main.', undefined, LATER)).toBeTruthy()
})

test("shows why the ref cannot be compared, in the server's words", async () => {
  answer = () => json({ detail: '`main` names no commit of the project’s repository.' }, 400)
  show()
  expect((await screen.findByRole('alert', undefined, LATER)).textContent).toContain('names no commit')
})

test('shows a ref whose code fails to load', async () => {
  answer = () => json({ ...body, error: 'The definitions of 0123456789ab do not load: boom' })
  show()
  expect((await screen.findByRole('alert', undefined, LATER)).textContent).toBe('The definitions of 0123456789ab do not load: boom')
})
