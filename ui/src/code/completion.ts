// CodeMirror completion sources: Python from the server (jedi in the project's environment),
// component files from the component type's JSON schema.
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete'
import type { PythonCompletion } from './types'
import { completeComponentYaml, yamlCursor, type ComponentTypeInfo } from './yamlSchemaCompletion'

/** jedi's kinds as CodeMirror's option types (which pick the icon). */
const PYTHON_TYPES: Record<string, string> = {
  module: 'namespace',
  class: 'class',
  function: 'function',
  instance: 'variable',
  statement: 'variable',
  param: 'variable',
  property: 'property',
  keyword: 'keyword',
  path: 'text',
}

export type PythonCompleter = (
  source: string,
  line: number,
  column: number,
  signal: AbortSignal,
) => Promise<PythonCompletion[]>

export function pythonCompletions(complete: PythonCompleter): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/\w*/)
    const afterDot = context.matchBefore(/\.\w*/) !== null
    if (!context.explicit && !afterDot && (!word || word.from === word.to)) return null
    const line = context.state.doc.lineAt(context.pos)
    const controller = new AbortController()
    context.addEventListener('abort', () => controller.abort(), { onDocChange: true })
    let items: PythonCompletion[]
    try {
      items = await complete(context.state.doc.toString(), line.number, context.pos - line.from, controller.signal)
    } catch {
      return null // completion is a convenience: a failed request offers nothing
    }
    if (context.aborted) return null
    const options: Completion[] = items.map((item) => ({
      label: item.label,
      type: PYTHON_TYPES[item.kind] ?? 'text',
      ...(item.detail ? { detail: item.detail } : {}),
    }))
    return { from: word?.from ?? context.pos, options, validFor: /^\w*$/ }
  }
}

export function componentYamlCompletions(types: () => readonly ComponentTypeInfo[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const text = context.state.doc.toString()
    const cursor = yamlCursor(text, context.pos)
    if (!cursor || (!context.explicit && cursor.kind === 'key' && cursor.prefix === '')) return null
    const options = completeComponentYaml(text, cursor, types())
    return options.length ? { from: cursor.from, options, validFor: /^[\w.-]*$/ } : null
  }
}
