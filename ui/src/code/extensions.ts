// The CodeMirror configuration of one open file. Everything that changes while the file is open
// (diagnostics, completion data, the save handler) is reached through `EditorEnv`, so a file's
// editor state can be kept while its tab is in the background and shown again later.
import { autocompletion, type CompletionSource } from '@codemirror/autocomplete'
import { lintGutter, linter, type Diagnostic } from '@codemirror/lint'
import { StateEffect, type Extension, type Text } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { codeColors } from '../ui/highlight'
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
    '.cm-activeLine': { backgroundColor: 'var(--tint)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--tint-strong)' },
    '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--accent)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection)' },
    '.cm-tooltip': { backgroundColor: 'var(--panel-2)', border: '1px solid var(--border-strong)', color: 'var(--text)' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent-strong)', color: 'var(--on-accent)' },
    '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
    '.cm-diagnostic': { whiteSpace: 'pre-wrap' },
  },
)

/** The app's look of a file's text: its colors and its language's highlighting. */
export function fileLook(path: string): Extension {
  return [theme, codeColors(), languageFor(path)]
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
    // reachable with Tab, so its scrolling region is reachable by keyboard (axe checks for a focusable)
    EditorView.contentAttributes.of({ 'aria-label': `Editor ${path}`, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) env.changed(path, update.state.doc)
    }),
  ]
}
