// The CodeMirror configuration of one open file. Everything that changes while the file is open
// (diagnostics, completion data, the save handler) is reached through `EditorEnv`, so a file's
// editor state can be kept while its tab is in the background and shown again later.
import { autocompletion, type CompletionSource } from '@codemirror/autocomplete'
import { HighlightStyle, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { lintGutter, linter, type Diagnostic } from '@codemirror/lint'
import { StateEffect, type Extension, type Text } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { languageFor } from './language'

export interface EditorEnv {
  /** The buffer of `path` changed. */
  changed(path: string, doc: Text): void
  /** Every diagnostic of `path`'s buffer: the server's linters and Dagster's errors. */
  diagnostics(path: string, doc: Text): Promise<Diagnostic[]>
  /** A completion source for `path`, or null for the language's own. */
  completion(path: string): CompletionSource | null
}

/** Dispatched when diagnostics from outside the buffer changed (a new load of the project). */
export const refreshDiagnostics = StateEffect.define<null>()

const theme = EditorView.theme(
  {
    '&': { backgroundColor: 'var(--bg)', color: 'var(--text)', fontSize: '13px', height: '100%' },
    '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
    '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--muted)', border: 'none' },
    '.cm-activeLine': { backgroundColor: '#ffffff08' },
    '.cm-activeLineGutter': { backgroundColor: '#ffffff0d' },
    '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--accent)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: '#6e8bff40' },
    '.cm-tooltip': { backgroundColor: 'var(--panel-2)', border: '1px solid var(--border-strong)', color: 'var(--text)' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent-strong)', color: 'white' },
    '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
    '.cm-diagnostic': { whiteSpace: 'pre-wrap' },
  },
  { dark: true },
)

/** CodeMirror's default highlighting is made for light backgrounds: the same tags, with colors
 * that read on the app's dark one. */
const DARK_COLORS: Record<string, string> = {
  '#708': '#c792ea', // keywords
  '#219': '#82aaff', // atoms, booleans, yaml keys
  '#164': '#addb67', // literals, numbers
  '#a11': '#ecc48d', // strings
  '#e40': '#f78c6c', // regexps, escapes
  '#00f': '#82b1ff', // definitions
  '#30a': '#b4a7f5', // local variables
  '#085': '#7fdbca', // types, namespaces
  '#167': '#ffcb6b', // classes
  '#256': '#89ddff', // special variables, macros
  '#00c': '#9cdcfe', // property definitions
  '#940': '#7f8799', // comments
  '#404740': '#8b93a6', // meta
  '#f00': '#ff6b6b', // invalid
}

const darkHighlighting = syntaxHighlighting(
  HighlightStyle.define(
    defaultHighlightStyle.specs.map((spec) => ({
      ...spec,
      ...(typeof spec.color === 'string' ? { color: DARK_COLORS[spec.color] ?? spec.color } : {}),
    })),
    { themeType: 'dark' },
  ),
)

/** The app's look of a file's text: its colors and its language's highlighting. */
export function fileLook(path: string): Extension {
  return [theme, darkHighlighting, languageFor(path)]
}

export function fileExtensions(path: string, env: EditorEnv): Extension {
  const completion = env.completion(path)
  return [
    basicSetup,
    fileLook(path),
    completion ? autocompletion({ override: [completion] }) : [],
    linter((view) => env.diagnostics(path, view.state.doc), {
      delay: 500,
      needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(refreshDiagnostics))),
    }),
    lintGutter(),
    EditorView.contentAttributes.of({ 'aria-label': `Editor ${path}` }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) env.changed(path, update.state.doc)
    }),
  ]
}
