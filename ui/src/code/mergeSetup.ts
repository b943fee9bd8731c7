// What every comparison of two texts shares (the conflict bar's and git's diffs): a file's look,
// read-only, with unchanged stretches folded.
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { fileLook } from './extensions'

/** Unchanged stretches of this many lines or more fold, keeping 3 lines of context. */
export const COLLAPSE_UNCHANGED = { margin: 3, minSize: 4 }

/** A side of a comparison: `path`'s highlighting, not editable, named `label` for assistive technology. */
export const readOnlyFile = (path: string, label: string): Extension => [
  fileLook(path),
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  // read-only text is not editable, so not focusable: a tab stop lets the keyboard scroll it
  EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
]
