import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { schemaOf } from './__fixtures__/fixtures'
import { SchemaForm, type FieldError, type JSONSchema } from './index'

afterEach(cleanup)

type Value = Record<string, unknown>

/** A parent that feeds every change back, as the app does. */
function Harness(props: { schema: JSONSchema; initial: Value; onChange: (v: Value) => void; errors?: FieldError[] }) {
  const [value, setValue] = useState(props.initial)
  return (
    <SchemaForm
      schema={props.schema}
      value={value}
      errors={props.errors}
      onChange={(next) => {
        props.onChange(next)
        setValue(next)
      }}
    />
  )
}

function setup(schemaKey: string, initial: Value = {}, errors?: FieldError[]) {
  const onChange = vi.fn<(v: Value) => void>()
  const user = userEvent.setup()
  const view = render(<Harness schema={schemaOf(schemaKey)} initial={initial} onChange={onChange} errors={errors} />)
  const last = () => onChange.mock.lastCall?.[0]
  return { ...view, user, onChange, last }
}

const byId = (id: string) => {
  const el = document.getElementById(id)
  if (!el) throw new Error(`no element #${id}`)
  return el
}

const wrapper = (path: string) => {
  const el = [...document.querySelectorAll<HTMLElement>('[data-field]')].find((e) => e.dataset.field === path)
  if (!el) throw new Error(`no field ${path}`)
  return el
}

const PYTHON = 'dagster.PythonScriptComponent'

describe('layout', () => {
  test('required execution comes first and is marked required; nothing is written on mount', () => {
    const { onChange } = setup(PYTHON)
    const fields = [...document.querySelectorAll<HTMLElement>('.sf-form > .sf-object > [data-field]')].map((e) => e.dataset.field)
    expect(fields).toEqual(['execution', 'assets', 'checks'])
    const label = document.querySelector('label[for="attr.execution"]')!
    expect(label.textContent).toMatch(/^Execution\s*\*$/)
    expect(document.querySelector('label[for="attr.assets"], #attr\\.assets--label')!.textContent).not.toContain('*')
    expect(screen.getByRole('separator').textContent).toBe('Optional')
    expect(onChange).not.toHaveBeenCalled()
  })

  test('the required union shows its first variant ready to fill, with labelled inputs', () => {
    setup(PYTHON)
    const select = byId('attr.execution') as HTMLSelectElement
    expect(select.selectedOptions[0].textContent).toBe('Script spec')
    expect(screen.getByLabelText(/^Path/)).toBe(byId('attr.execution.path'))
    expect(document.body.textContent).not.toMatch(/Option \d/)
  })

  test('optional fields of nested objects fold into a group that keeps set fields visible', async () => {
    const { user } = setup(PYTHON, { execution: { path: 'a.py', name: 'ingest' } })
    const toggle = screen.getByRole('button', { name: /Optional/ })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(toggle.textContent).toContain('1 of 6 set')
    expect((byId('attr.execution.name') as HTMLInputElement).value).toBe('ingest')
    expect(document.getElementById('attr.execution.pool')).toBeNull()
    await user.click(toggle)
    expect(byId('attr.execution.pool')).toBeTruthy()
  })
})

