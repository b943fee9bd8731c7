// The editor states of the open files (text, selection, undo history), one per path, and the
// single EditorView that shows one of them at a time.
import { EditorSelection, EditorState, StateEffect, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { minimalChange } from './diff'
import { refreshDiagnostics } from './extensions'
import { movedPath } from './paths'

export class BufferStore {
  private readonly states = new Map<string, EditorState>()
  private readonly extensions: (path: string) => Extension
  private view: EditorView | null = null
  private shown: string | null = null

  constructor(extensions: (path: string) => Extension) {
    this.extensions = extensions
  }

  private current(path: string): EditorState | undefined {
    return this.view && this.shown === path ? this.view.state : this.states.get(path)
  }

  /** Keeps the shown state before the view shows another one or goes away. */
  private stash(): void {
    if (this.view && this.shown !== null) this.states.set(this.shown, this.view.state)
  }

  /** Shows `path` in `view`, with a new buffer of `text` the first time. */
  show(view: EditorView, path: string, text: string): void {
    if (this.view === view && this.shown === path) return
    this.stash()
    const state = this.states.get(path) ?? EditorState.create({ doc: text, extensions: this.extensions(path) })
    view.setState(state)
    this.view = view
    this.shown = path
  }

  detach(view: EditorView): void {
    if (this.view !== view) return
    this.stash()
    this.view = null
    this.shown = null
  }

  text(path: string): string | null {
    return this.current(path)?.doc.toString() ?? null
  }

  /** Replaces the text with the smallest edit, so the cursor and scroll stay where they were. */
  replace(path: string, text: string): void {
    const state = this.current(path)
    const change = state && minimalChange(state.doc.toString(), text)
    if (!state || !change) return
    if (this.view && this.shown === path) this.view.dispatch({ changes: change })
    else this.states.set(path, state.update({ changes: change }).state)
  }

  /** Moves the buffers of `from` (a file, or the files of a folder) to their new paths. */
  rename(from: string, to: string): void {
    for (const [path, state] of [...this.states]) {
      const next = movedPath(path, from, to)
      if (next === null) continue
      this.states.delete(path)
      this.states.set(next, state.update({ effects: StateEffect.reconfigure.of(this.extensions(next)) }).state)
    }
    const shownNext = this.shown === null ? null : movedPath(this.shown, from, to)
    if (this.view && shownNext !== null) {
      this.view.dispatch({ effects: StateEffect.reconfigure.of(this.extensions(shownNext)) })
      this.shown = shownNext
    }
  }

  /** Forgets the buffer of a closed file (the view may still show it until it shows another). */
  drop(path: string): void {
    this.states.delete(path)
    if (this.shown === path) this.shown = null
  }

  /** Puts the cursor at the start of a 1-based line of the shown file and scrolls it to the middle. */
  reveal(path: string, line: number): void {
    if (!this.view || this.shown !== path) return
    const doc = this.view.state.doc
    const position = doc.line(Math.min(Math.max(1, line), doc.lines)).from
    this.view.dispatch({
      selection: EditorSelection.cursor(position),
      effects: EditorView.scrollIntoView(position, { y: 'center' }),
    })
    this.view.focus()
  }

  /** Tells the shown file's linter that diagnostics from outside its text changed; the other
   * files are linted again when they are shown. */
  refreshDiagnostics(): void {
    this.view?.dispatch({ effects: refreshDiagnostics.of(null) })
  }
}
