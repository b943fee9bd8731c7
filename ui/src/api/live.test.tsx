import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, expect, test, vi } from 'vitest'
import { FakeSocket, withFakeSockets } from './fakeSocket.testing'
import { keys } from './hooks'
import { useLiveDefinitions } from './live'

withFakeSockets()
afterEach(cleanup)

const whole = (version: number, assets: object[]) =>
  JSON.stringify({ type: 'definitions', version, changed: null, refresh_ms: 0, definitions: { assets, errors: [] } })
const delta = (version: number, base: number, upsert: object[]) =>
  JSON.stringify({ type: 'definitions_delta', version, base, changed: [], refresh_ms: 1, delta: { changes: { assets: { upsert, remove: [] } }, drop: [] } })

function live() {
  const client = new QueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  const hook = renderHook(() => useLiveDefinitions('p', true, 'src/p/defs'), { wrapper })
  const socket = FakeSocket.all[0]
  act(() => socket.open())
  return { client, hook, socket }
}

test('a delta is applied to the version the client has', () => {
  const { client, hook, socket } = live()
  act(() => socket.receive(whole(3, [{ key: 'a', group: 'g' }])))
  act(() => socket.receive(delta(4, 3, [{ key: 'b' }])))
  expect(client.getQueryData(keys.definitions('p'))).toEqual({ assets: [{ key: 'a', group: 'g' }, { key: 'b' }], errors: [] })
  expect(hook.result.current.version).toBe(4)
})

test('a delta from a version the client lacks is dropped and the channel starts again, whole', () => {
  const { client, socket } = live()
  act(() => socket.receive(whole(3, [{ key: 'a' }])))
  act(() => socket.receive(delta(6, 5, [{ key: 'b' }])))
  expect(client.getQueryData(keys.definitions('p'))).toEqual({ assets: [{ key: 'a' }], errors: [] })
  expect(FakeSocket.all).toHaveLength(2)
  expect(socket.readyState).toBe(3)
  const again = FakeSocket.all[1]
  act(() => again.open())
  act(() => again.receive(whole(6, [{ key: 'a' }, { key: 'b' }])))
  expect(client.getQueryData(keys.definitions('p'))).toEqual({ assets: [{ key: 'a' }, { key: 'b' }], errors: [] })
})

test('a new connection never applies a delta to what an old one built', () => {
  const { client, socket } = live()
  act(() => socket.receive(whole(3, [{ key: 'a' }])))
  act(() => socket.drop(1006))
  act(() => {
    vi.advanceTimersByTime(1000)
  })
  const again = FakeSocket.all[1]
  act(() => again.open())
  act(() => again.receive(delta(4, 3, [{ key: 'b' }])))
  expect(client.getQueryData(keys.definitions('p'))).toEqual({ assets: [{ key: 'a' }], errors: [] })
  expect(FakeSocket.all).toHaveLength(3)
})
