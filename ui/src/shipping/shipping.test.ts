import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { EMPTY_FORM, configureBody, deployBody, exportHref, formProblem, nameFromFile, offerOf } from './shipping'

const filled = { ...EMPTY_FORM, organization: ' acme ', token: ' dgp-secret ' }

describe('the import dialog', () => {
  it('suggests a project name from the archive', () => {
    expect(nameFromFile('sales_analytics.zip')).toBe('sales_analytics')
    expect(nameFromFile('my-repo-main.zip')).toBe('my-repo')
    expect(nameFromFile('2024 export (1).ZIP')).toBe('export_1_')
  })
})

describe('the export link', () => {
  it('names the project by its encoded id', () => {
    expect(exportHref('a b')).toBe('/api/v1/projects/a%20b/export')
  })
})

describe('the deploy dialog', () => {
  it('asks for each missing field in turn', () => {
    expect(formProblem(EMPTY_FORM)).toMatch(/organization/)
    expect(formProblem({ ...filled, deployment: ' ' })).toMatch(/deployment/)
    expect(formProblem({ ...filled, token: '' })).toMatch(/API token/)
    expect(formProblem(filled)).toBeNull()
  })

  it('sends the request trimmed, without an empty location', () => {
    expect(deployBody(filled)).toEqual({
      target: 'dagster-plus',
      organization: 'acme',
      deployment: 'prod',
      token: 'dgp-secret',
      build_strategy: 'python-executable',
    })
    expect(deployBody({ ...filled, locationName: 'sales' }).location_name).toBe('sales')
  })

  it('offers the fix a refused deploy names', () => {
    const missing = new ApiError(409, 'no dagster-cloud', {
      detail: 'no dagster-cloud',
      fix: { action: 'add_package', package: 'dagster-cloud' },
    })
    expect(offerOf(missing)).toEqual({ action: 'add_package', package: 'dagster-cloud' })
    expect(offerOf(new ApiError(409, 'x', { detail: 'x', fix: { action: 'configure' } }))).toEqual({ action: 'configure' })
    expect(offerOf(new ApiError(409, 'busy', { detail: 'busy' }))).toBeNull()
    expect(offerOf(new ApiError(400, 'bad', { detail: 'bad', fix: { action: 'configure' } }))).toBeNull()
    expect(offerOf(new Error('network'))).toBeNull()
  })

  it('configures the build the form chose, never with the token', () => {
    const body = configureBody({ ...filled, buildStrategy: 'docker' })
    expect(body).toEqual({
      target: 'dagster-plus',
      agent_type: 'serverless',
      build_strategy: 'docker',
      organization: 'acme',
      deployment: 'prod',
    })
    expect(JSON.stringify(body)).not.toContain('dgp-secret')
  })
})
