// The integration library: the catalogue as it is for a project (installed or not, versions
// pinned to its Dagster), and adding or removing one. A change runs on the server as `uv add` or
// `uv remove`; its progress and outcome arrive as the project's status (`integration`,
// `progress`) over the event stream, which reads the listing and the component types again once
// it settled (events.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { del, get, post } from './client'
import { keys } from './hooks'
import type { components } from './schema.gen'

type Schemas = components['schemas']

export type Integration = Schemas['ProjectIntegration']
export type IntegrationActivity = Schemas['IntegrationActivity']

export const integrationsKey = (id: string) => ['integrations', id] as const

const of = (id: string) => ({ params: { project_id: id } })

export const useProjectIntegrations = (id: string) =>
  useQuery({ queryKey: integrationsKey(id), queryFn: () => get('/projects/{project_id}/integrations', of(id)) })

/** Add (`uv add`) or remove (`uv remove`) an integration; the answer is the change started. */
export function useChangeIntegration(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ package: name, remove }: { package: string; remove: boolean }) =>
      remove
        ? del('/projects/{project_id}/integrations/{package}', { params: { project_id: id, package: name } })
        : post('/projects/{project_id}/integrations', { ...of(id), body: { package: name } }),
    onSuccess: (activity) =>
      client.setQueryData(keys.project(id), (project: Schemas['ProjectOut'] | undefined) =>
        project ? { ...project, integration: activity } : project,
      ),
  })
}
