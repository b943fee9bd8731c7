import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { ReviewTests } from './ReviewTests'

const BASE = '/api/v1/projects/p1'
const RUN = {
  passed: 1,
  failed: 1,
  errors: 0,
  skipped: 0,
  duration: 2.5,
  warning: null,
  output: '',
  tests: [
    { id: 'tests/test_a.py::test_ok', file: 'tests/test_a.py', line: 4, outcome: 'passed', message: null, duration: 0.5 },
    {
      id: 'tests/test_a.py::test_sum',
      file: 'tests/test_a.py',
      line: 9,
      outcome: 'failed',
      message: 'AssertionError: one and one make two\nassert 2 == 3',
      duration: 1.25,
    },
  ],
}
const MODULE = { file: 'tests/test_raw_to_report.py', text: 'def test_raw(defs):\n    ...\n', written: false, stand_ins: [] }

type Answer = { status: number; body: unknown }
let answers: Record<string, Answer[]>
let requests: { call: string; body: unknown }[]
let release: (() => void) | null

beforeEach(() => {
  answers = {}
  requests = []
  release = null
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = `${init.method ?? 'GET'} ${url}`
      requests.push({ call, body: init.body ? JSON.parse(String(init.body)) : null })
      if (call === `POST ${BASE}/review/tests` && !answers[call]?.length) {
        await new Promise<void>((resolve) => (release = resolve)) // a run in progress
      }
      const next = answers[call]?.shift() ?? { status: 200, body: RUN }
      return new Response(JSON.stringify(next.body), { status: next.status })
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const answer = (call: string, ...list: Answer[]) => (answers[call] = list)

function setup(assets: string[] = []) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <ReviewTests projectId="p1" assets={assets} />
    </QueryClientProvider>,
  )
}

test('a run shows its progress, then each test with its outcome, time, place and message', async () => {
  setup()
  fireEvent.click(screen.getByText('Run tests'))
  expect(await screen.findByRole('status')).toBeTruthy()
  expect(screen.getByText('Run tests').closest('button')?.disabled).toBe(true)
  await vi.waitFor(() => expect(release).not.toBeNull())
  release?.()
  expect(await screen.findByText('1 passed, 1 failed, 0 errors, 0 skipped in 2.50 s')).toBeTruthy()
  expect(screen.queryByRole('status')).toBeNull()
  expect(screen.getByText('test_ok')).toBeTruthy()
  expect(screen.getByText('tests/test_a.py:9')).toBeTruthy()
  expect(screen.getByText('1.25 s')).toBeTruthy()
  expect(screen.getByLabelText('failed').textContent).toBe('✗')
  expect(screen.getByLabelText('passed').textContent).toBe('✓')
  const summary = screen.getByText('AssertionError: one and one make two')
  const details = summary.closest('details') as HTMLDetailsElement
  expect(details.open).toBe(false)
  fireEvent.click(summary)
  expect(details.querySelector('pre')?.textContent).toContain('assert 2 == 3')
  expect(requests.map((r) => r.call)).toEqual([`POST ${BASE}/review/tests`])
})

test('a project without tests says so', async () => {
  answer(`POST ${BASE}/review/tests`, {
    status: 200,
    body: { ...RUN, passed: 0, failed: 0, tests: [], warning: 'The project has no tests: write some.' },
  })
  setup()
  fireEvent.click(screen.getByText('Run tests'))
  expect(await screen.findByText('The project has no tests: write some.')).toBeTruthy()
  expect(screen.queryByText(/passed,/)).toBeNull()
})

test('without pytest the run offers to add it', async () => {
  answer(`POST ${BASE}/review/tests`, {
    status: 409,
    body: { detail: 'pytest is not installed in the project.', reason: 'pytest-missing' },
  })
  answer(`POST ${BASE}/review/tests/setup`, { status: 202, body: { package: 'pytest', action: 'add', state: 'running', error: null } })
  answer(`GET ${BASE}`, { status: 200, body: { id: 'p1', integration: null } })
  setup()
  fireEvent.click(screen.getByText('Run tests'))
  expect(await screen.findByText('pytest is not installed in the project.')).toBeTruthy()
  fireEvent.click(screen.getByText('Add pytest'))
  expect(await screen.findByText('Adding pytest…')).toBeTruthy()
  expect(requests.map((r) => r.call)).toContain(`POST ${BASE}/review/tests/setup`)
})

test('generating shows the module for the selection first, then writes it, overwriting only when asked', async () => {
  const call = `POST ${BASE}/review/tests/generate`
  answer(
    call,
    { status: 200, body: MODULE },
    { status: 409, body: { detail: '`tests/test_raw_to_report.py` exists already; nothing was written.' } },
    { status: 200, body: { ...MODULE, written: true } },
  )
  setup(['raw', 'report'])
  fireEvent.click(screen.getByText('Generate tests for selection (2)'))
  expect(await screen.findByText(/def test_raw/)).toBeTruthy()
  expect(requests.at(-1)?.body).toEqual({ assets: ['raw', 'report'], preview: true, overwrite: true })
  fireEvent.click(screen.getByText('Write tests/test_raw_to_report.py'))
  expect(await screen.findByText(/exists already/)).toBeTruthy()
  expect(requests.at(-1)?.body).toEqual({ assets: ['raw', 'report'], preview: false, overwrite: false })
  fireEvent.click(screen.getByText('Overwrite it'))
  expect(await screen.findByText(/Written to tests\/test_raw_to_report.py/)).toBeTruthy()
  expect(requests.at(-1)?.body).toEqual({ assets: ['raw', 'report'], preview: false, overwrite: true })
})

test('with nothing selected there is nothing to generate', () => {
  setup()
  expect(screen.getByText('Generate tests for selection').closest('button')?.disabled).toBe(true)
})