describe('editing', () => {
  test('typing writes only that key, nested under its parent', async () => {
    const { user, last } = setup(PYTHON)
    await user.type(byId('attr.execution.path'), 'run.py')
    expect(last()).toStrictEqual({ execution: { path: 'run.py' } })
  })

  test('clearing an optional field removes its key; defaults are never written', async () => {
    const { user, last } = setup('dagster_dbt.DbtProjectComponent', { project: 'dbt', select: 'tag:x' })
    const select = byId('attr.select') as HTMLInputElement
    expect(byId('attr.exclude').getAttribute('placeholder')).toBe('e.g. tag:skip_dagster')
    await user.clear(select)
    expect(last()).toStrictEqual({ project: 'dbt' })
    expect(select.getAttribute('placeholder')).toBe('fqn:*')
  })

  test('optional booleans are tri-state and unset removes the key', async () => {
    const { user, last } = setup('dagster_dbt.DbtProjectComponent', { project: 'dbt' })
    const prepare = byId('attr.prepare_if_dev') as HTMLSelectElement
    expect(prepare.selectedOptions[0].textContent).toBe('— (default: true)')
    await user.selectOptions(prepare, 'false')
    expect(last()).toStrictEqual({ project: 'dbt', prepare_if_dev: false })
    await user.selectOptions(prepare, '')
    expect(last()).toStrictEqual({ project: 'dbt' })
  })

  test('numbers are numbers, and keep a template string where the schema allows one', async () => {
    const workspace = { account_id: 1, token: 't', project_id: 2, environment_id: 3 }
    const { user, last } = setup('dagster_dbt.DbtCloudComponent', { workspace })
    await user.click(screen.getAllByRole('button', { name: /Optional/ })[0])
    const retries = byId('attr.workspace.request_max_retries')
    await user.type(retries, '5')
    expect(last()).toStrictEqual({ workspace: { ...workspace, request_max_retries: 5 } })
    await user.clear(retries)
    await user.paste('{{ env.RETRIES }}')
    expect(last()).toStrictEqual({ workspace: { ...workspace, request_max_retries: '{{ env.RETRIES }}' } })
    expect(document.activeElement).toBe(retries)
  })

  test('keys the schema does not know survive edits and are shown read-only', async () => {
    const mystery = { nested: [1, 2] }
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py' }, mystery })
    const other = screen.getByRole('region', { name: 'Other attributes' })
    expect(within(other).getByText('mystery')).toBeTruthy()
    expect(within(other).getByText('{"nested":[1,2]}')).toBeTruthy()
    await user.type(byId('attr.execution.path'), 'x')
    expect(last()).toStrictEqual({ execution: { path: 'a.pyx' }, mystery })
  })

  test('the value is never mutated', async () => {
    const initial = { execution: { path: 'a.py' } }
    const frozen = structuredClone(initial)
    const { user } = setup(PYTHON, initial)
    await user.type(byId('attr.execution.path'), 'x')
    expect(initial).toEqual(frozen)
  })
})

