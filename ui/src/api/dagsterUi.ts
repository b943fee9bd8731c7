// Dagster's own UI of a project: its `dg dev` (webserver and daemon, on the project's instance),
// started and stopped by the designer and served on the designer's origin under the project's
// path. State changes arrive on the event stream (events.ts puts them here); while it starts
// the state is polled as well, in case the stream reconnects meanwhile.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { del, get, post } from './client'
import type { DagsterUi } from './types'

export const dagsterUiKeys = {
  state: (id: string) => ['dagster-ui', id] as const,
}

const STARTING_POLL_MS = 3000

/** Where the designer serves a page of the project's Dagster UI: `dagsterUiPath(id, `/runs/${runId}`)`,
 * `dagsterUiPath(id, '/assets/' + parts.map(encodeURIComponent).join('/'))`. `path` is Dagster's own
 * route, its segments already encoded. */
export function dagsterUiPath(projectId: string, path = '/'): string {
  const tail = path.startsWith('/') ? path : `/${path}`
  return `/api/v1/projects/${encodeURIComponent(projectId)}/dagster-ui/app${tail}`
}

export const useDagsterUi = (id: string) =>
  useQuery({
    queryKey: dagsterUiKeys.state(id),
    queryFn: () => get('/projects/{project_id}/dagster-ui', { params: { project_id: id } }),
    refetchInterval: (query) => (query.state.data?.state === 'starting' ? STARTING_POLL_MS : false),
  })

/** A state pushed on the event stream. */
export function setDagsterUi(client: QueryClient, id: string, state: DagsterUi) {
  client.setQueryData(dagsterUiKeys.state(id), state)
}

/** Starts it unless it is starting or running; answers at once with its state. */
export function useStartDagsterUi(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => post('/projects/{project_id}/dagster-ui', { params: { project_id: id } }),
    onSuccess: (state) => setDagsterUi(client, id, state),
  })
}

/** Stops it; answers once none of its processes is left. */
export function useStopDagsterUi(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => del('/projects/{project_id}/dagster-ui', { params: { project_id: id } }),
    onSuccess: (state) => setDagsterUi(client, id, state),
  })
}
