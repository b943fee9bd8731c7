// CodeMirror's highlighting in the app's colors: the default style's tags, each color a CSS
// variable that both themes define (global.css), so code reads in either theme at AA contrast.
import { HighlightStyle, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorView, ViewPlugin } from '@codemirror/view'
import { Compartment, type Extension } from '@codemirror/state'
import { currentTheme } from './theme'

const VARIABLES: Record<string, string> = {
  '#708': '--hl-keyword',
  '#219': '--hl-atom', // atoms, booleans, YAML keys
  '#164': '--hl-literal',
  '#a11': '--hl-string',
  '#e40': '--hl-regexp',
  '#00f': '--hl-definition',
  '#30a': '--hl-local',
  '#085': '--hl-type',
  '#167': '--hl-class',
  '#256': '--hl-special',
  '#00c': '--hl-property',
  '#940': '--hl-comment',
  '#404740': '--hl-meta',
  '#f00': '--hl-invalid',
}

const highlighting = syntaxHighlighting(
  HighlightStyle.define(
    defaultHighlightStyle.specs.map((spec) => {
      const variable = typeof spec.color === 'string' ? VARIABLES[spec.color] : undefined
      return variable ? { ...spec, color: `var(${variable})` } : spec
    }),
  ),
)

const darkness = new Compartment()

// An open editor follows the theme: when `data-theme` on <html> changes, so does its darkness.
const followTheme = ViewPlugin.define((view) => {
  const observer = new MutationObserver(() => {
    const dark = currentTheme() === 'dark'
    if (view.state.facet(EditorView.darkTheme) !== dark) view.dispatch({ effects: darkness.reconfigure(EditorView.darkTheme.of(dark)) })
  })
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  return { destroy: () => observer.disconnect() }
})

/** The highlighting, and whether the editor sits on a dark background (for CodeMirror's own
 * defaults such as the selection), following the theme shown. */
export function codeColors(): Extension {
  return [highlighting, darkness.of(EditorView.darkTheme.of(currentTheme() === 'dark')), followTheme]
}
