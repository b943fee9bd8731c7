// Server state: one react-query hook per resource, keys shared with the event stream.
import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiUrl, del, errorMessage, get, json, post, put, send } from './client'
import type { InstanceDetail, Validation } from './types'

export const keys = {
  projects: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
  types: (id: string) => ['component-types', id] as const,
  defs: (id: string) => ['defs', id] as const,
  instance: (id: string, path: string, index: number) => ['instance', id, path, index] as const,
  definitions: (id: string) => ['definitions', id] as const,
  layout: (id: string) => ['layout', id] as const,
  saveLayout: (id: string) => ['save-layout', id] as const,
  fills: (id: string) => ['fills', id] as const,
  review: (id: string) => ['review', id] as const,
}

const of = (id: string) => ({ params: { project_id: id } })

export const useProjects = () => useQuery({ queryKey: keys.projects, queryFn: () => get('/projects') })

export const useProject = (id: string) =>
  useQuery({ queryKey: keys.project(id), queryFn: () => get('/projects/{project_id}', of(id)) })

export const useComponentTypes = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.types(id),
    queryFn: () => get('/projects/{project_id}/component-types', of(id)),
    enabled,
    staleTime: 60_000,
  })

export const useDefs = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.defs(id),
    queryFn: () => get('/projects/{project_id}/defs', of(id)),
    enabled,
  })

export const useDefinitions = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.definitions(id),
    queryFn: () => get('/projects/{project_id}/definitions', of(id)),
    enabled,
    refetchOnWindowFocus: true,
  })

const instanceUrl = (id: string, path: string, index: number) =>
  apiUrl('/projects/{project_id}/defs/{path}', { project_id: id, path }, { index })

/** A component instance, with the ETag of its file: a form save goes over that version only. */
export const useInstance = (id: string, path: string, index: number, enabled: boolean) =>
  useQuery({
    queryKey: keys.instance(id, path, index),
    queryFn: async (): Promise<InstanceDetail> => {
      const response = await send(instanceUrl(id, path, index), { cache: 'no-store' })
      return { ...((await response.json()) as Omit<InstanceDetail, 'etag'>), etag: response.headers.get('ETag') ?? '' }
    },
    enabled,
    retry: false,
  })

/** Writes the attributes over the file version `etag` names; a 412 `ApiError` when the file
 * changed since (its body holds the attributes on disk now). */
export async function saveAttributes(
  id: string,
  path: string,
  index: number,
  attributes: Record<string, unknown>,
  etag: string,
): Promise<{ validation: Validation; etag: string }> {
  const response = await send(instanceUrl(id, path, index), {
    method: 'PUT',
    headers: { 'If-Match': etag },
    body: json({ attributes }),
  })
  return { validation: (await response.json()) as Validation, etag: response.headers.get('ETag') ?? '' }
}

export const useLayout = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.layout(id),
    queryFn: async () => (await get('/projects/{project_id}/layout', of(id))).positions,
    enabled,
  })

/** After any edit: the file list and what Dagster loads have changed. */
export function useRefreshProject(id: string) {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ queryKey: keys.defs(id) })
    void client.invalidateQueries({ queryKey: keys.definitions(id) })
  }
}

export function useCreateProject() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { name: string; starter?: string } | { path: string }) => post('/projects', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}

export function useRemoveProject() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, deleteFiles }: { id: string; deleteFiles: boolean }) =>
      del('/projects/{project_id}', { ...of(id), query: { delete_files: deleteFiles } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}

export function useScaffold(id: string) {
  const refresh = useRefreshProject(id)
  return useMutation({
    mutationFn: (body: { type: string; path: string; params?: Record<string, unknown>; attributes?: Record<string, unknown> }) =>
      post('/projects/{project_id}/defs', { ...of(id), body }),
    onSuccess: refresh,
  })
}

export function useDeleteInstance(id: string) {
  const refresh = useRefreshProject(id)
  return useMutation({
    mutationFn: (path: string) => del('/projects/{project_id}/defs/{path}', { params: { project_id: id, path } }),
    onSuccess: refresh,
  })
}

export function useSavePositions(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationKey: keys.saveLayout(id),
    // one save at a time: each answer holds every saved position, so answers out of order (a
    // move, then a drop, on a busy machine) would put back the older set
    scope: { id: `layout:${id}` },
    mutationFn: (positions: Record<string, { x: number; y: number } | null>) =>
      put('/projects/{project_id}/layout', { ...of(id), body: { positions } }),
    onSuccess: (result) => client.setQueryData(keys.layout(id), result.positions),
  })
}

/** The server's word on the latest save of positions when it failed (whichever part of the
 * screen saved them), until a later save succeeds; `at` tells one failure from the next. */
export function useFailedLayoutSave(id: string): { message: string; at: number } | null {
  const saves = useMutationState({ filters: { mutationKey: keys.saveLayout(id) }, select: (m) => m.state })
  const latest = saves.at(-1)
  return latest?.status === 'error' ? { message: errorMessage(latest.error), at: latest.submittedAt } : null
}

export function useValidate(id: string) {
  return useMutation({
    mutationFn: () => post('/projects/{project_id}/validate', of(id)),
  })
}

export interface EdgeChange {
  upstream: string
  downstream: string
}

/** Draw or delete dependencies: the server edits the files that define the downstream assets. */
export function useLineage(id: string) {
  const refresh = useRefreshProject(id)
  return useMutation({
    mutationFn: ({ action, edges }: { action: 'add' | 'remove'; edges: EdgeChange[] }) =>
      post('/projects/{project_id}/lineage', { ...of(id), body: { action, edges } }),
    onSuccess: refresh,
  })
}

/** Makes a dangling reference meet a produced key (see `KeyFix`); the server undoes an edit
 * Dagster does not accept and answers 400 with why. */
export const alignKey = (id: string, body: { missing: string; candidate: string; fix: 'reference' | 'producer' }) =>
  post('/projects/{project_id}/key-alignment', { ...of(id), body })

/** What fills each attribute of a component type that takes a Dagster object. */
export const useFieldFills = (id: string, type: string | null) =>
  useQuery({
    queryKey: [...keys.fills(id), type],
    queryFn: () => get('/projects/{project_id}/component-types/{key}/fills', { params: { project_id: id, key: type ?? '' } }),
    enabled: !!type,
    retry: false,
  })
