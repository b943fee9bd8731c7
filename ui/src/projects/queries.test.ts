import { describe, expect, it } from 'vitest'
import { repositoryHint, repositoryName, suggestedName } from './queries'

describe('suggestedName', () => {
  it("is the starter's name while it is free", () => {
    expect(suggestedName('sales')).toBe('sales_analytics')
    expect(suggestedName('python', ['sales_analytics'])).toBe('cities')
  })

  it('is numbered past the names taken', () => {
    expect(suggestedName('python', ['cities'])).toBe('cities_2')
    expect(suggestedName('python', ['cities', 'cities_2', 'cities_3'])).toBe('cities_4')
  })

  it('is made from the id of a starter it has no name for', () => {
    expect(suggestedName('web-scraping', [])).toBe('web_scraping_project')
  })
})

describe('cloning', () => {
  it("names a clone after the repository, as git names its folder", () => {
    expect(repositoryName('https://github.com/org/sales-repo.git')).toBe('sales-repo')
    expect(repositoryName('git@github.com:org/etl.git')).toBe('etl')
    expect(repositoryName('https://example.com/team/pipelines/ ')).toBe('pipelines')
    expect(repositoryName('')).toBe('')
  })

  it('hints at an address git would not clone', () => {
    expect(repositoryHint('')).toBeNull()
    expect(repositoryHint('https://github.com/org/repo.git')).toBeNull()
    expect(repositoryHint('git@github.com:org/repo.git')).toBeNull()
    expect(repositoryHint('ssh://git@host/repo')).toBeNull()
    expect(repositoryHint('github.com/org/repo')).toMatch(/such as https:\/\/github.com\/org\/repo.git/)
  })
})
