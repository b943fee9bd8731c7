// CodeMirror 6, bundled: highlighted YAML or Python, optionally editable, with error lines marked.
import { python } from '@codemirror/lang-python'
import { yaml } from '@codemirror/lang-yaml'
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import { codeColors } from './highlight'

interface CodeViewProps {
  value: string
  language: 'yaml' | 'python'
  readOnly?: boolean
  onChange?: (value: string) => void
  /** 1-based lines to mark as having a problem */
  problemLines?: number[]
  label?: string
}

const setProblemLines = StateEffect.define<number[]>()
const problemLineMark = Decoration.line({ class: 'cm-problem-line' })

const problemLinesField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setProblemLines)) {
        const builder = new RangeSetBuilder<Decoration>()
        const doc = transaction.state.doc
        for (const line of [...new Set(effect.value)].sort((a, b) => a - b)) {
          if (line >= 1 && line <= doc.lines) builder.add(doc.line(line).from, doc.line(line).from, problemLineMark)
        }
        return builder.finish()
      }
    }
    return decorations.map(transaction.changes)
  },
  provide: (field) => EditorView.decorations.from(field),
})

const theme = EditorView.theme(
  {
    '&': { backgroundColor: 'var(--bg)', color: 'var(--text)', fontSize: '12px', height: '100%' },
    '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', border: 'none' },
    '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--tint)' },
    '.cm-problem-line': { backgroundColor: 'var(--danger-tint)' },
    '.cm-scroller': { fontFamily: 'var(--mono)' },
  },
)

export function CodeView({ value, language, readOnly = false, onChange, problemLines = [], label }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const editable = useRef(new Compartment())

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          language === 'yaml' ? yaml() : python(),
          theme,
          codeColors(),
          problemLinesField,
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          // a tab stop even when read-only (then not editable): the keyboard can scroll it
          EditorView.contentAttributes.of({ 'aria-label': label ?? `${language} code`, tabindex: '0' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString())
          }),
        ],
      }),
    })
    view.current = editor
    return () => editor.destroy()
    // the editor is created once; value and flags are synced by the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language])

  useEffect(() => {
    const editor = view.current
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } })
    }
  }, [value])

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    })
  }, [readOnly])

  useEffect(() => {
    view.current?.dispatch({ effects: setProblemLines.of(problemLines) })
  }, [problemLines])

  return <div className="code-view" ref={host} />
}
