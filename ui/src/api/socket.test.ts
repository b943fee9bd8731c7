import { expect, test, vi } from 'vitest'
import { FakeSocket, withFakeSockets } from './fakeSocket.testing'
import { ReconnectingSocket, type SocketHandlers } from './socket'

function handlers() {
  return { opened: vi.fn(), message: vi.fn(), state: vi.fn() } satisfies SocketHandlers
}

withFakeSockets()

/** The pause before the next socket: advances the clock a millisecond at a time. */
function pauseBeforeNextSocket(): number {
  const count = FakeSocket.all.length
  let waited = 0
  while (FakeSocket.all.length === count) {
    vi.advanceTimersByTime(1)
    waited++
    if (waited > 60_000) throw new Error('no new socket within a minute')
  }
  return waited
}

test('the pauses between attempts double from half a second up to ten seconds', () => {
  const on = handlers()
  new ReconnectingSocket('ws://host/x', on).connect()
  expect(on.state).toHaveBeenLastCalledWith('connecting')
  const pauses: number[] = []
  for (let i = 0; i < 7; i++) {
    FakeSocket.all.at(-1)!.drop(1006)
    expect(on.state).toHaveBeenLastCalledWith('reconnecting')
    pauses.push(pauseBeforeNextSocket())
  }
  expect(pauses).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000])
  expect(on.opened).not.toHaveBeenCalled()
})

test('an opened connection starts the pauses over, and only the open one carries messages', () => {
  const on = handlers()
  const socket = new ReconnectingSocket('ws://host/x', on, 'arraybuffer')
  socket.connect()
  expect(FakeSocket.all[0].binaryType).toBe('arraybuffer')
  expect(socket.send('early')).toBe(false)
  for (let i = 0; i < 3; i++) {
    FakeSocket.all.at(-1)!.drop(1006)
    pauseBeforeNextSocket()
  }
  const current = FakeSocket.all.at(-1)!
  current.open()
  expect(on.state).toHaveBeenLastCalledWith('open')
  expect(on.opened).toHaveBeenCalledOnce()
  expect(socket.send('hello')).toBe(true)
  expect(current.sent).toEqual(['hello'])
  current.receive('news')
  FakeSocket.all[0].receive('stale') // a dropped socket says nothing any more
  expect(on.message.mock.calls).toEqual([['news']])

  current.drop(1006)
  expect(pauseBeforeNextSocket()).toBe(500)
})

test('close code 4404 (the project or terminal is gone) ends the reconnection', () => {
  const on = handlers()
  new ReconnectingSocket('ws://host/x', on).connect()
  FakeSocket.all[0].open()
  FakeSocket.all[0].drop(4404)
  expect(on.state).toHaveBeenLastCalledWith('gone')
  vi.advanceTimersByTime(60_000)
  expect(FakeSocket.all).toHaveLength(1)
})

test('disposing while connecting closes the socket and nothing follows', () => {
  const on = handlers()
  const socket = new ReconnectingSocket('ws://host/x', on)
  socket.connect()
  const connecting = FakeSocket.all[0]
  socket.dispose()
  expect(connecting.readyState).toBe(3)
  on.state.mockClear()
  connecting.open() // too late: it was given up
  connecting.receive('late')
  connecting.drop(1006)
  vi.advanceTimersByTime(60_000)
  expect(FakeSocket.all).toHaveLength(1)
  expect(on.opened).not.toHaveBeenCalled()
  expect(on.message).not.toHaveBeenCalled()
  expect(on.state).not.toHaveBeenCalled()
})

test('disposing during a pause cancels the next attempt', () => {
  const socket = new ReconnectingSocket('ws://host/x', handlers())
  socket.connect()
  FakeSocket.all[0].drop(1006)
  socket.dispose()
  vi.advanceTimersByTime(60_000)
  expect(FakeSocket.all).toHaveLength(1)
})
