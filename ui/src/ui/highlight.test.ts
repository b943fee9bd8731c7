import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { expect, test } from 'vitest'
import { codeColors } from './highlight'

test('an open editor switches to the theme shown', async () => {
  document.documentElement.dataset.theme = 'dark'
  const view = new EditorView({ state: EditorState.create({ doc: 'x: 1', extensions: [codeColors()] }), parent: document.body })
  expect(view.state.facet(EditorView.darkTheme)).toBe(true)
  document.documentElement.dataset.theme = 'light'
  await expect.poll(() => view.state.facet(EditorView.darkTheme)).toBe(false)
  document.documentElement.dataset.theme = 'dark'
  await expect.poll(() => view.state.facet(EditorView.darkTheme)).toBe(true)
  view.destroy()
})
