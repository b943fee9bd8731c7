import { useEffect, useMemo, useRef } from 'react'
import { errorMessage } from '../api/client'
import type { Definitions } from '../api/types'
import { overlayOf, type DiffOverlay } from '../canvas/diffOverlay'
import { useDefinitionsDiff } from './useDefinitionsDiff'

export interface DiffOverlayState {
  overlay: DiffOverlay | null
  pending: boolean
  error: string | null
}

/** The graph's overlay of changes since `ref` (null: off), asked again whenever the working
 * tree's definitions change. */
export function useDiffOverlay(projectId: string, ref: string | null, definitions: Definitions | undefined): DiffOverlayState {
  const diff = useDefinitionsDiff(projectId, ref ?? '', ref !== null)
  const { refetch } = diff
  const on = ref !== null
  // turning it on asks by itself: a refetch is for later changes of the working tree
  const seen = useRef(definitions)
  useEffect(() => {
    if (seen.current === definitions) return
    seen.current = definitions
    if (on) void refetch({ cancelRefetch: false })
  }, [on, definitions, refetch])
  return useMemo(() => {
    if (diff.isError) return { overlay: null, pending: false, error: errorMessage(diff.error) }
    if (!diff.data) return { overlay: null, pending: true, error: null }
    if (diff.data.error) return { overlay: null, pending: false, error: diff.data.error }
    return { overlay: overlayOf(diff.data), pending: false, error: null }
  }, [diff.isError, diff.error, diff.data])
}
