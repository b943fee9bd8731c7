// Undo and redo of canvas edits. Each entry knows how to reverse itself and how to redo; both
// are file edits through the API, so undo is what a person would have done by hand.
import { useCallback, useState } from 'react'
import { errorMessage } from '../api/client'

export interface HistoryEntry {
  label: string
  undo: () => Promise<unknown>
  redo: () => Promise<unknown>
}

const LIMIT = 100

export type History = ReturnType<typeof useHistory>

export function useHistory() {
  const [past, setPast] = useState<HistoryEntry[]>([])
  const [future, setFuture] = useState<HistoryEntry[]>([])
  const [busy, setBusy] = useState(false)
  /** why the last undo or redo failed, in the server's words; the entry stays where it was */
  const [error, setError] = useState<string | null>(null)

  const record = useCallback((entry: HistoryEntry) => {
    setPast((entries) => [...entries.slice(-(LIMIT - 1)), entry])
    setFuture([])
  }, [])

  /** Does an edit (its `redo`) and records it once it succeeded. Undo and redo stay disabled
   * until then, so an undo cannot reach past an edit that is still on its way. */
  const perform = useCallback(
    async (entry: HistoryEntry) => {
      setBusy(true)
      try {
        await entry.redo()
        record(entry)
      } finally {
        setBusy(false)
      }
    },
    [record],
  )

  const undo = useCallback(async () => {
    const entry = past.at(-1)
    if (!entry || busy) return
    setBusy(true)
    setError(null)
    try {
      await entry.undo()
      setPast((entries) => entries.slice(0, -1))
      setFuture((entries) => [...entries, entry])
    } catch (failure) {
      setError(`Could not undo ${entry.label}: ${errorMessage(failure)}`)
    } finally {
      setBusy(false)
    }
  }, [past, busy])

  const redo = useCallback(async () => {
    const entry = future.at(-1)
    if (!entry || busy) return
    setBusy(true)
    setError(null)
    try {
      await entry.redo()
      setFuture((entries) => entries.slice(0, -1))
      setPast((entries) => [...entries, entry])
    } catch (failure) {
      setError(`Could not redo ${entry.label}: ${errorMessage(failure)}`)
    } finally {
      setBusy(false)
    }
  }, [future, busy])

  const clearError = useCallback(() => setError(null), [])

  return {
    record,
    perform,
    undo,
    redo,
    error,
    clearError,
    canUndo: past.length > 0 && !busy,
    canRedo: future.length > 0 && !busy,
    next: past.at(-1)?.label,
  }
}
