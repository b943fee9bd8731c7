// Words of titles the way Dagster and the tools' own docs write them.
const SPELLINGS: Record<string, string> = {
  ai: 'AI',
  api: 'API',
  aws: 'AWS',
  bi: 'BI',
  cli: 'CLI',
  csv: 'CSV',
  db: 'DB',
  dbt: 'dbt',
  dlt: 'dlt',
  gcp: 'GCP',
  gcs: 'GCS',
  http: 'HTTP',
  id: 'ID',
  io: 'IO',
  json: 'JSON',
  ml: 'ML',
  s3: 'S3',
  sql: 'SQL',
  ssh: 'SSH',
  ssl: 'SSL',
  uri: 'URI',
  url: 'URL',
  uv: 'uv',
  yaml: 'YAML',
}
/** A word as Dagster's docs spell it ("sql" -> "SQL", "dbt" stays), if they spell it apart. */
export function spelling(word: string): string | undefined {
  return SPELLINGS[word.toLowerCase()]
}

// Names of one word that camel case splits in two.
const JOINED: ReadonlyArray<[RegExp, string]> = [
  [/\bDuck DB\b/g, 'DuckDB'],
  [/\bBig Query\b/g, 'BigQuery'],
  [/\bGit Hub\b/g, 'GitHub'],
  [/\bGit Lab\b/g, 'GitLab'],
  [/\bOpen AI\b/g, 'OpenAI'],
  [/\bPy Spark\b/g, 'PySpark'],
  [/\bPostgre SQL\b/g, 'PostgreSQL'],
  [/\bMy SQL\b/g, 'MySQL'],
]

/** A component type's title as Dagster's docs write it: "TemplatedSqlComponent" -> "Templated
 * SQL", "DbtProjectComponent" -> "dbt Project", "DuckDbComponent" -> "DuckDB", "asset_check" ->
 * "Asset check". A dotted key ("dagster.PythonScriptComponent") is titled by its last part. */
export function humanizeTypeName(name: string): string {
  const base = (name.split('.').pop() ?? name).replace(/Component$/, '')
  if (base.includes('_') || base === base.toLowerCase()) {
    const spaced = base.replace(/_/g, ' ')
    return spaced.charAt(0).toUpperCase() + spaced.slice(1)
  }
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((word) => spelling(word) ?? word)
  return JOINED.reduce((title, [pattern, joined]) => title.replace(pattern, joined), words.join(' '))
}

/** A class attribute from the names that apply. */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}

/** "1 asset", "2 assets", "0 assets"; `many` for nouns that do not just take an s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
