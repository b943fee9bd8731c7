import { act, renderHook } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useHistory } from './useHistory'

function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

test('an undo asked while an edit is on its way waits for it, then reverses it', async () => {
  const { result } = renderHook(() => useHistory())
  const log: string[] = []
  await act(() =>
    result.current.perform({ label: 'first', undo: async () => void log.push('undo first'), redo: async () => void log.push('first') }),
  )
  expect(result.current.canUndo).toBe(true)

  const slow = deferred()
  let second: Promise<void> = Promise.resolve()
  let undone: Promise<void> = Promise.resolve()
  act(() => {
    second = result.current.perform({
      label: 'second',
      undo: async () => void log.push('undo second'),
      redo: () => slow.promise.then(() => void log.push('second')),
    })
  })
  // Ctrl+Z right after a move, before its save is done: it is the move that is undone, not the
  // edit before it, and the key press is not lost
  expect(result.current.canUndo).toBe(true)
  act(() => {
    undone = result.current.undo()
  })
  expect(log).toEqual(['first'])
  await act(async () => {
    slow.resolve()
    await second
    await undone
  })
  expect(log).toEqual(['first', 'second', 'undo second'])
  expect(result.current.next).toBe('first')
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

test('an undo asked between two edits on their way reverses the later one once both are done', async () => {
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
  // the draw is done but the removal is not: an undo now waits, and reverses the removal
  let undone: Promise<void> = Promise.resolve()
  act(() => {
    undone = result.current.undo()
  })
  expect(log).toEqual(['draw'])
  await act(async () => {
    second.resolve()
    await both
    await undone
  })
  expect(log).toEqual(['draw', 'remove', 'undo remove'])
  expect(result.current.next).toBe('draw')
})
