// Schedules and sensors in the project's instance: their state, on and off, one tick evaluated
// on demand (launching nothing).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { get, post } from './client'

export type Kind = 'schedules' | 'sensors'

const automationKeys = {
  list: (id: string, kind: Kind) => ['automations', id, kind] as const,
}

export const useSchedules = (id: string) =>
  useQuery({
    queryKey: automationKeys.list(id, 'schedules'),
    queryFn: () => get('/projects/{project_id}/schedules', { params: { project_id: id } }),
  })

export const useSensors = (id: string) =>
  useQuery({
    queryKey: automationKeys.list(id, 'sensors'),
    queryFn: () => get('/projects/{project_id}/sensors', { params: { project_id: id } }),
  })

export function useTurnOnOff(id: string, kind: Kind) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ name, running }: { name: string; running: boolean }): Promise<void> => {
      const options = { params: { project_id: id, name }, body: { running } }
      if (kind === 'schedules') await post('/projects/{project_id}/schedules/{name}/state', options)
      else await post('/projects/{project_id}/sensors/{name}/state', options)
    },
    onSuccess: () => client.invalidateQueries({ queryKey: automationKeys.list(id, kind) }),
  })
}

export function useTick(id: string, kind: Kind) {
  return useMutation({
    mutationFn: (name: string) =>
      kind === 'schedules'
        ? post('/projects/{project_id}/schedules/{name}/tick', { params: { project_id: id, name } })
        : post('/projects/{project_id}/sensors/{name}/tick', { params: { project_id: id, name } }),
  })
}
