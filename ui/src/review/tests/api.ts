// The review's tests on the server: run the project's pytest, add pytest as a dev dependency when
// it is missing (a `uv` change the project's status follows, as for a library), and generate a
// first test module for a chain of assets.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { post } from '../../api/client'
import { keys } from '../../api/hooks'
import type { components } from '../../api/schema.gen'

type Schemas = components['schemas']
export type TestRun = Schemas['ReviewTestRun']
export type TestResult = Schemas['ReviewTestResult']
export type GeneratedTests = Schemas['GeneratedTests']

const of = (id: string) => ({ params: { project_id: id } })

export const useRunTests = (id: string) =>
  useMutation({ mutationFn: () => post('/projects/{project_id}/review/tests', of(id)) })

export function useAddPytest(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => post('/projects/{project_id}/review/tests/setup', of(id)),
    onSuccess: (activity) =>
      client.setQueryData(keys.project(id), (project: Schemas['ProjectOut'] | undefined) =>
        project ? { ...project, integration: activity } : project,
      ),
  })
}

export const useGenerateTests = (id: string) =>
  useMutation({
    mutationFn: (body: { assets: string[]; preview: boolean; overwrite: boolean }) =>
      post('/projects/{project_id}/review/tests/generate', { ...of(id), body }),
  })
