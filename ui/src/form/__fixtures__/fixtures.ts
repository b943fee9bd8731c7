import componentTypes from './component-types.json'
import type { JSONSchema } from '../types'

interface ComponentType {
  key: string
  schema: JSONSchema | null
  scaffold_params_schema: JSONSchema | null
}

export const COMPONENT_TYPES = componentTypes as unknown as ComponentType[]

/** The attributes schema of a fixture component type. */
export function schemaOf(key: string): JSONSchema {
  const schema = COMPONENT_TYPES.find((c) => c.key === key)?.schema
  if (!schema) throw new Error(`no schema for ${key}`)
  return schema
}

/** Realistic `attributes` values, as found in defs.yaml files, for every fixture with a schema. */
export const REALISTIC_VALUES: Record<string, Record<string, unknown>> = {
  'dagster.DefinitionsComponent': { path: 'defs.py' },
  'dagster.DefsFolderComponent': {},
  'dagster.FunctionComponent': {
    execution: { fn: 'my_pkg.ops.compute', name: 'compute' },
    assets: [{ key: 'analytics/daily', deps: ['raw/events'] }],
  },
  'dagster.PythonScriptComponent': {
    execution: { path: 'scripts/ingest.py', args: ['--full'] },
    assets: [
      {
        key: 'raw/users',
        deps: ['{{ upstream_key }}'],
        tags: { team: 'data', tier: 2 },
        kinds: ['python'],
        partitions_def: { type: 'daily', start_date: '2024-01-01' },
      },
    ],
    checks: [{ name: 'users_not_empty', asset: 'raw/users', blocking: true }],
  },
  'dagster.TemplatedSqlComponent': {
    connection: '{{ load_component_at_path("snowflake") }}',
    sql_template: 'SELECT *\nFROM {{ table }}',
    sql_template_vars: { table: 'raw.users' },
    assets: [{ key: 'users_clean' }],
  },
  'dagster.UvRunComponent': { execution: { path: 'main.py' } },
  'dagster_dbt.DbtCloudComponent': {
    workspace: { account_id: 123, token: '{{ env.DBT_CLOUD_TOKEN }}', project_id: 11, environment_id: 22 },
    cli_args: ['build', { '--vars': { start: '{{ partition_range_start }}' } }],
    defs_state: { management_type: 'LOCAL_FILESYSTEM' },
  },
  'dagster_dbt.DbtProjectComponent': {
    project: '{{ project_root }}/dbt',
    cli_args: ['build'],
    include_metadata: ['row_count'],
    translation: { group_name: 'dbt' },
    prepare_if_dev: false,
    op: { name: 'dbt_op', backfill_policy: { type: 'single_run' } },
  },
  'dagster_dlt.DltLoadCollectionComponent': {
    loads: [{ pipeline: '.loads.pipeline', source: '.loads.source', translation: { key_prefix: ['dlt'] } }],
  },
  'dagster_sling.SlingReplicationCollectionComponent': {
    connections: { PG: { type: 'postgres', host: 'localhost', port: 5432 } },
    replications: [{ path: 'replication.yaml', include_metadata: ['row_count'] }],
    sling: { connections: [{ name: 'PG', type: 'postgres' }] },
  },
}
