// The canvas filter: plain text matches keys, groups, kinds, tags, owners and descriptions in
// the browser; Dagster's selection syntax (`group:sales+`, `kind:dbt and tag:daily`, `*orders`)
// is evaluated by Dagster in the project's worker.
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { get } from '../api/client'
import type { Definitions } from '../api/types'
import { isSelectionSyntax, textMatches } from '../canvas/assetGraph'

export interface AssetFilter {
  matches: ReadonlySet<string> | null
  error: string | null
  pending: boolean
  syntax: boolean
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms)
    return () => window.clearTimeout(timer)
  }, [value, ms])
  return debounced
}

export function useAssetFilter(projectId: string, definitions: Definitions | undefined, text: string): AssetFilter {
  const trimmed = text.trim()
  const syntax = trimmed !== '' && isSelectionSyntax(trimmed)
  const query = useDebounced(syntax ? trimmed : '', 250)
  const selection = useQuery({
    queryKey: ['selection', projectId, query, definitions],
    queryFn: () => get('/projects/{project_id}/selection', { params: { project_id: projectId }, query: { q: query } }),
    enabled: query !== '',
    staleTime: Infinity,
  })
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
