import { describe, expect, test } from 'vitest'
import { COMPONENT_TYPES, schemaOf } from './__fixtures__/fixtures'
import {
  UNSET_DEFAULT,
  holdsTemplate,
  inferVariant,
  initialValue,
  isTemplateString,
  normalizeSchema,
  placeholderFor,
  type Field,
  type FieldOf,
} from './schema'
import { humanize } from './text'
import type { JSONSchema } from './types'

function prop(root: JSONSchema, ...path: string[]): Field {
  // Walks object properties, array items and (for unions) the first object variant.
  let field = normalizeSchema(root)
  for (const key of path) {
    if (field.kind === 'array') field = normalizeSchema(field.items, root)
    if (field.kind === 'union') field = field.variants.find((v) => v.field.kind === 'object')!.field
    if (field.kind !== 'object') throw new Error(`${key}: not an object (${field.kind})`)
    const p = field.properties.find((x) => x.key === key)
    if (!p) throw new Error(`no property ${key}`)
    field = normalizeSchema(p.schema, root)
  }
  return field
}

function expectKind<K extends Field['kind']>(field: Field, kind: K): FieldOf<K> {
  expect(field.kind).toBe(kind)
  return field as FieldOf<K>
}

const python = schemaOf('dagster.PythonScriptComponent')

