// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contrast, themeVariables } from './contrast'

// read as written: the test runner does not load stylesheets
const css = readFileSync(new URL('./global.css', import.meta.url), 'utf8')
const dark = themeVariables(css, ':root')
const THEMES = { dark, light: { ...dark, ...themeVariables(css, ":root[data-theme='light']") } }

const SURFACES = ['--bg', '--panel', '--panel-2', '--panel-3']
const CODE = ['atom', 'keyword', 'literal', 'string', 'regexp', 'definition', 'local', 'type', 'class', 'special', 'property', 'comment', 'meta', 'invalid']
// [foreground, background, least ratio]: text 4.5 (WCAG AA), control boundaries and focus 3
const PAIRS: Array<[string, string, number]> = [
  ...SURFACES.flatMap((surface): Array<[string, string, number]> => [
    ['--text', surface, 4.5],
    ['--muted', surface, 4.5],
    ['--accent', surface, 4.5],
    ['--danger', surface, 4.5],
    ['--warn', surface, 4.5],
    ['--ok', surface, 4.5],
    ['--diff-added', surface, 4.5],
    ['--diff-changed', surface, 4.5],
    ['--diff-removed', surface, 4.5],
  ]),
  ...CODE.flatMap((name): Array<[string, string, number]> => [
    [`--hl-${name}`, '--bg', 4.5],
    [`--hl-${name}`, '--panel', 4.5],
  ]),
  ['--on-accent', '--accent-strong', 4.5],
  ['--accent', '--accent-bg', 4.5],
  ['--ok', '--ok-bg', 4.5],
  ['--danger', '--danger-bg', 4.5],
  ['--warn', '--warn-bg', 4.5],
  ['--purple', '--purple-bg', 4.5],
  ['--text', '--danger-tint', 4.5],
  ['--text', '--warn-tint', 4.5],
  ['--text', '--ok-tint', 4.5],
  ['--danger', '--danger-tint', 4.5],
  ['--control', '--bg', 3],
  ['--control', '--panel', 3],
  ['--accent-strong', '--bg', 3],
]

describe.each(Object.entries(THEMES))('the %s theme', (_, variables) => {
  it.each(PAIRS)('%s on %s reads at %d:1 or more', (foreground, background, least) => {
    const ratio = contrast(variables[foreground], variables[background])
    expect(ratio, `${foreground} ${variables[foreground]} on ${background} ${variables[background]}`).toBeGreaterThanOrEqual(least)
  })
})

describe('contrast', () => {
  it('is 21:1 for black on white, 1:1 for a color on itself, whichever is on top', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21)
    expect(contrast('#fff', '#000')).toBeCloseTo(21)
    expect(contrast('#6e8bff', '#6e8bff')).toBeCloseTo(1)
  })

  it('sees a translucent color over its background', () => {
    expect(contrast('#ffffff00', '#0e1014')).toBeCloseTo(1)
  })
})
