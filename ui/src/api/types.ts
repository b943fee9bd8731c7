// Shapes of the designer's HTTP API (see the server's OpenAPI document at /api/v1/docs).

export type ProjectStatus = 'creating' | 'ready' | 'error'

export interface WorkerStatus {
  state: string
  detail: string | null
  restarts: number
  pid: number | null
  dagster_version: string | null
}

export interface Project {
  id: string
  name: string
  path: string
  status: ProjectStatus
  error?: string | null
  created_here: boolean
  progress: string[]
  worker: WorkerStatus | null
  defs_path: string | null
}

export interface ComponentType {
  key: string
  name: string
  namespace: string
  package: string
  kind: 'component' | 'scaffold_target'
  summary: string | null
  description: string | null
  schema: Record<string, unknown> | null
  scaffold_params_schema: Record<string, unknown> | null
}

export interface DefsInstance {
  path: string
  index: number | null
  kind: 'component' | 'python'
  type: string | null
  file: string
  files: string[]
  error: string | null
}

export interface ProblemItem {
  message: string
  file?: string | null
  line?: number | null
  field?: string | null
  kind?: string | null
  hint?: string | null
  causes?: string[]
  detail?: string | null
  defs_path?: string | null
  defs_index?: number | null
}

/** A fix the server can make for a dependency or check on a key nothing produces. */
export interface KeyFix {
  title: string
  /** `reference`: change the reference to `candidate`; `producer`: rename `candidate` to `missing` */
  fix: 'reference' | 'producer'
  missing: string
  candidate: string
}

/** Something Dagster accepts that will not work as meant; it never makes a load fail. */
export interface WarningItem extends ProblemItem {
  /** the asset or check key whose node shows it */
  key: string | null
  /** `dangling_key`: a key nothing produces */
  missing?: string
  candidates?: Array<{ key: string; score: number }>
  fixes?: KeyFix[]
  /** `missing_file`: the project-relative path of the script, null when outside the project */
  path?: string | null
}

export interface Asset {
  key: string
  key_parts: string[]
  deps: string[]
  group: string | null
  kinds: string[]
  owners: Array<{ team?: string; email?: string }>
  tags: Array<{ key: string; value: string }>
  description: string | null
  is_executable: boolean
  automation_condition: { label: string | null } | null
  code_version: string | null
  partitions: string | null
  source: string | null
  defs_path: string | null
  defs_index: number | null
}

export interface AssetCheck {
  key: string
  asset_key: string
  name: string
  description: string | null
  defs_path: string | null
  defs_index: number | null
}

interface Origin {
  defs_path: string | null
  defs_index: number | null
}

export interface Job extends Origin {
  name: string
  description: string | null
}

export interface Schedule extends Origin {
  name: string
  cron_schedule: string
  job_name: string | null
}

export interface Sensor extends Origin {
  name: string
  job_names: string[]
}

export interface Definitions {
  assets: Asset[]
  asset_checks: AssetCheck[]
  jobs: Job[]
  schedules: Schedule[]
  sensors: Sensor[]
  errors: ProblemItem[]
  warnings: WarningItem[]
  duration_ms?: number
}

export interface Validation {
  ok: boolean
  errors: ProblemItem[]
  warnings?: WarningItem[]
  file?: string | null
}

export interface InstanceDetail {
  path: string
  index: number
  type: string | null
  attributes: Record<string, unknown> | null
  file: string
  /** the ETag of the file, from the answer's header */
  etag: string
}

export interface ScaffoldResult {
  path: string
  type: string
  files: string[]
  instance: DefsInstance | null
  validation: Validation
}

export interface ValidateResult {
  ok: boolean
  output: string
  errors: ProblemItem[]
  duration_ms: number
}

export interface FieldFill {
  title: string
  /** the YAML value, a template such as `{{ context.load_component('warehouse') }}` */
  value: string
  /** null: usable now; otherwise the component to scaffold first (and its package) */
  requires: { component_type: string; path: string; package?: string } | null
}

/** Per attribute that takes a Dagster object: the interface it expects and what fills it. */
export interface TypeFills {
  type: string
  fields: Record<string, { expects: string; fills: FieldFill[] }>
}

export type Positions = Record<string, { x: number; y: number }>
