import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { DeployDialog } from './DeployDialog'

const TOKEN = 'dgp-secret-token'
const requests: { method: string; url: string; body: unknown }[] = []
let refusal: Record<string, unknown>

beforeEach(() => {
  requests.length = 0
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      requests.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null })
      const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status })
      if (method === 'GET' && url === '/api/v1/projects/p1/deploy') return reply({ state: 'none' })
      if (method === 'GET' && url === '/api/v1/projects/p1') return reply({ id: 'p1', name: 'p1', status: 'ready' })
      if (method === 'POST' && url === '/api/v1/projects/p1/deploy') return reply(refusal, 409)
      if (method === 'POST' && url === '/api/v1/projects/p1/integrations')
        return reply({ package: 'dagster-cloud==1.13.27', action: 'add', state: 'running' }, 202)
      if (method === 'POST' && url === '/api/v1/projects/p1/deploy/configure')
        return reply({ ok: true, command: [], output: '', files: ['build.yaml', 'Dockerfile'] })
      throw new Error(`unexpected ${method} ${url}`)
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function fillAndDeploy() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <DeployDialog projectId="p1" onClose={() => {}} />
    </QueryClientProvider>,
  )
  fireEvent.change(screen.getByLabelText('Organization'), { target: { value: 'acme' } })
  const token = screen.getByLabelText('API token') as HTMLInputElement
  expect(token.type).toBe('password')
  fireEvent.change(token, { target: { value: TOKEN } })
  fireEvent.click(screen.getByRole('button', { name: 'Deploy' }))
}

test('a deploy refused for a missing package offers to add it in one click', async () => {
  refusal = { detail: 'The environment has no `dagster-cloud`.', fix: { action: 'add_package', package: 'dagster-cloud' } }
  fillAndDeploy()
  fireEvent.click(await screen.findByRole('button', { name: 'Add dagster-cloud' }))
  await vi.waitFor(() => expect(requests.some((r) => r.url.endsWith('/integrations'))).toBe(true))
  const deploy = requests.find((r) => r.method === 'POST' && r.url.endsWith('/deploy'))
  expect(deploy?.body).toMatchObject({ target: 'dagster-plus', organization: 'acme', deployment: 'prod', token: TOKEN })
  const added = requests.find((r) => r.url.endsWith('/integrations'))
  expect(added?.body).toEqual({ package: 'dagster-cloud' })
  // the token went with the deploy request only
  expect(requests.filter((r) => JSON.stringify(r.body).includes(TOKEN))).toHaveLength(1)
})

test('a deploy refused for missing configuration offers dg plus deploy configure', async () => {
  refusal = { detail: 'A Docker build needs build.yaml.', fix: { action: 'configure' } }
  fillAndDeploy()
  fireEvent.click(await screen.findByRole('button', { name: /Configure the deploy/ }))
  expect(await screen.findByText(/Configured: build.yaml, Dockerfile/)).toBeTruthy()
  const configure = requests.find((r) => r.url.endsWith('/deploy/configure'))
  expect(configure?.body).toEqual({
    target: 'dagster-plus',
    agent_type: 'serverless',
    build_strategy: 'python-executable',
    organization: 'acme',
    deployment: 'prod',
  })
})
