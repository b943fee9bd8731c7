import { describe, expect, it } from 'vitest'
import { suggestedName } from './queries'

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
