// Export, import and deploy: the requests, and the pure logic of their dialogs. A deploy runs on
// the server as `dg plus deploy` (the project's task); its state is read here every second
// while it runs, its lines also reach the project's progress. The API token is sent with the one
// request that starts a deploy and kept nowhere else.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, apiUrl, get, post, send } from '../api/client'
import { keys } from '../api/hooks'
import type { components } from '../api/schema.gen'

type Schemas = components['schemas']
export type DeployRequest = Schemas['DeployRequest']
export type DeployState = Schemas['DeployState']
export type DeployConfigure = Schemas['DeployConfigure']
export type DeployConfigured = Schemas['DeployConfigured']
export type BuildStrategy = 'python-executable' | 'docker'

/** Where the browser downloads a project's ZIP (the session cookie authenticates it). */
export const exportHref = (id: string): string => `/api/v1${apiUrl('/projects/{project_id}/export', { project_id: id })}`

/** The name an imported archive suggests: its file name as a project name (GitHub's `-main`
 * suffix and what no project name may hold left out). */
export function nameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.zip$/i, '').replace(/-(main|master)$/, '')
  const cleaned = stem.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '')
  return cleaned.slice(0, 64)
}

export function useImportProject() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ name, file }: { name: string; file: Blob }): Promise<Schemas['ProjectOut']> => {
      const response = await send(apiUrl('/projects/import', {}, { name }), {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'application/zip' },
      })
      return (await response.json()) as Schemas['ProjectOut']
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}

// ------------------------------------------------------------------------------------------------
// deploy

export interface DeployForm {
  organization: string
  deployment: string
  token: string
  buildStrategy: BuildStrategy
  locationName: string
}

export const EMPTY_FORM: DeployForm = {
  organization: '',
  deployment: 'prod',
  token: '',
  buildStrategy: 'python-executable',
  locationName: '',
}

/** What keeps the form from being sent, in words; null when it can go. */
export function formProblem(form: DeployForm): string | null {
  if (!form.organization.trim()) return 'Enter the Dagster+ organization.'
  if (!form.deployment.trim()) return 'Enter the deployment to deploy to (for example prod).'
  if (!form.token.trim()) return 'Enter an API token (Dagster+ → Organization settings → Tokens).'
  return null
}

export function deployBody(form: DeployForm): DeployRequest {
  return {
    target: 'dagster-plus',
    organization: form.organization.trim(),
    deployment: form.deployment.trim(),
    token: form.token.trim(),
    build_strategy: form.buildStrategy,
    ...(form.locationName.trim() ? { location_name: form.locationName.trim() } : {}),
  }
}

/** The one-click remedy a refused deploy offers: add a package, or configure the deploy. */
export type Offer = { action: 'add_package'; package: string } | { action: 'configure' } | null

export function offerOf(error: unknown): Offer {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const fix = error.body?.fix as { action?: string; package?: string } | undefined
  if (fix?.action === 'add_package' && fix.package) return { action: 'add_package', package: fix.package }
  if (fix?.action === 'configure') return { action: 'configure' }
  return null
}

/** `dg plus deploy configure`'s request for the form's build: serverless, as a Python
 * executable (nothing to write but CI) or a Docker image (build.yaml and a Dockerfile). */
export function configureBody(form: DeployForm): DeployConfigure {
  return {
    target: 'dagster-plus',
    agent_type: 'serverless',
    build_strategy: form.buildStrategy,
    ...(form.organization.trim() ? { organization: form.organization.trim() } : {}),
    ...(form.deployment.trim() ? { deployment: form.deployment.trim() } : {}),
  }
}

const deployKey = (id: string) => ['deploy', id] as const

export const useDeployState = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: deployKey(id),
    queryFn: () => get('/projects/{project_id}/deploy', { params: { project_id: id } }),
    enabled,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : false),
  })

export function useStartDeploy(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (form: DeployForm) => post('/projects/{project_id}/deploy', { params: { project_id: id }, body: deployBody(form) }),
    onSuccess: (state) => client.setQueryData(deployKey(id), state),
  })
}

export const useConfigureDeploy = (id: string) =>
  useMutation({
    mutationFn: (body: DeployConfigure) => post('/projects/{project_id}/deploy/configure', { params: { project_id: id }, body }),
  })

export const useAddPackage = (id: string) =>
  useMutation({
    mutationFn: (name: string) => post('/projects/{project_id}/integrations', { params: { project_id: id }, body: { package: name } }),
  })
