import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, expect, test, vi } from 'vitest'
import { keys, useSavePositions } from './hooks'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

type Positions = Record<string, { x: number; y: number } | null>

test('saves of positions reach the server one after another, so the last answer is the newest', async () => {
  // the server merges each save as it arrives and answers every saved position; the answer to
  // the first save is slow (a busy machine)
  const saved: Positions = {}
  const release: Array<() => void> = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit = {}) => {
      const { positions } = JSON.parse(String(init.body)) as { positions: Positions }
      Object.assign(saved, positions)
      const answer = new Response(JSON.stringify({ positions: { ...saved } }), { status: 200 })
      if (release.length > 0 || Object.keys(saved).length > 1) return answer
      return new Promise<Response>((resolve) => release.push(() => resolve(answer)))
    }),
  )
  const client = new QueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  const { result } = renderHook(() => ({ move: useSavePositions('p1'), drop: useSavePositions('p1') }), { wrapper })

  let first: Promise<unknown> = Promise.resolve()
  let second: Promise<unknown> = Promise.resolve()
  act(() => {
    first = result.current.move.mutateAsync({ two: { x: 500, y: 0 } })
    second = result.current.drop.mutateAsync({ three: { x: 250, y: 0 } })
  })
  await waitFor(() => expect(release).toHaveLength(1))
  act(() => release[0]())
  await act(async () => {
    await Promise.all([first, second])
  })
  expect(client.getQueryData(keys.layout('p1'))).toEqual({ two: { x: 500, y: 0 }, three: { x: 250, y: 0 } })
})
