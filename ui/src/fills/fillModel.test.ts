import { expect, test } from 'vitest'
import type { FieldFill } from '../api/types'
import { currentFill, fillStep, interfaceName, nothingToFill } from './fillModel'

const value = (path: string) => `{{ context.load_component('${path}') }}`
const ready: FieldFill = { title: '`warehouse` (LocalWarehouse)', value: value('warehouse'), requires: null }
const scaffold: FieldFill = {
  title: 'A new LocalWarehouse at `local_warehouse`',
  value: value('local_warehouse'),
  requires: { component_type: 'p.components.warehouse.LocalWarehouse', path: 'local_warehouse' },
}
const install: FieldFill = {
  title: 'A new Snowflake connection',
  value: value('snowflake_connection'),
  requires: { package: 'dagster-snowflake', component_type: 'dagster_snowflake.SnowflakeConnectionComponent', path: 'snowflake_connection' },
}

test('each fill says what it needs first', () => {
  expect(fillStep(ready)).toEqual({ kind: 'ready' })
  expect(fillStep(scaffold)).toEqual({ kind: 'scaffold', componentType: 'p.components.warehouse.LocalWarehouse', path: 'local_warehouse' })
  expect(fillStep(install)).toEqual({ kind: 'install', package: 'dagster-snowflake' })
})

test('the field names what it expects when nothing fills it', () => {
  expect(interfaceName('dagster.components.lib.sql_component.sql_client.SQLClient')).toBe('SQLClient')
  expect(nothingToFill('a.b.SQLClient')).toBe('Takes a SQLClient: add a component that provides one first, then pick it here.')
})

test('the value a field holds is recognised however its template is spaced', () => {
  expect(currentFill([scaffold, ready], "{{context.load_component('warehouse')}}")).toBe(ready)
  expect(currentFill([ready], 'my_db')).toBeUndefined()
  expect(currentFill([ready], undefined)).toBeUndefined()
})