describe('templates', () => {
  test('a list of strings toggles to template mode and takes a template string', async () => {
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py', args: ['--full'] } })
    const toggle = screen.getByRole('button', { name: 'Args: use template string' })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    await user.click(toggle)
    expect(last()).toStrictEqual({ execution: { path: 'a.py' } })
    const input = byId('attr.execution.args') as HTMLInputElement
    expect(input.tagName).toBe('INPUT')
    await user.click(input)
    await user.paste('{{ env.X }}')
    expect(last()).toStrictEqual({ execution: { path: 'a.py', args: '{{ env.X }}' } })
    expect(screen.getByRole('button', { name: 'Args: use structured editor' }).getAttribute('aria-pressed')).toBe('true')
  })

  test.each([
    ['a mapping', 'Tags', { key: 'a', tags: { schedule: 'daily' } }],
    ['a list', 'Kinds', { key: 'a', kinds: ['python', 'duckdb'] }],
    ['a boolean', 'Skippable', { key: 'a', skippable: true }],
    ['free-form JSON', 'Metadata', { key: 'a', metadata: { owner: { team: 'data' } } }],
    ['a template', 'Tags', { key: 'a', tags: '{{ asset_tags }}' }],
  ])('the {} toggle round-trips %s: there and back leaves the value as it was', async (_kind, label, asset) => {
    const initial = { execution: { path: 'a.py' }, assets: [asset] }
    const { user, last } = setup(PYTHON, initial)
    const toggle = () => screen.getByRole('button', { name: new RegExp(`^${label}: use (template string|structured editor)$`) })
    await user.click(toggle())
    await user.click(toggle())
    expect(last()).toStrictEqual(initial)
    // and once more, the other way round
    await user.click(toggle())
    await user.click(toggle())
    expect(last()).toStrictEqual(initial)
  })

  test('a template typed after toggling is what the toggle brings back next time', async () => {
    const initial = { execution: { path: 'a.py' }, assets: [{ key: 'a', tags: { schedule: 'daily' } }] }
    const { user, last } = setup(PYTHON, initial)
    await user.click(screen.getByRole('button', { name: 'Tags: use template string' }))
    await user.click(byId('attr.assets.0.tags'))
    await user.paste('{{ tags }}')
    await user.click(screen.getByRole('button', { name: 'Tags: use structured editor' }))
    expect(last()).toStrictEqual(initial)
    await user.click(screen.getByRole('button', { name: 'Tags: use template string' }))
    expect(last()).toStrictEqual({ execution: { path: 'a.py' }, assets: [{ key: 'a', tags: '{{ tags }}' }] })
  })

  test('a number takes a template in the same input, and its number again', async () => {
    const workspace = { account_id: 1, token: 't', project_id: 2, environment_id: 3 }
    const { user, last } = setup('dagster_dbt.DbtCloudComponent', { workspace })
    const account = byId('attr.workspace.account_id')
    await user.clear(account)
    await user.paste('{{ env.ACCOUNT }}')
    expect(last()).toStrictEqual({ workspace: { ...workspace, account_id: '{{ env.ACCOUNT }}' } })
    await user.clear(account)
    await user.paste('1')
    expect(last()).toStrictEqual({ workspace })
  })

  test('a template string value renders in template mode', () => {
    setup(PYTHON, { execution: { path: 'a.py', args: '{{ env.ARGS }}' } })
    expect((byId('attr.execution.args') as HTMLInputElement).value).toBe('{{ env.ARGS }}')
    expect(screen.getByRole('button', { name: 'Args: use structured editor' }).getAttribute('aria-pressed')).toBe('true')
  })

  test('a template in place of a whole union is its Template variant', () => {
    setup(PYTHON, { execution: '{{ my_execution }}' })
    expect((byId('attr.execution') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Template')
    expect((byId('attr.execution--value') as HTMLInputElement).value).toBe('{{ my_execution }}')
  })
})

describe('unions', () => {
  test('the variant is inferred from the value, and switching replaces the value', async () => {
    const asset = { key: 'a', partitions_def: { type: 'daily', start_date: '2024-01-01' } }
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py' }, assets: [asset] })
    const select = byId('attr.assets.0.partitions_def') as HTMLSelectElement
    expect(select.selectedOptions[0].textContent).toBe('Daily partitions definition')
    expect((byId('attr.assets.0.partitions_def.start_date') as HTMLInputElement).value).toBe('2024-01-01')
    // The discriminating constant is implied by the picker, not shown as a field.
    expect(document.getElementById('attr.assets.0.partitions_def.type')).toBeNull()
    await user.selectOptions(select, 'Static partitions definition')
    expect(last()).toStrictEqual({ execution: { path: 'a.py' }, assets: [{ key: 'a', partitions_def: { type: 'static' } }] })
    await user.selectOptions(select, '—')
    expect(last()).toStrictEqual({ execution: { path: 'a.py' }, assets: [{ key: 'a' }] })
  })

  test('switching execution from a template to the script spec starts from an empty object', async () => {
    const { user, last } = setup(PYTHON, { execution: '{{ x }}' })
    await user.selectOptions(byId('attr.execution'), 'Script spec')
    expect(last()).toStrictEqual({ execution: {} })
    await user.type(byId('attr.execution.path'), 'a.py')
    expect(last()).toStrictEqual({ execution: { path: 'a.py' } })
  })

  test('switching to another variant and back restores what the first one held', async () => {
    const execution = { path: 'a.py', args: ['--full'] }
    const daily = { type: 'daily', start_date: '2024-01-01', timezone: 'UTC' }
    const { user, last } = setup(PYTHON, { execution, assets: [{ key: 'a', partitions_def: daily }] })
    await user.selectOptions(byId('attr.execution'), 'Template')
    expect(last()).toStrictEqual({ assets: [{ key: 'a', partitions_def: daily }] })
    await user.selectOptions(byId('attr.execution'), 'Script spec')
    expect(last()).toStrictEqual({ execution, assets: [{ key: 'a', partitions_def: daily }] })
    const partitions = byId('attr.assets.0.partitions_def')
    await user.selectOptions(partitions, 'Static partitions definition')
    await user.selectOptions(partitions, '—')
    await user.selectOptions(partitions, 'Daily partitions definition')
    expect(last()).toStrictEqual({ execution, assets: [{ key: 'a', partitions_def: daily }] })
  })

  test('picking between two untagged object variants sticks while the value is empty', async () => {
    const { user, last } = setup('dagster_dbt.DbtProjectComponent', { project: 'dbt' })
    const select = byId('attr.project') as HTMLSelectElement
    await user.selectOptions(select, 'Remote git dbt project manager')
    expect(last()).toStrictEqual({ project: {} })
    expect(select.selectedOptions[0].textContent).toBe('Remote git dbt project manager')
    await user.type(byId('attr.project.repo_url'), 'git@x')
    expect(last()).toStrictEqual({ project: { repo_url: 'git@x' } })
  })
})

describe('lists and maps', () => {
  test('array of objects: add a card, fill it, remove it', async () => {
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py' } })
    await user.click(screen.getByRole('button', { name: '+ Add asset' }))
    expect(last()).toStrictEqual({ execution: { path: 'a.py' }, assets: [{}] })
    expect(document.activeElement).toBe(byId('attr.assets.0.key'))
    await user.keyboard('raw/users')
    expect(last()).toStrictEqual({ execution: { path: 'a.py' }, assets: [{ key: 'raw/users' }] })
    await user.click(screen.getByRole('button', { name: 'Remove Asset 1' }))
    expect(last()).toStrictEqual({ execution: { path: 'a.py' } })
  })

  test('list of strings: add, edit, reorder, remove', async () => {
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py', args: ['a', 'b'] } })
    await user.click(screen.getByRole('button', { name: 'Move Arg 2 up' }))
    expect(last()).toStrictEqual({ execution: { path: 'a.py', args: ['b', 'a'] } })
    await user.click(screen.getByRole('button', { name: '+ Add arg' }))
    await user.keyboard('c')
    expect(last()).toStrictEqual({ execution: { path: 'a.py', args: ['b', 'a', 'c'] } })
    await user.click(screen.getByRole('button', { name: 'Remove Arg 1' }))
    expect(last()).toStrictEqual({ execution: { path: 'a.py', args: ['a', 'c'] } })
    expect((byId('attr.execution.args.0') as HTMLInputElement).value).toBe('a')
  })

  test('list of enum values is a checkbox group', async () => {
    const { user, last } = setup('dagster_dbt.DbtProjectComponent', { project: 'dbt', include_metadata: ['row_count'] })
    expect((screen.getByLabelText('row_count') as HTMLInputElement).checked).toBe(true)
    await user.click(screen.getByLabelText('column_metadata'))
    expect(last()).toStrictEqual({ project: 'dbt', include_metadata: ['row_count', 'column_metadata'] })
    await user.click(screen.getByLabelText('row_count'))
    await user.click(screen.getByLabelText('column_metadata'))
    expect(last()).toStrictEqual({ project: 'dbt' })
  })

  test('map: add an entry, set its value, rename its key', async () => {
    const asset = { key: 'a', tags: { tier: 'gold' } }
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py' }, assets: [asset] })
    await user.type(screen.getByLabelText('New Tags key'), 'team{Enter}')
    await user.keyboard('data')
    expect(last()).toStrictEqual({ execution: { path: 'a.py' }, assets: [{ key: 'a', tags: { tier: 'gold', team: 'data' } }] })
    const key = byId('attr.assets.0.tags.tier--key')
    await user.clear(key)
    await user.type(key, 'level')
    await user.tab()
    const assets = last()?.assets as Value[]
    const tags = assets[0].tags as Value
    expect(Object.entries(tags)).toEqual([
      ['level', 'gold'],
      ['team', 'data'],
    ])
  })

  test('free-form JSON: a parse error keeps the text and writes nothing', async () => {
    const { user, last, onChange } = setup('dagster.TemplatedSqlComponent', { connection: 'c', sql_template: 'SELECT 1' })
    const editor = byId('attr.sql_template_vars') as HTMLTextAreaElement
    await user.click(editor)
    await user.paste('{"table": ')
    await user.tab()
    expect(wrapper('sql_template_vars').textContent).toMatch(/Invalid JSON/)
    expect(editor.value).toBe('{"table": ')
    expect(onChange).not.toHaveBeenCalled()
    await user.click(editor)
    await user.paste('"users"}')
    await user.tab()
    expect(last()).toStrictEqual({ connection: 'c', sql_template: 'SELECT 1', sql_template_vars: { table: 'users' } })
    expect(wrapper('sql_template_vars').textContent).not.toMatch(/Invalid JSON/)
  })

  test('long text fields are textareas', () => {
    setup('dagster.TemplatedSqlComponent', { connection: 'c', sql_template: 'SELECT 1' })
    expect(byId('attr.sql_template--value').tagName).toBe('TEXTAREA')
    expect(byId('attr.connection').tagName).toBe('INPUT')
  })
})

describe('errors', () => {
  test('an error on a field is shown under it and marks the wrapper invalid', () => {
    setup(PYTHON, { execution: { path: 'a.py' } }, [{ field: 'execution.path', message: 'File not found' }])
    const field = wrapper('execution.path')
    expect(field.dataset.invalid).toBe('true')
    expect(within(field).getByText('File not found')).toBeTruthy()
    expect(wrapper('execution').dataset.invalid).toBeUndefined()
  })

  test('missing required fields, unknown paths and field-less errors', () => {
    setup(PYTHON, {}, [
      { field: 'execution', message: 'Field required' },
      { field: 'nope.x', message: 'Mystery' },
      { field: null, message: 'Bad YAML' },
    ])
    expect(wrapper('execution').dataset.invalid).toBe('true')
    expect(within(wrapper('execution')).getByText('Field required')).toBeTruthy()
    const top = document.querySelector('.sf-form-errors')!
    expect(top.textContent).toContain('Mystery')
    expect(top.textContent).toContain('Bad YAML')
  })

  test('an error inside a folded optional group opens it', () => {
    setup(PYTHON, { execution: { path: 'a.py' } }, [{ field: 'execution.pool', message: 'Unknown pool' }])
    expect(screen.getByRole('button', { name: /Optional/ }).getAttribute('aria-expanded')).toBe('true')
    expect(wrapper('execution.pool').dataset.invalid).toBe('true')
  })

  test('an error inside a folded card is listed on the card', async () => {
    const { user } = setup(PYTHON, { execution: { path: 'a.py' }, assets: [{ key: 'a' }] }, [
      { field: 'assets.0.key', message: 'Duplicate key' },
    ])
    await user.click(within(wrapper('assets.0')).getAllByRole('button', { name: 'Collapse' })[0])
    expect(wrapper('assets.0').dataset.invalid).toBe('true')
    expect(within(wrapper('assets.0')).getByText('Duplicate key')).toBeTruthy()
  })
})

test('disabled and idPrefix', () => {
  render(<SchemaForm schema={schemaOf(PYTHON)} value={{ execution: { path: 'a.py' } }} onChange={() => {}} disabled idPrefix="node1" />)
  const path = byId('node1.execution.path') as HTMLInputElement
  expect(path.disabled).toBe(true)
  expect((byId('node1.execution') as HTMLSelectElement).disabled).toBe(true)
})

test('an outside change to the value replaces what an input shows', () => {
  const schema = schemaOf(PYTHON)
  const view = render(<SchemaForm schema={schema} value={{ execution: { path: 'a.py' } }} onChange={() => {}} />)
  act(() => view.rerender(<SchemaForm schema={schema} value={{ execution: { path: 'b.py' } }} onChange={() => {}} />))
  expect((byId('attr.execution.path') as HTMLInputElement).value).toBe('b.py')
  fireEvent.change(byId('attr.execution.path'), { target: { value: 'c.py' } })
  expect((byId('attr.execution.path') as HTMLInputElement).value).toBe('c.py')
})

describe('objects that allow extra keys', () => {
  test('extra keys are edited as additional properties beside the declared fields', async () => {
    const pg = { type: 'postgres', host: 'localhost' }
    const { user, last } = setup('dagster_sling.SlingReplicationCollectionComponent', { connections: { PG: pg } })
    expect((byId('attr.connections.PG.host') as HTMLInputElement).value).toBe('localhost')
    await user.type(screen.getAllByLabelText('New Additional property key')[0], 'port{Enter}')
    await user.keyboard('5432')
    await user.tab()
    expect(last()).toStrictEqual({ connections: { PG: { ...pg, port: 5432 } } })
    expect(document.querySelector('.sf-other')).toBeNull()
  })

  test('a variant whose only property is its constant shows no empty panel', async () => {
    const { user, last } = setup(PYTHON, { execution: { path: 'a.py' } })
    await user.click(screen.getByRole('button', { name: /Optional/ }))
    await user.selectOptions(byId('attr.execution.backfill_policy'), 'Single run backfill policy')
    expect(last()).toStrictEqual({ execution: { path: 'a.py', backfill_policy: { type: 'single_run' } } })
    expect(wrapper('execution.backfill_policy').querySelector('.sf-nested')).toBeNull()
  })
})

test('recursive schemas render without nesting forever', () => {
  const schema: JSONSchema = {
    $defs: {
      Node: {
        type: 'object',
        properties: { name: { type: 'string' }, child: { $ref: '#/$defs/Node' }, next: { anyOf: [{ $ref: '#/$defs/Node' }, { type: 'string' }] } },
        required: ['child', 'next'],
      },
    },
    $ref: '#/$defs/Node',
  }
  const onChange = vi.fn()
  render(<SchemaForm schema={schema} value={{ name: 'root', next: { name: 'n' } }} onChange={onChange} />)
  expect((byId('attr.name') as HTMLInputElement).value).toBe('root')
  // Data below is still shown; an empty recursion point is offered as JSON instead.
  expect((byId('attr.next.name') as HTMLInputElement).value).toBe('n')
  expect(byId('attr.child').tagName).toBe('TEXTAREA')
  expect((byId('attr.next.next') as HTMLSelectElement).value).toBe('')
  expect(onChange).not.toHaveBeenCalled()
})

describe('field actions', () => {
  test('a field the caller names gets its control beside the label, and what it writes is the value', async () => {
    const onChange = vi.fn<(v: Value) => void>()
    const user = userEvent.setup()
    const fill = '{{ context.load_component(\'warehouse\') }}'
    function WithActions() {
      const [value, setValue] = useState<Value>({ sql_template: 'select 1' })
      return (
        <SchemaForm
          schema={schemaOf('dagster.TemplatedSqlComponent')}
          value={value}
          onChange={(next) => {
            onChange(next)
            setValue(next)
          }}
          fieldActions={({ path, onChange: change }) =>
            path === 'connection' ? (
              <button type="button" onClick={() => change(fill)}>
                Use warehouse
              </button>
            ) : null
          }
        />
      )
    }
    render(<WithActions />)
    expect(screen.getAllByRole('button', { name: 'Use warehouse' })).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Use warehouse' }))
    expect(onChange.mock.lastCall?.[0]).toEqual({ sql_template: 'select 1', connection: fill })
    expect(byId('attr.connection')).toHaveProperty('value', fill)
  })
})

test('a warning shows on its field without making the value invalid', () => {
  setup('dagster.TemplatedSqlComponent', { connection: 'c', sql_template: 'SELECT 1' }, [
    { field: 'connection', message: 'nothing provides c', severity: 'warning' },
  ])
  const field = wrapper('connection')
  expect(field.textContent).toContain('nothing provides c')
  expect(field.dataset.invalid).toBeUndefined()
  expect(byId('attr.connection').getAttribute('aria-invalid')).toBeNull()
  expect(field.querySelector('.sf-warning')).not.toBeNull()
})
