// Problems from the server as CodeMirror diagnostics. Lines and columns from the server are
// 1-based and may point past the end of a buffer edited since: they are clamped, never dropped.
import type { Diagnostic } from '@codemirror/lint'
import type { Text } from '@codemirror/state'
import type { ProblemItem } from '../api/types'
import type { DefsCheckError, LintItem } from './types'

const clampLine = (doc: Text, line: number) => doc.line(Math.min(Math.max(1, line), doc.lines))

function offset(doc: Text, line: number, column: number): number {
  const target = clampLine(doc, line)
  return Math.min(target.from + Math.max(0, column - 1), target.to)
}

/** A problem that belongs to a whole line. */
function onLine(doc: Text, line: number | null | undefined, severity: Diagnostic['severity'], source: string, message: string): Diagnostic {
  const target = clampLine(doc, line ?? 1)
  return { from: target.from, to: target.to, severity, source, message }
}

export function ruffDiagnostics(doc: Text, items: readonly LintItem[]): Diagnostic[] {
  return items.map((item) => {
    const from = offset(doc, item.line, item.column)
    const to = Math.max(from, offset(doc, item.end_line, item.end_column))
    return {
      from,
      to,
      severity: item.severity,
      source: 'ruff',
      message: item.code ? `${item.code} ${item.message}` : item.message,
    }
  })
}

/** The errors Dagster reported for this file when it last loaded the project. */
export function definitionDiagnostics(doc: Text, path: string, errors: readonly ProblemItem[]): Diagnostic[] {
  return errors
    .filter((error) => error.file === path)
    .map((error) => onLine(doc, error.line, 'error', 'dagster', error.hint ? `${error.message}\n${error.hint}` : error.message))
}

/** Dagster's schema check of the unsaved text of a component file. */
export function defsCheckDiagnostics(doc: Text, errors: readonly DefsCheckError[]): Diagnostic[] {
  return errors.map((error) =>
    onLine(doc, error.line, 'error', 'dagster schema', error.field ? `${error.field}: ${error.message}` : error.message),
  )
}
