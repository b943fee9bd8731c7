import { describe, expect, test } from 'vitest'
import { ApiError } from '../api/client'
import { someDefinitions } from '../api/definitions.testing'
import { codeLine, fieldError, firstTarget, formErrors, listText, pairsOf, parseConfig, parseList, recordOf, targetFilled, unclaimed } from './values'

test('lists are typed with commas', () => {
  expect(parseList(' team:data,, ana@example.com ,')).toEqual(['team:data', 'ana@example.com'])
  expect(listText(['a', 'b'])).toBe('a, b')
  expect(listText(undefined)).toBe('')
})

describe('key/value rows', () => {
  test('become an object, blank rows left out', () => {
    expect(recordOf([{ key: ' team ', value: 'sales' }, { key: '', value: ' ' }])).toEqual({ value: { team: 'sales' }, error: null })
    expect(pairsOf({ a: '1' })).toEqual([{ key: 'a', value: '1' }])
  })

  test('a value without its key, or a key twice, is an error', () => {
    expect(recordOf([{ key: '', value: 'x' }]).error).toBe('The value “x” has no key.')
    expect(recordOf([{ key: 'a', value: '1' }, { key: 'a', value: '2' }], 'column').error).toBe('The column “a” is there twice.')
  })
})

describe('run config', () => {
  test('YAML or JSON, as an object', () => {
    expect(parseConfig('ops:\n  orders:\n    config: {rows: 10}\n').value).toEqual({ ops: { orders: { config: { rows: 10 } } } })
    expect(parseConfig('{"resources": {}}').value).toEqual({ resources: {} })
    expect(parseConfig('  ')).toEqual({ value: null, error: null })
  })

  test('anything else says why', () => {
    expect(parseConfig('[1, 2]').error).toBe('The run config must be a mapping, e.g. `ops: {…}`.')
    expect(parseConfig('{"ops": ').error).toMatch(/^The run config is neither YAML nor JSON: /)
  })
})

describe('refusals', () => {
  test('a 400 is one message for the form', () => {
    expect(formErrors(new ApiError(400, 'Unknown timezone `Mars/Base`.', { detail: 'Unknown timezone `Mars/Base`.' }))).toEqual({
      message: 'Unknown timezone `Mars/Base`.',
      fields: {},
    })
  })

  test("pydantic's 422 goes to its fields; the model's own errors to the form", () => {
    const body = {
      detail: [
        { loc: ['body', 'params', 'name'], msg: 'Value error, `1st` is not a Python name.', type: 'value_error' },
        { loc: ['body', 'params', 'target'], msg: 'Value error, A target is either an asset selection or a job, not both.', type: 'value_error' },
        { loc: ['body', 'params', 'partitions', 'start_date'], msg: 'Input should be a valid date', type: 'date_from_datetime_parsing' },
        { loc: ['body', 'params'], msg: 'Value error, A file sensor needs the folder or glob to watch.', type: 'value_error' },
      ],
    }
    const errors = formErrors(new ApiError(422, '422 Unprocessable Entity', body))
    expect(errors).toEqual({
      message: 'A file sensor needs the folder or glob to watch.',
      fields: {
        name: '`1st` is not a Python name.',
        target: 'A target is either an asset selection or a job, not both.',
        'partitions.start_date': 'Input should be a valid date',
      },
    })
    expect(fieldError(errors, 'partitions')).toBe('Input should be a valid date')
    expect(fieldError(errors, 'description')).toBeNull()
    expect(unclaimed(errors, ['name', 'target'])).toEqual(['partitions.start_date: Input should be a valid date'])
  })

  test('no error, no message', () => {
    expect(formErrors(null)).toEqual({ message: null, fields: {} })
  })
})

describe('where editing a definition starts', () => {
  test('starts after its signature, over several lines too', () => {
    const text = [
      'import dagster as dg',
      '',
      '@dg.asset(group_name="sales")',
      'def orders(',
      '    context: dg.AssetExecutionContext,',
      ') -> None:  # the table',
      '    return None',
    ].join('\n')
    expect(codeLine(text, 'orders')).toBe(7)
    expect(codeLine('def order_items() -> int:\n    return 1\ndef orders(): \n    pass', 'orders')).toBe(4)
    expect(codeLine('x = 1', 'orders')).toBeNull()
  })

  test('or at the line that assigns it', () => {
    const text = 'import dagster as dg\n\nnightly = dg.ScheduleDefinition(\n    name="nightly",\n)\nnightly_job = 1\n'
    expect(codeLine(text, 'nightly')).toBe(3)
    expect(codeLine('refresh: dg.JobDefinition = dg.define_asset_job("refresh")', 'refresh')).toBe(1)
  })
})

test('a new target is the first job, or a selection to type when there is none', () => {
  const job = { name: 'refresh', description: null, asset_keys: [], source: null, defs_path: null, defs_index: null }
  expect(firstTarget(someDefinitions({ jobs: [job] }))).toEqual({ job: 'refresh' })
  expect(firstTarget(someDefinitions())).toEqual({ selection: '' })
  expect(targetFilled({ selection: '  ' })).toBe(false)
  expect(targetFilled({ job: 'refresh' })).toBe(true)
})