describe('classification of the real fixture schemas', () => {
  test('PythonScriptComponent.execution is a union of a script-spec object and a template string', () => {
    const execution = expectKind(prop(python, 'execution'), 'union')
    expect(execution.variants.map((v) => v.label)).toEqual(['Script spec', 'Template'])
    expect(execution.variants.map((v) => v.field.kind)).toEqual(['object', 'string'])
    expect(execution.variants[0].field.refName).toBe('ScriptSpecModel')
    expect(execution.nullable).toBe(false)
    const root = expectKind(normalizeSchema(python), 'object')
    expect(root.properties.find((p) => p.key === 'execution')?.required).toBe(true)
    expect(root.properties.find((p) => p.key === 'assets')?.required).toBe(false)
  })

  test('assets is an optional array of asset-spec objects that may be a template instead', () => {
    const assets = expectKind(prop(python, 'assets'), 'array')
    expect(assets.template).toBe(true)
    expect(assets.nullable).toBe(true)
    const item = expectKind(normalizeSchema(assets.items, python), 'object')
    expect(item.refName).toBe('AssetSpecKwargsModel')
    expect(item.properties.filter((p) => p.required).map((p) => p.key)).toEqual(['key'])
    // ui:order is kept.
    expect(item.properties.map((p) => p.key).slice(0, 3)).toEqual(['deps', 'description', 'metadata'])
  })

  test('deps inside an asset spec is a list of strings with a template alternative', () => {
    const deps = expectKind(prop(python, 'assets', 'deps'), 'array')
    expect(deps.template).toBe(true)
    expect(normalizeSchema(deps.items, python).kind).toBe('string')
    expect(placeholderFor(deps)).toBeUndefined()
  })

  test('an optional string is a plain string, not a choice between string and null', () => {
    const group = prop(python, 'assets', 'group_name')
    expect(group.kind).toBe('string')
    expect(group.nullable).toBe(true)
    expect(group.template).toBe(false)
    expect(placeholderFor(group)).toBe('e.g. staging')
  })

  test('the unset sentinel is not a default', () => {
    const metadata = expectKind(prop(python, 'assets', 'metadata'), 'json')
    expect(metadata.expects).toBe('object')
    expect(metadata.defaultValue).toBeUndefined()
    const kinds = prop(python, 'assets', 'kinds')
    expect(kinds.defaultValue).toBeUndefined()
    expect(placeholderFor(kinds)).toBeUndefined()
  })

  test('tags are a map whose string|int|number|bool values are edited as text', () => {
    const tags = expectKind(prop(python, 'assets', 'tags'), 'map')
    expect(tags.template).toBe(true)
    expect(normalizeSchema(tags.values, python).kind).toBe('string')
  })

  test('partitions_def is a union labelled by model titles, with discriminating constants', () => {
    const partitions = expectKind(prop(python, 'assets', 'partitions_def'), 'union')
    expect(partitions.variants.map((v) => v.label)).toEqual([
      'Hourly partitions definition',
      'Daily partitions definition',
      'Weekly partitions definition',
      'Time window partitions definition',
      'Static partitions definition',
      'Template',
    ])
    expect(partitions.variants[1].discriminators).toEqual({ type: 'daily' })
    expect(partitions.defaultValue).toBeUndefined()
  })

  test('a string listed first is a real alternative ("Text"), not a template', () => {
    const project = expectKind(prop(schemaOf('dagster_dbt.DbtProjectComponent'), 'project'), 'union')
    expect(project.variants.map((v) => v.label)).toEqual(['Text', 'dbt project args', 'Remote git dbt project manager'])
    const sql = expectKind(prop(schemaOf('dagster.TemplatedSqlComponent'), 'sql_template'), 'union')
    expect(sql.variants.map((v) => v.label)).toEqual(['Text', 'SQL file'])
  })

  test('enums, integers and booleans keep their template alternative and defaults', () => {
    const cloud = schemaOf('dagster_dbt.DbtCloudComponent')
    const mode = expectKind(prop(cloud, 'workspace', 'adhoc_job_pool_mode'), 'enum')
    expect(mode.options).toEqual(['overflow', 'wait', 'fail'])
    expect(mode.template).toBe(true)
    expect(placeholderFor(mode)).toBe('overflow')
    const account = prop(cloud, 'workspace', 'account_id')
    expect([account.kind, account.template]).toEqual(['integer', true])
    const sensor = prop(cloud, 'create_sensor')
    expect([sensor.kind, sensor.template, sensor.defaultValue]).toEqual(['boolean', true, true])
    // A $ref'd enum with sibling description: labelled by its key, not by the enum class name.
    const management = expectKind(prop(cloud, 'defs_state', 'management_type'), 'enum')
    expect(management.title).toBeUndefined()
    expect(management.description).toMatch(/storage type/)
  })

  test('lists of enum values, free-form objects and mixed lists', () => {
    const dbt = schemaOf('dagster_dbt.DbtProjectComponent')
    const include = expectKind(prop(dbt, 'include_metadata'), 'array')
    expect(normalizeSchema(include.items, dbt).kind).toBe('enum')
    const cliArgs = expectKind(prop(dbt, 'cli_args'), 'array')
    const cliItem = expectKind(normalizeSchema(cliArgs.items, dbt), 'json')
    expect([cliItem.expects, cliItem.template]).toEqual(['object', true])
    const sling = schemaOf('dagster_sling.SlingReplicationCollectionComponent')
    const connections = expectKind(prop(sling, 'connections'), 'map')
    const connection = expectKind(normalizeSchema(connections.values, sling), 'object')
    expect(connection.additional).toBe(true)
  })

  test('no fixture union is labelled "Option N" and no default is the unset sentinel', () => {
    for (const { key, schema } of COMPONENT_TYPES) {
      if (!schema) continue
      const seen = new Set<JSONSchema>()
      const visit = (s: JSONSchema) => {
        if (seen.has(s)) return
        seen.add(s)
        const field = normalizeSchema(s, schema)
        expect(field.defaultValue, key).not.toBe(UNSET_DEFAULT)
        expect(placeholderFor(field) ?? '', key).not.toContain(UNSET_DEFAULT)
        const children = (f: Field): JSONSchema[] => {
          switch (f.kind) {
            case 'object':
              return f.properties.map((p) => p.schema)
            case 'array':
              return [f.items]
            case 'map':
              return [f.values]
            case 'union':
              return f.variants.flatMap((v) => {
                expect(v.label, key).not.toMatch(/option/i)
                expect(v.label.length, key).toBeGreaterThan(0)
                return children(v.field)
              })
            default:
              return []
          }
        }
        children(field).forEach(visit)
      }
      visit(schema)
    }
  })
})

