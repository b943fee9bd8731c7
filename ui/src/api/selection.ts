// Dagster's asset selection syntax (`group:sales+`, `kind:dbt and tag:daily`, `*orders`),
// evaluated by Dagster in the project's worker against the loaded definitions.
import { useQuery } from '@tanstack/react-query'
import { get } from './client'
import type { Definitions } from './types'

// Each state of the definitions stands in a key by a number given to the object: a key is hashed
// at every render of the hooks using it, and hashing thousands of assets would cost a frame.
const stamps = new WeakMap<Definitions, number>()
let lastStamp = 0
function stampOf(definitions: Definitions | undefined): number {
  if (definitions === undefined) return 0
  let stamp = stamps.get(definitions)
  if (stamp === undefined) stamps.set(definitions, (stamp = ++lastStamp))
  return stamp
}

/** The query of what `text` selects, one per state of the definitions: for a hook, or to fetch
 * once (`queryClient.fetchQuery`) and share the answer with the hooks. */
export const selectionQuery = (projectId: string, text: string, definitions: Definitions | undefined) => ({
  queryKey: ['selection', projectId, text, stampOf(definitions)],
  queryFn: () => get('/projects/{project_id}/selection', { params: { project_id: projectId }, query: { q: text } }),
  staleTime: Infinity,
})

/** The assets and checks `text` selects; asked again when the definitions change. Nothing is
 * asked for an empty text. */
export const useSelection = (projectId: string, text: string, definitions: Definitions | undefined) =>
  useQuery({ ...selectionQuery(projectId, text, definitions), enabled: text !== '' })
