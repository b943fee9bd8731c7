import { afterEach, describe, expect, it } from 'vitest'
import { chooseTheme, resolveTheme, storedChoice } from './theme'

describe('the theme', () => {
  afterEach(() => window.localStorage.clear())

  it('follows the system unless one is chosen', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('light', true)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
  })

  it('keeps the choice, and "system" forgets it', () => {
    expect(storedChoice()).toBe('system')
    chooseTheme('light')
    expect(storedChoice()).toBe('light')
    chooseTheme('system')
    expect(storedChoice()).toBe('system')
  })
})
