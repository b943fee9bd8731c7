import { EditorSelection } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { expect, test } from 'vitest'
import { BufferStore } from './buffers'

test('replacing a buffer edits only what differs: a cursor between two changes stays on its text', () => {
  const store = new BufferStore(() => [])
  const view = new EditorView({ parent: document.body })
  store.show(view, 'notes.txt', 'one\ntwo\nthree\n')
  const onTwo = 'one\ntw'.length
  view.dispatch({ selection: EditorSelection.cursor(onTwo) })

  store.replace('notes.txt', 'ONE!\ntwo\nthree\nfour\n')

  expect(store.text('notes.txt')).toBe('ONE!\ntwo\nthree\nfour\n')
  const head = view.state.selection.main.head
  expect(view.state.sliceDoc(head - 2, head + 1)).toBe('two')
  view.destroy()
})

test('a buffer in the background is replaced too; the same text changes nothing', () => {
  const store = new BufferStore(() => [])
  const view = new EditorView({ parent: document.body })
  store.show(view, 'a.txt', 'a\n')
  store.show(view, 'b.txt', 'b\n')
  store.replace('a.txt', 'a\nmore\n')
  expect(store.text('a.txt')).toBe('a\nmore\n')
  const shown = view.state
  store.replace('b.txt', 'b\n')
  expect(view.state).toBe(shown)
  view.destroy()
})
