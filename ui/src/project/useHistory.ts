// Undo and redo of canvas edits. Each entry knows how to reverse itself and how to redo; both
// are file edits through the API, so undo is what a person would have done by hand.
import { useCallback, useRef, useState } from 'react'
import { errorMessage } from '../api/client'

export interface HistoryEntry {
  label: string
  undo: () => Promise<unknown>
  redo: () => Promise<unknown>
}

interface Stacks {
  past: HistoryEntry[]
  future: HistoryEntry[]
}

const LIMIT = 100
const EMPTY: Stacks = { past: [], future: [] }

export type History = ReturnType<typeof useHistory>

export function useHistory() {
  // the stacks live in a ref so a queued step reads them as they are when it runs, not as they
  // were when it was asked for; the state copy is what renders
  const [shown, setShown] = useState<Stacks>(EMPTY)
  const stacks = useRef<Stacks>(EMPTY)
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const pending = useRef(0)
  const [busy, setBusy] = useState(false)
  /** why the last undo or redo failed, in the server's words; the entry stays where it was */
  const [error, setError] = useState<string | null>(null)

  const update = useCallback((next: Stacks) => {
    stacks.current = next
    setShown(next)
  }, [])

  /** Runs edits, undos and redos one after another in the order they were asked for, so the
   * history records them in the order the files saw them: an undo asked while an edit is on its
   * way (Ctrl+Z right after a move, its save not back yet) waits for it, then reverses it. */
  const serial = useCallback(<T,>(step: () => Promise<T>): Promise<T> => {
    pending.current += 1
    setBusy(true)
    const done = queue.current.then(step)
    queue.current = done.catch(() => undefined)
    return done.finally(() => {
      pending.current -= 1
      if (pending.current === 0) setBusy(false)
    })
  }, [])

  const record = useCallback(
    (entry: HistoryEntry) => update({ past: [...stacks.current.past.slice(-(LIMIT - 1)), entry], future: [] }),
    [update],
  )

  /** Does an edit (its `redo`) and records it once it succeeded. */
  const perform = useCallback(
    (entry: HistoryEntry) =>
      serial(async () => {
        await entry.redo()
        record(entry)
      }),
    [serial, record],
  )

  /** Moves the newest entry of one stack to the other by running its undo or redo; the entry is
   * the newest when its turn comes, after every edit asked for before. */
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const from = direction === 'undo' ? 'past' : 'future'
      setError(null)
      await serial(async () => {
        const entry = stacks.current[from].at(-1)
        if (!entry) return
        try {
          await entry[direction]()
          const { past, future } = stacks.current
          update(direction === 'undo' ? { past: past.slice(0, -1), future: [...future, entry] } : { past: [...past, entry], future: future.slice(0, -1) })
        } catch (failure) {
          setError(`Could not ${direction} ${entry.label}: ${errorMessage(failure)}`)
        }
      })
    },
    [serial, update],
  )
  const undo = useCallback(() => step('undo'), [step])
  const redo = useCallback(() => step('redo'), [step])
  const clearError = useCallback(() => setError(null), [])

  return {
    record,
    perform,
    undo,
    redo,
    error,
    clearError,
    // while edits are on their way there will be something to undo once they land
    canUndo: shown.past.length > 0 || busy,
    canRedo: shown.future.length > 0 && !busy,
    next: shown.past.at(-1)?.label,
  }
}
