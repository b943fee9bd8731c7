// Builders: Dagster definitions that are not YAML components (assets, SQL assets, schedules,
// jobs, sensors, asset checks), written into the project's files from their parameters, read
// back for editing, removed; and the cron preview the schedule form shows as the user types.
// The parameter shapes follow the server's pydantic models (builders/params.py).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { isStatus, json, request } from './client'
import { keys } from './hooks'
import type { components } from './schema.gen'

type Schemas = components['schemas']

export type BuilderKind = 'asset' | 'sql_asset' | 'schedule' | 'job' | 'sensor' | 'asset_check'
export type DefaultStatus = 'STOPPED' | 'RUNNING'

/** What a schedule or sensor launches: the assets of a selection, or a job. */
export type Target = { selection: string; job?: undefined } | { job: string; selection?: undefined }

export interface Partitions {
  type: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'static'
  /** ISO date, for time partitions */
  start_date?: string | null
  /** the keys of static partitions */
  values?: string[]
}

export interface Automation {
  condition: 'eager' | 'on_cron' | 'on_missing'
  cron?: string | null
}

export interface AssetParams {
  name: string
  description?: string
  group?: string | null
  owners?: string[]
  tags?: Record<string, string>
  kinds?: string[]
  /** upstream asset keys, as `raw/orders` */
  deps?: string[]
  partitions?: Partitions | null
  automation?: Automation | null
  /** the function's body; left out when editing keeps the body as it is */
  body?: string | null
}

export interface SqlAssetParams extends AssetParams {
  sql: string
  /** the DuckDB file, relative to the project */
  connection?: string
}

export interface ScheduleParams {
  name: string
  cron: string
  timezone?: string
  target: Target
  description?: string
  default_status?: DefaultStatus
}

export interface JobParams {
  name: string
  selection: string
  description?: string
  tags?: Record<string, string>
  run_config?: Record<string, unknown> | null
}

export type SensorType = 'file' | 'run_status' | 'asset' | 'custom'

export interface SensorParams {
  name: string
  sensor_type: SensorType
  minimum_interval_seconds?: number
  target?: Target | null
  description?: string
  default_status?: DefaultStatus
  path?: string | null
  run_status?: 'SUCCESS' | 'FAILURE'
  monitored_jobs?: string[]
  asset?: string | null
  body?: string | null
}

export type CheckType = 'row_count' | 'freshness' | 'column_schema' | 'not_null' | 'unique' | 'custom'

export interface AssetCheckParams {
  name: string
  asset: string
  check_type: CheckType
  description?: string
  severity?: 'ERROR' | 'WARN'
  blocking?: boolean
  min_rows?: number
  max_rows?: number | null
  max_age_hours?: number
  columns?: Record<string, string>
  column_names?: string[]
  connection?: string
  body?: string | null
}

export interface ParamsOf {
  asset: AssetParams
  sql_asset: SqlAssetParams
  schedule: ScheduleParams
  job: JobParams
  sensor: SensorParams
  asset_check: AssetCheckParams
}

export type AnyParams = ParamsOf[BuilderKind]

/** The answer of a write: the definition's name, the project-relative files written, what
 * Dagster says of the project with it, and warnings (a selection that matches nothing now). */
export type BuildResult = Schemas['BuilderResult']
export type CronPreview = Schemas['CronPreview']

const builderPath = (projectId: string, kind: BuilderKind, name?: string) =>
  `/projects/${encodeURIComponent(projectId)}/builders/${kind}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`

/** The parameters of a definition the designer wrote; null when it did not write it. */
export async function readParams<K extends BuilderKind>(projectId: string, kind: K, name: string): Promise<ParamsOf[K] | null> {
  try {
    const answer = await request<{ params: ParamsOf[K] }>(builderPath(projectId, kind, name), { cache: 'no-store' })
    return answer.params
  } catch (error) {
    if (isStatus(error, 404)) return null
    throw error
  }
}

export interface SaveRequest {
  kind: BuilderKind
  /** the definition rewritten; none: a new one */
  name?: string
  params: AnyParams
}

export interface DeleteRequest {
  kind: BuilderKind
  name: string
  /** also when other definitions still reference it */
  force?: boolean
}

/** After a write the definitions change (the live channel brings them) and so do the schedules
 * and sensors the instance knows. */
function useRefreshAfterWrite(projectId: string) {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ queryKey: keys.definitions(projectId) })
    void client.invalidateQueries({ queryKey: ['automations', projectId] })
  }
}

export function useSaveBuilder(projectId: string) {
  const refresh = useRefreshAfterWrite(projectId)
  return useMutation({
    mutationFn: ({ kind, name, params }: SaveRequest) =>
      request<BuildResult>(builderPath(projectId, kind, name), {
        method: name === undefined ? 'POST' : 'PUT',
        body: json({ params }),
      }),
    onSuccess: refresh,
  })
}

export function useDeleteBuilder(projectId: string) {
  const refresh = useRefreshAfterWrite(projectId)
  return useMutation({
    mutationFn: ({ kind, name, force }: DeleteRequest) =>
      request<void>(`${builderPath(projectId, kind, name)}${force ? '?force=true' : ''}`, { method: 'DELETE' }),
    onSuccess: refresh,
  })
}

/** The expression in words and its next fire times in `timezone` (the caller debounces). */
export const useCronPreview = (expr: string, timezone: string) =>
  useQuery({
    queryKey: ['cron', expr, timezone],
    queryFn: () => request<CronPreview>(`/cron?${new URLSearchParams({ expr, timezone }).toString()}`),
    enabled: expr !== '',
    staleTime: 60_000,
    retry: false,
  })
