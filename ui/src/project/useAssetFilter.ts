// The canvas filter: plain text matches keys, groups, kinds, tags, owners and descriptions in
// the browser; Dagster's selection syntax (`group:sales+`, `kind:dbt and tag:daily`, `*orders`)
// is evaluated by Dagster in the project's worker.
import { useMemo } from 'react'
import { useSelection } from '../api/selection'
import type { Definitions } from '../api/types'
import { isSelectionSyntax, textMatches } from '../canvas/assetGraph'
import { useDebounced } from '../ui/useDebounced'

export interface AssetFilter {
  matches: ReadonlySet<string> | null
  error: string | null
  pending: boolean
  syntax: boolean
}

export function useAssetFilter(projectId: string, definitions: Definitions | undefined, text: string): AssetFilter {
  const trimmed = text.trim()
  const syntax = trimmed !== '' && isSelectionSyntax(trimmed)
  const query = useDebounced(syntax ? trimmed : '', 250)
  const selection = useSelection(projectId, query, definitions)
  const textSet = useMemo(
    () => (trimmed && !syntax ? textMatches(definitions?.assets ?? [], trimmed) : null),
    [definitions, trimmed, syntax],
  )
  const selected = useMemo(() => (selection.data && !selection.data.error ? new Set(selection.data.keys) : null), [selection.data])
  if (!trimmed) return { matches: null, error: null, pending: false, syntax: false }
  if (!syntax) return { matches: textSet, error: null, pending: false, syntax }
  return {
    matches: query === trimmed ? selected : null,
    error: selection.data?.error ?? selection.error?.message ?? null,
    pending: query !== trimmed || selection.isFetching,
    syntax,
  }
}
