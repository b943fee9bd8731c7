// The review's server state: the findings, read again at each new version of the definitions
// the live channel brings (its `version`) and when a run ends (events.ts), and a finding's fix,
// previewed then applied.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { post, get } from '../api/client'
import { keys } from '../api/hooks'
import type { Finding } from './review'

/** The findings of the project at the definitions' `version`; the last ones stay shown while the
 * next are read. */
export const useReview = (id: string, version: number, enabled: boolean) =>
  useQuery({
    queryKey: [...keys.review(id), version],
    queryFn: async () => (await get('/projects/{project_id}/review', { params: { project_id: id } })).findings,
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
  })

/** The diff of a finding's fix, written nothing. */
export const previewFix = (id: string, finding: Finding) =>
  post('/projects/{project_id}/review/fix', {
    params: { project_id: id },
    body: { rule: finding.rule, file: finding.file ?? '', line: finding.line ?? 1, preview: true },
  })

/** Applies a finding's fix, then reads the review again. */
export function useApplyFix(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (finding: Finding) =>
      post('/projects/{project_id}/review/fix', {
        params: { project_id: id },
        body: { rule: finding.rule, file: finding.file ?? '', line: finding.line ?? 1 },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.review(id) }),
  })
}