describe('$ref resolution', () => {
  test('recursive models resolve lazily and alias cycles become free-form', () => {
    const schema: JSONSchema = {
      $defs: {
        Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
        A: { $ref: '#/$defs/B' },
        B: { $ref: '#/$defs/A' },
      },
      type: 'object',
      properties: { tree: { $ref: '#/$defs/Node' }, loop: { $ref: '#/$defs/A' } },
    }
    const tree = expectKind(prop(schema, 'tree'), 'object')
    expect(tree.refName).toBe('Node')
    const children = expectKind(prop(schema, 'tree', 'children'), 'array')
    expect(normalizeSchema(children.items, schema).refName).toBe('Node')
    expect(prop(schema, 'loop').kind).toBe('json')
  })

  test('allOf wrappers and type lists', () => {
    const schema: JSONSchema = {
      $defs: { Spec: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } },
      type: 'object',
      properties: { spec: { allOf: [{ $ref: '#/$defs/Spec' }], description: 'wrapped' }, maybe: { type: ['integer', 'null'] } },
    }
    const spec = expectKind(prop(schema, 'spec'), 'object')
    expect(spec.properties[0]).toMatchObject({ key: 'a', required: true })
    expect(spec.description).toBe('wrapped')
    const maybe = prop(schema, 'maybe')
    expect([maybe.kind, maybe.nullable]).toEqual(['integer', true])
  })
})

describe('variants', () => {
  const partitions = prop(python, 'assets', 'partitions_def') as FieldOf<'union'>
  const backfill = prop(python, 'execution', 'backfill_policy') as FieldOf<'union'>

  test('the variant is inferred from constants, required keys and JSON type', () => {
    expect(inferVariant(partitions, { type: 'daily', start_date: '2024-01-01' })).toBe(1)
    expect(inferVariant(partitions, { start_date: 'x', fmt: '%Y', cron_schedule: '0 0 * * *' })).toBe(3)
    expect(inferVariant(partitions, { partition_keys: ['a'] })).toBe(4)
    expect(inferVariant(partitions, '{{ my_partitions }}')).toBe(5)
    expect(inferVariant(partitions, undefined)).toBe(-1)
    expect(inferVariant(backfill, { type: 'multi_run', max_partitions_per_run: 3 })).toBe(1)
  })

  test('the user pick settles ties, but not against the value', () => {
    const project = prop(schemaOf('dagster_dbt.DbtProjectComponent'), 'project') as FieldOf<'union'>
    expect(inferVariant(project, {})).toBe(1)
    expect(inferVariant(project, {}, 2)).toBe(2)
    expect(inferVariant(project, { repo_url: 'git@x' }, 1)).toBe(2)
  })

  test('initial values carry required and discriminating constants only', () => {
    expect(initialValue(partitions)).toEqual({ type: 'hourly' })
    const item = normalizeSchema((prop(python, 'assets') as FieldOf<'array'>).items, python)
    expect(initialValue(item)).toEqual({})
  })
})

test('template strings and template mode', () => {
  expect(isTemplateString('{{ env.DB_URL }}')).toBe(true)
  expect(isTemplateString('{{ project_root }}/x')).toBe(true)
  expect(isTemplateString('plain')).toBe(false)
  expect(isTemplateString('{ not }')).toBe(false)
  expect(isTemplateString(['{{ x }}'])).toBe(false)
  const deps = prop(python, 'assets', 'deps')
  expect(holdsTemplate(deps, '{{ x }}')).toBe(true)
  expect(holdsTemplate(deps, ['a'])).toBe(false)
  const mode = prop(schemaOf('dagster_dbt.DbtCloudComponent'), 'workspace', 'adhoc_job_pool_mode')
  expect(holdsTemplate(mode, 'wait')).toBe(false)
  expect(holdsTemplate(mode, '{{ env.MODE }}')).toBe(true)
})

test('humanize', () => {
  expect(humanize('Sql Template')).toBe('SQL template')
  expect(humanize('DailyPartitionsDefinitionModel')).toBe('Daily partitions definition')
  expect(humanize('SlingReplicationSpecModelModel')).toBe('Sling replication spec')
  expect(humanize('cli_args')).toBe('CLI args')
  expect(humanize('LOCAL_FILESYSTEM')).toBe('LOCAL FILESYSTEM')
})
