import { describe, expect, it } from 'vitest'
import type { Integration } from '../api/integrations'
import { categories, changedPackage, entryState, groupIntegrations, latestOutput, providesSummary } from './integrationsModel'

const entry = (package_: string, title: string, category: string, more: Partial<Integration> = {}): Integration => ({
  package: package_,
  title,
  category,
  summary: `${title} for Dagster.`,
  version: '0.29.27',
  community: false,
  docs: `https://docs.dagster.io/api/libraries/${package_}`,
  provides: { components: [], resources: [], io_managers: [] },
  installed: false,
  ...more,
})

const catalogue = [
  entry('dagster-slack', 'Slack', 'Monitoring'),
  entry('dagster-dbt', 'dbt', 'ELT', { provides: { components: ['dagster_dbt.DbtProjectComponent'], resources: [], io_managers: [] } }),
  entry('dagster-sling', 'Sling', 'ELT', { installed: true }),
  entry('dagster-duckdb', 'DuckDB', 'Data platforms', {
    provides: { components: [], resources: ['dagster_duckdb.DuckDBResource'], io_managers: ['dagster_duckdb.DuckDBIOManager'] },
  }),
  entry('acme-components', 'acme-components', 'Third-party', { installed: true }),
]

describe('the integration catalogue', () => {
  it('groups by category in a fixed order, other categories last, installed first', () => {
    const groups = groupIntegrations(catalogue, '', null)
    expect(groups.map((g) => g.category)).toEqual(['Data platforms', 'ELT', 'Monitoring', 'Third-party'])
    expect(groups[1].entries.map((e) => e.title)).toEqual(['Sling', 'dbt'])
  })

  it('finds entries by every word, in titles, packages, summaries and what they provide', () => {
    expect(groupIntegrations(catalogue, 'DbtProject', null).flatMap((g) => g.entries.map((e) => e.package))).toEqual(['dagster-dbt'])
    expect(groupIntegrations(catalogue, 'io duckdb', null).flatMap((g) => g.entries.map((e) => e.package))).toEqual(['dagster-duckdb'])
    expect(groupIntegrations(catalogue, 'nothing-like-this', null)).toEqual([])
  })

  it('filters by category and counts each one', () => {
    expect(groupIntegrations(catalogue, '', 'ELT').map((g) => g.category)).toEqual(['ELT'])
    expect(categories(catalogue)).toEqual([
      { category: 'Data platforms', count: 1 },
      { category: 'ELT', count: 2 },
      { category: 'Monitoring', count: 1 },
      { category: 'Third-party', count: 1 },
    ])
  })

  it('says what an entry provides', () => {
    expect(providesSummary(catalogue[3])).toBe('1 resource, 1 IO manager')
    expect(providesSummary(catalogue[1])).toBe('1 component')
    expect(providesSummary(catalogue[0])).toBe('')
  })

  it("reads an entry's state from the project's last change", () => {
    const sling = catalogue[2]
    const adding = { package: 'dagster-sling==0.29.27', action: 'add', state: 'running' } as const
    expect(changedPackage(adding)).toBe('dagster-sling')
    expect(entryState(sling, adding)).toBe('installing')
    expect(entryState(sling, { ...adding, action: 'remove' })).toBe('removing')
    expect(entryState(sling, { ...adding, state: 'failed', error: 'no' })).toBe('failed')
    expect(entryState(sling, { ...adding, state: 'done' })).toBe('idle')
    expect(entryState(catalogue[1], adding)).toBe('idle')
    expect(entryState(sling, null)).toBe('idle')
  })

  it("shows only the latest command's output", () => {
    const progress = ['$ uv remove dagster-sling', ' - sling==1.6.5', '$ uv add dagster-duckdb==0.29.27', 'Resolved 50 packages']
    expect(latestOutput(progress)).toEqual(['$ uv add dagster-duckdb==0.29.27', 'Resolved 50 packages'])
    expect(latestOutput(['creating', 'done'])).toEqual(['creating', 'done'])
    expect(latestOutput(['$ a', '1', '2', '3'], 2)).toEqual(['2', '3'])
  })
})
