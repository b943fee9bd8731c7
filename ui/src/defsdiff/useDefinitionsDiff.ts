// What the working tree's definitions add, remove and change against a git ref.
import { useQuery } from '@tanstack/react-query'
import { get } from '../api/client'
import type { components } from '../api/schema.gen'

export type DefinitionsDiff = components['schemas']['DefinitionsDiff']
export type KindDiff = components['schemas']['DefinitionsKindDiff']
export type DiffKind = 'assets' | 'asset_checks' | 'jobs' | 'schedules' | 'sensors'

export const DIFF_KINDS: ReadonlyArray<{ kind: DiffKind; title: string }> = [
  { kind: 'assets', title: 'Assets' },
  { kind: 'asset_checks', title: 'Asset checks' },
  { kind: 'jobs', title: 'Jobs' },
  { kind: 'schedules', title: 'Schedules' },
  { kind: 'sensors', title: 'Sensors' },
]

export const definitionsDiffKey = (projectId: string, ref: string) => ['definitions-diff', projectId, ref] as const

/** The diff against `ref`, asked while `enabled`; the server keeps the ref's load, so asking
 * again after an edit costs only the comparison. */
export const useDefinitionsDiff = (projectId: string, ref: string, enabled = true) =>
  useQuery({
    queryKey: definitionsDiffKey(projectId, ref),
    queryFn: () =>
      get('/projects/{project_id}/git/definitions-diff', { params: { project_id: projectId }, query: { ref } }),
    enabled: enabled && ref.trim() !== '',
    retry: false,
    refetchOnWindowFocus: true,
  })

/** How many definitions of every kind differ. */
export function changeCount(diff: DefinitionsDiff): number {
  return DIFF_KINDS.reduce((sum, { kind }) => {
    const part = diff[kind]
    return sum + part.added.length + part.removed.length + part.changed.length
  }, 0)
}
