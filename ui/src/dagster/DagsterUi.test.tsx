import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { dagsterUiPath, setDagsterUi } from '../api/dagsterUi'
import type { DagsterUi } from '../api/types'
import { DagsterUiButton } from './DagsterUi'

const PATH = '/api/v1/projects/p1/dagster-ui/app/'
const requests: string[] = []
let current: DagsterUi

interface FakeTab {
  closed: boolean
  close: () => void
  location: { href: string }
  document: { title: string; body: { textContent: string } }
}
let tab: FakeTab

beforeEach(() => {
  requests.length = 0
  current = { state: 'stopped', path: PATH, error: null }
  tab = { closed: false, close: vi.fn(), location: { href: '' }, document: { title: '', body: { textContent: '' } } }
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      requests.push(`${init.method ?? 'GET'} ${url}`)
      if (init.method === 'POST') current = { ...current, state: 'starting' }
      if (init.method === 'DELETE') current = { ...current, state: 'stopped' }
      return new Response(JSON.stringify(current), { status: init.method === 'POST' ? 202 : 200 })
    }),
  )
  vi.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window)
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <DagsterUiButton projectId="p1" />
    </QueryClientProvider>,
  )
  return client
}

test('a click starts it and the tab it opened shows it once it runs', async () => {
  const client = setup()
  fireEvent.click(await screen.findByText('Dagster UI'))
  expect(window.open).toHaveBeenCalledWith('', '_blank')
  expect(tab.document.body.textContent).toContain('Starting Dagster UI')
  expect(await screen.findByText('Dagster UI starting…')).toBeTruthy()
  expect(requests).toContain('POST /api/v1/projects/p1/dagster-ui')
  expect(tab.location.href).toBe('')

  act(() => setDagsterUi(client, 'p1', { state: 'running', path: PATH, error: null })) // pushed
  await vi.waitFor(() => expect(tab.location.href).toBe(PATH))
  const link = screen.getByText('Dagster UI ↗')
  expect(link.getAttribute('href')).toBe(PATH)
  expect(link.getAttribute('target')).toBe('_blank')

  fireEvent.click(screen.getByText('Stop'))
  expect(await screen.findByText('Dagster UI')).toBeTruthy()
  expect(requests).toContain('DELETE /api/v1/projects/p1/dagster-ui')
})

test('a start that fails closes the waiting tab and says why', async () => {
  const client = setup()
  fireEvent.click(await screen.findByText('Dagster UI'))
  await screen.findByText('Dagster UI starting…')
  const error = '`dg dev` exited with code 1. It last wrote:\nInvalid YAML'
  act(() => setDagsterUi(client, 'p1', { state: 'failed', path: PATH, error }))
  await vi.waitFor(() => expect(tab.close).toHaveBeenCalled())
  expect(screen.getByText('Dagster UI failed').getAttribute('title')).toBe(error)
  expect(screen.getByText('Dagster UI')).toBeTruthy() // and it can be started again
})

test("the address of a page of Dagster's UI is under the project's path", () => {
  expect(dagsterUiPath('p1', '/runs/abc-123')).toBe('/api/v1/projects/p1/dagster-ui/app/runs/abc-123')
  expect(dagsterUiPath('p1', 'assets/a/b')).toBe('/api/v1/projects/p1/dagster-ui/app/assets/a/b')
  expect(dagsterUiPath('p 1')).toBe('/api/v1/projects/p%201/dagster-ui/app/')
})
