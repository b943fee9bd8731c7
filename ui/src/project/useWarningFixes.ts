// One-click fixes of the project's warnings: the key fixes the server names (undoable through
// the canvas history) and creating a missing script. The canvas follows through the live push.
import { useState } from 'react'
import { errorMessage } from '../api/client'
import { useRefreshProject } from '../api/hooks'
import type { KeyFix, WarningItem } from '../api/types'
import { keyFixEntry } from './keyFixes'
import { createMissingScript } from './missingScript'
import type { HistoryEntry } from './useHistory'

export interface WarningFixes {
  applyKeyFix: (fix: KeyFix) => void
  createScript: (warning: WarningItem) => void
  pending: boolean
  /** why the last fix failed, in the server's words */
  error: string | null
  dismiss: () => void
}

export function useWarningFixes(
  projectId: string,
  perform: (entry: HistoryEntry) => Promise<void>,
  warnings: WarningItem[],
): WarningFixes {
  const refresh = useRefreshProject(projectId)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (fix: () => Promise<unknown>) => {
    setPending(true)
    setError(null)
    try {
      await fix()
      refresh()
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setPending(false)
    }
  }
  return {
    applyKeyFix: (fix) => void run(() => perform(keyFixEntry(projectId, fix, warnings))),
    createScript: (warning) => void run(() => createMissingScript(projectId, warning)),
    pending,
    error,
    dismiss: () => setError(null),
  }
}
