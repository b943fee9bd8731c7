import { expect, test, vi } from 'vitest'
import { FakeSocket, withFakeSockets } from '../api/fakeSocket.testing'
import { TerminalConnection, type ConnectionHandlers } from './terminalConnection'

function handlers() {
  return {
    opened: vi.fn(),
    output: vi.fn(),
    exited: vi.fn(),
    error: vi.fn(),
    state: vi.fn(),
  } satisfies ConnectionHandlers
}

withFakeSockets()

test('binary frames are output; input and resize go out as JSON once open', () => {
  const on = handlers()
  const connection = new TerminalConnection('ws://host/t/ws', on)
  connection.connect()
  const socket = FakeSocket.all[0]
  expect(socket.binaryType).toBe('arraybuffer')
  connection.send({ type: 'input', data: 'ls\r' }) // not open yet: dropped
  socket.open()
  expect(on.opened).toHaveBeenCalledOnce()
  connection.send({ type: 'input', data: 'ls\r' })
  connection.send({ type: 'resize', cols: 100, rows: 30 })
  expect(socket.sent.map((s) => JSON.parse(s))).toEqual([
    { type: 'input', data: 'ls\r' },
    { type: 'resize', cols: 100, rows: 30 },
  ])
  socket.receive(new TextEncoder().encode('hi').buffer)
  expect(new TextDecoder().decode(on.output.mock.calls[0][0])).toBe('hi')
  socket.receive(JSON.stringify({ type: 'error', detail: 'bad message' }))
  expect(on.error).toHaveBeenCalledWith('bad message')
})

test('a dropped socket reconnects, with growing delays, while the terminal exists', () => {
  const on = handlers()
  new TerminalConnection('ws://host/t/ws', on).connect()
  FakeSocket.all[0].open()
  FakeSocket.all[0].drop(1006)
  expect(on.state).toHaveBeenLastCalledWith('reconnecting')
  vi.advanceTimersByTime(500)
  expect(FakeSocket.all).toHaveLength(2)
  FakeSocket.all[1].drop(1006)
  vi.advanceTimersByTime(500)
  expect(FakeSocket.all).toHaveLength(2) // the second wait is longer
  vi.advanceTimersByTime(500)
  expect(FakeSocket.all).toHaveLength(3)
  FakeSocket.all[2].open()
  expect(on.state).toHaveBeenLastCalledWith('open')
  expect(on.opened).toHaveBeenCalledTimes(2) // each attach replays: the view resets
})

test('no reconnection after the exit message, a terminal that is gone, or dispose', () => {
  const exited = handlers()
  new TerminalConnection('ws://host/a/ws', exited).connect()
  FakeSocket.all[0].open()
  FakeSocket.all[0].receive(JSON.stringify({ type: 'exit', code: 130 }))
  FakeSocket.all[0].drop(1000)
  expect(exited.exited).toHaveBeenCalledWith(130)
  expect(exited.state).toHaveBeenLastCalledWith('exited')

  const gone = handlers()
  new TerminalConnection('ws://host/b/ws', gone).connect()
  FakeSocket.all[1].drop(4404)
  expect(gone.state).toHaveBeenLastCalledWith('gone')

  const disposed = new TerminalConnection('ws://host/c/ws', handlers())
  disposed.connect()
  disposed.dispose()
  FakeSocket.all[2].drop(1006)

  vi.advanceTimersByTime(60_000)
  expect(FakeSocket.all).toHaveLength(3)
})
