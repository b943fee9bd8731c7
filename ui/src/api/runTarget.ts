// Where a project's runs go: this machine's instance, or a remote Dagster deployment. Changing
// it changes what every run query answers, so they are all read again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { get, put } from './client'
import { runKeys } from './runs'
import type { components } from './schema.gen'

export type RunTarget = components['schemas']['RunTargetLocal'] | components['schemas']['RunTargetRemote']
export type RunTargetSet = components['schemas']['RunTargetLocal'] | components['schemas']['RunTargetRemoteSet']

const targetKey = (id: string) => ['run-target', id] as const

export const useRunTarget = (id: string) =>
  useQuery({
    queryKey: targetKey(id),
    queryFn: () => get('/projects/{project_id}/run-target', { params: { project_id: id } }),
  })

export function useSetRunTarget(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: RunTargetSet) => put('/projects/{project_id}/run-target', { params: { project_id: id }, body }),
    onSuccess: (target) => {
      client.setQueryData(targetKey(id), target)
      void client.invalidateQueries({ queryKey: runKeys.runs(id) })
      void client.invalidateQueries({ queryKey: runKeys.assetStatus(id) })
    },
  })
}
