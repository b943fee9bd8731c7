import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { someDefinitions } from '../api/definitions.testing'
import type { Definitions } from '../api/types'
import type { DefinitionsDiff } from './useDefinitionsDiff'
import { useDiffOverlay } from './useDiffOverlay'

vi.setConfig({ testTimeout: 20_000 })
const LATER = { timeout: 5000 }
const none = { added: [], removed: [], changed: [] }
const body: DefinitionsDiff = {
  ref: 'HEAD',
  commit: 'abc',
  error: null,
  assets: { added: ['new'], removed: [], changed: [] },
  asset_checks: none,
  jobs: none,
  schedules: none,
  sensors: none,
}
let urls: string[]
let answer: DefinitionsDiff

beforeEach(() => {
  urls = []
  answer = body
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function mount(initial: { gitRef: string | null; definitions: Definitions }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  return renderHook(({ gitRef, definitions }) => useDiffOverlay('p1', gitRef, definitions), { initialProps: initial, wrapper })
}

test('off, it asks nothing; on, it asks once, and again when the definitions change', async () => {
  const first = someDefinitions()
  const hook = mount({ gitRef: null, definitions: first })
  expect(hook.result.current.overlay).toBeNull()
  expect(urls).toEqual([])
  hook.rerender({ gitRef: 'HEAD', definitions: first })
  await waitFor(() => expect(hook.result.current.overlay?.counts.added).toBe(1), LATER)
  expect(urls).toEqual(['/api/v1/projects/p1/git/definitions-diff?ref=HEAD'])
  hook.rerender({ gitRef: 'HEAD', definitions: someDefinitions() })
  await waitFor(() => expect(urls).toHaveLength(2), LATER)
})

test('a ref whose code fails to load gives the error and no overlay', async () => {
  answer = { ...body, error: 'does not load', assets: none }
  const hook = mount({ gitRef: 'x', definitions: someDefinitions() })
  await waitFor(() => expect(hook.result.current.error).toBe('does not load'), LATER)
  expect(hook.result.current.overlay).toBeNull()
  expect(hook.result.current.pending).toBe(false)
})
