import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { RunTarget } from './RunTarget'

const TARGET_URL = '/api/v1/projects/p1/run-target'
let target: Record<string, unknown>
const puts: unknown[] = []

beforeEach(() => {
  target = { kind: 'local' }
  puts.length = 0
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url !== TARGET_URL) return new Response('[]', { status: 200 })
      if (init.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as Record<string, unknown>
        puts.push(body)
        target = body.kind === 'local' ? body : { kind: 'remote', url: body.url, location: body.location ?? 'p1', deployment: body.deployment, has_token: !!body.token }
      }
      return new Response(JSON.stringify(target), { status: 200 })
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <RunTarget projectId="p1" />
    </QueryClientProvider>,
  )
}

test('runs go to a remote set in the dialog, its token typed as a password, and back', async () => {
  setup()
  fireEvent.click(await screen.findByRole('button', { name: 'This machine' }))
  fireEvent.change(screen.getByLabelText('Dagster webserver URL'), { target: { value: 'http://dagster:3000' } })
  const token = screen.getByLabelText('API token (Dagster+)')
  expect(token.getAttribute('type')).toBe('password')
  fireEvent.change(token, { target: { value: 'secret' } })
  fireEvent.click(screen.getByRole('button', { name: 'Run remotely' }))
  expect(await screen.findByRole('button', { name: 'http://dagster:3000' })).toBeTruthy()
  expect(puts).toEqual([{ kind: 'remote', url: 'http://dagster:3000', location: null, deployment: null, token: 'secret' }])

  fireEvent.click(screen.getByRole('button', { name: 'http://dagster:3000' }))
  fireEvent.click(screen.getByRole('button', { name: 'Run on this machine' }))
  await waitFor(() => expect(puts.at(-1)).toEqual({ kind: 'local' }))
  expect(await screen.findByRole('button', { name: 'This machine' })).toBeTruthy()
})
