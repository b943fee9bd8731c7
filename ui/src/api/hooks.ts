// Server state: one react-query hook per resource, keys shared with the event stream.
import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query'
import { errorMessage, json, request, send } from './client'
import type {
  ComponentType,
  Definitions,
  DefsInstance,
  InstanceDetail,
  Positions,
  Project,
  ScaffoldResult,
  TypeFills,
  Validation,
  ValidateResult,
} from './types'

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
}

const enc = (path: string) => path.split('/').map(encodeURIComponent).join('/')

export const useProjects = () =>
  useQuery({ queryKey: keys.projects, queryFn: () => request<Project[]>('/projects') })

export const useProject = (id: string) =>
  useQuery({ queryKey: keys.project(id), queryFn: () => request<Project>(`/projects/${id}`) })

export const useComponentTypes = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.types(id),
    queryFn: () => request<ComponentType[]>(`/projects/${id}/component-types`),
    enabled,
    staleTime: 60_000,
  })

export const useDefs = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.defs(id),
    queryFn: () => request<DefsInstance[]>(`/projects/${id}/defs`),
    enabled,
  })

export const useDefinitions = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.definitions(id),
    queryFn: () => request<Definitions>(`/projects/${id}/definitions`),
    enabled,
    refetchOnWindowFocus: true,
  })

const instanceUrl = (id: string, path: string, index: number) => `/projects/${id}/defs/${enc(path)}?index=${index}`

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
    queryFn: async () => (await request<{ positions: Positions }>(`/projects/${id}/layout`)).positions,
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
    mutationFn: (body: { name: string } | { path: string }) =>
      request<Project>('/projects', { method: 'POST', body: json(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}

export function useRemoveProject() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, deleteFiles }: { id: string; deleteFiles: boolean }) =>
      request<void>(`/projects/${id}?delete_files=${deleteFiles}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}

export function useScaffold(id: string) {
  const refresh = useRefreshProject(id)
  return useMutation({
    mutationFn: (body: { type: string; path: string; params?: Record<string, unknown>; attributes?: Record<string, unknown> }) =>
      request<ScaffoldResult>(`/projects/${id}/defs`, { method: 'POST', body: json(body) }),
    onSuccess: refresh,
  })
}

export function useDeleteInstance(id: string) {
  const refresh = useRefreshProject(id)
  return useMutation({
    mutationFn: (path: string) => request<void>(`/projects/${id}/defs/${enc(path)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  })
}

export function useSavePositions(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationKey: keys.saveLayout(id),
    mutationFn: (positions: Record<string, { x: number; y: number } | null>) =>
      request<{ positions: Positions }>(`/projects/${id}/layout`, { method: 'PUT', body: json({ positions }) }),
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
    mutationFn: () => request<ValidateResult>(`/projects/${id}/validate`, { method: 'POST' }),
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
      request<{ ok: boolean; edits: Array<{ file: string; how: string }> }>(`/projects/${id}/lineage`, {
        method: 'POST',
        body: json({ action, edges }),
      }),
    onSuccess: refresh,
  })
}

/** Makes a dangling reference meet a produced key (see `KeyFix`); the server undoes an edit
 * Dagster does not accept and answers 400 with why. */
export const alignKey = (id: string, body: { missing: string; candidate: string; fix: 'reference' | 'producer' }) =>
  request<{ ok: boolean; file: string; files: string[] }>(`/projects/${id}/key-alignment`, { method: 'POST', body: json(body) })

/** What fills each attribute of a component type that takes a Dagster object. */
export const useFieldFills = (id: string, type: string | null) =>
  useQuery({
    queryKey: [...keys.fills(id), type],
    queryFn: () => request<TypeFills>(`/projects/${id}/component-types/${encodeURIComponent(type ?? '')}/fills`),
    enabled: !!type,
    retry: false,
  })
