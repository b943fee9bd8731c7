import { describe, expect, it } from 'vitest'
import { humanizeTypeName } from './names'

describe('type titles', () => {
  it.each([
    ['TemplatedSqlComponent', 'Templated SQL'],
    ['dagster.PythonScriptComponent', 'Python Script'],
    ['DbtProjectComponent', 'dbt Project'],
    ['dagster_dbt.DbtCloudComponent', 'dbt Cloud'],
    ['DltLoadCollectionComponent', 'dlt Load Collection'],
    ['DuckDbComponent', 'DuckDB'],
    ['DuckDBComponent', 'DuckDB'],
    ['SlingReplicationCollectionComponent', 'Sling Replication Collection'],
    ['PowerBIWorkspaceComponent', 'Power BI Workspace'],
    ['RestApiComponent', 'Rest API'],
    ['UvRunComponent', 'uv Run'],
    ['S3IOManager', 'S3 IO Manager'],
    ['BigQueryTableComponent', 'BigQuery Table'],
    ['DefsFolderComponent', 'Defs Folder'],
    ['asset_check', 'Asset check'],
    ['schedule', 'Schedule'],
  ])('%s reads "%s"', (name, title) => {
    expect(humanizeTypeName(name)).toBe(title)
  })
})
