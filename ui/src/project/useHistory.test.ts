import { act, renderHook } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useHistory } from './useHistory'

function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

test('an edit on its way keeps undo disabled, then undo reverses it', async () => {
  const { result } = renderHook(() => useHistory())
  const log: string[] = []
  await act(() =>
    result.current.perform({ label: 'first', undo: async () => void log.push('undo first'), redo: async () => void log.push('first') }),
  )
  expect(result.current.canUndo).toBe(true)

  const slow = deferred()
  let second: Promise<void> = Promise.resolve()
  act(() => {
    second = result.current.perform({
      label: 'second',
      undo: async () => void log.push('undo second'),
      redo: () => slow.promise.then(() => void log.push('second')),
    })
  })
  // the first edit is recorded, but undo must not reach it while the second is pending
  expect(result.current.canUndo).toBe(false)
  await act(async () => {
    slow.resolve()
    await second
  })
  expect(result.current.next).toBe('second')
  await act(() => result.current.undo())
  expect(log).toEqual(['first', 'second', 'undo second'])
  expect(result.current.canRedo).toBe(true)
})

test('a failed edit is not recorded', async () => {
  const { result } = renderHook(() => useHistory())
  const failing = { label: 'bad', undo: async () => {}, redo: () => Promise.reject(new Error('refused')) }
  await act(() => expect(result.current.perform(failing)).rejects.toThrow('refused'))
  expect(result.current.canUndo).toBe(false)
})

test("a failed undo or redo resolves with the server's words and keeps the entry where it was", async () => {
  const { result } = renderHook(() => useHistory())
  let refuse = true
  const entry = {
    label: 'rename',
    undo: () => (refuse ? Promise.reject(new Error('The file changed since: undo refused')) : Promise.resolve()),
    redo: () => (refuse ? Promise.reject(new Error('redo refused')) : Promise.resolve()),
  }
  refuse = false
  await act(() => result.current.perform(entry))
  refuse = true
  await act(() => expect(result.current.undo()).resolves.toBeUndefined())
  expect(result.current.error).toBe('Could not undo rename: The file changed since: undo refused')
  expect(result.current.canUndo).toBe(true)
  refuse = false
  await act(() => result.current.undo())
  expect(result.current.error).toBeNull()
  refuse = true
  await act(() => expect(result.current.redo()).resolves.toBeUndefined())
  expect(result.current.error).toBe('Could not redo rename: redo refused')
  expect(result.current.canRedo).toBe(true)
})

test('an edit that finishes while a later one is on its way keeps undo disabled until both are done', async () => {
  const { result } = renderHook(() => useHistory())
  const log: string[] = []
  const first = deferred()
  const second = deferred()
  let both: Promise<unknown> = Promise.resolve()
  act(() => {
    const a = result.current.perform({ label: 'draw', undo: async () => void log.push('undo draw'), redo: () => first.promise.then(() => void log.push('draw')) })
    const b = result.current.perform({ label: 'remove', undo: async () => void log.push('undo remove'), redo: () => second.promise.then(() => void log.push('remove')) })
    both = Promise.all([a, b])
  })
  await act(async () => {
    first.resolve()
    await first.promise
  })
  // the draw is done but the removal is not: an undo now would reverse the draw, not the removal
  expect(result.current.canUndo).toBe(false)
  await act(() => result.current.undo())
  await act(async () => {
    second.resolve()
    await both
  })
  expect(result.current.next).toBe('remove')
  await act(() => result.current.undo())
  expect(log).toEqual(['draw', 'remove', 'undo remove'])
})
