import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ComponentType } from '../api/types'
import { Docs } from './Docs'
import { TypeDocs } from './TypeDocs'

describe('Docs', () => {
  it('renders markup as elements and markup-like text as text', () => {
    const { container } = render(<Docs text={'Runs ``<script>alert(1)</script>`` with **care**.\n\n- [docs](https://docs.dagster.io)'} />)
    expect(container.querySelector('script')).toBeNull()
    expect(container.querySelector('code')?.textContent).toBe('<script>alert(1)</script>')
    expect(container.querySelector('strong')?.textContent).toBe('care')
    expect(screen.getByRole('link', { name: 'docs' })).toHaveProperty('href', 'https://docs.dagster.io/')
  })
})

describe('TypeDocs', () => {
  it('shows the docstring and each field with its type and description', () => {
    const type = {
      key: 'dagster.TemplatedSqlComponent',
      name: 'TemplatedSqlComponent',
      package: 'dagster',
      summary: 'A component which executes templated SQL from a string or file.',
      description: 'A component which executes templated SQL from a string or file.',
      schema: {
        type: 'object',
        properties: {
          sql_template: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/SqlFile' }], description: 'The SQL, or ``path`` to a file.' },
          assets: { anyOf: [{ type: 'array', items: { $ref: '#/$defs/AssetSpec' } }, { type: 'null' }] },
        },
        required: ['sql_template'],
        $defs: { SqlFile: { type: 'object' }, AssetSpec: { type: 'object' } },
      },
    } as unknown as ComponentType
    render(<TypeDocs type={type} />)
    const docs = screen.getByRole('article', { name: 'Templated SQL documentation' })
    const fields = within(docs).getByRole('region', { name: 'Fields' })
    expect(fields.textContent).toContain('sql_template string or SqlFilerequired')
    expect(within(fields).getByText('path').tagName).toBe('CODE')
    expect(fields.textContent).toContain('assets list of AssetSpec')
  })
})
