import { act, cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { COMPONENT_TYPES, REALISTIC_VALUES } from './__fixtures__/fixtures'
import { SchemaForm } from './index'
import { UNSET_DEFAULT } from './schema'

afterEach(cleanup)

/** Opens every folded optional group and "More" help until nothing is left folded. */
function expandAll(container: HTMLElement) {
  for (let round = 0; round < 20; round++) {
    const folded = [...container.querySelectorAll<HTMLButtonElement>('.sf-optional-toggle[aria-expanded="false"]')]
    if (folded.length === 0) return
    act(() => folded.forEach((button) => button.click()))
  }
  throw new Error('optional groups keep appearing')
}

const components = COMPONENT_TYPES.filter((c) => c.schema !== null)

describe.each(components)('$key', ({ key, schema }) => {
  test.each([
    ['empty', {}],
    ['realistic', REALISTIC_VALUES[key]],
  ])('renders with a %s value without writing anything', (_, value) => {
    expect(value, `add a realistic value for ${key}`).toBeDefined()
    const onChange = vi.fn()
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const { container } = render(<SchemaForm schema={schema!} value={value} onChange={onChange} />)
      expandAll(container)
      expect(container.textContent).not.toMatch(/Option \d/)
      expect(container.innerHTML).not.toContain(UNSET_DEFAULT)
      // Realistic values fit the schema: nothing falls back to raw JSON or "Other attributes".
      expect(container.textContent).not.toContain('does not match the schema')
      expect(container.querySelector('.sf-other')).toBeNull()
      expect(onChange).not.toHaveBeenCalled()
      expect(consoleError).not.toHaveBeenCalled()
    } finally {
      consoleError.mockRestore()
    }
  })
})

test.each(COMPONENT_TYPES.filter((c) => c.scaffold_params_schema !== null))('scaffold parameters of $key render', ({ scaffold_params_schema }) => {
  const onChange = vi.fn()
  const { container } = render(<SchemaForm schema={scaffold_params_schema!} value={{}} onChange={onChange} idPrefix="scaffold" />)
  expect(container.querySelector('.sf-form')).not.toBeNull()
  expect(container.textContent).not.toMatch(/Option \d/)
  expect(onChange).not.toHaveBeenCalled()
})

test('every fixture with a schema has a realistic value', () => {
  expect(Object.keys(REALISTIC_VALUES).sort()).toEqual(components.map((c) => c.key).sort())
})
