// The editor states of the open files (text, selection, undo history), one per path, and the
// EditorViews that show them: the code view's editor and the property panel's YAML tab.
// A buffer is shown by one view at a time (the two are never on screen together): a view that
// shows a path takes its state from the view that showed it before, so both edit one buffer.
import { diff } from '@codemirror/merge'
import { EditorSelection, EditorState, StateEffect, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { refreshDiagnostics } from './extensions'
import { movedPath } from './paths'

export class BufferStore {
  private readonly states = new Map<string, EditorState>()
  private readonly extensions: (path: string) => Extension
  /** the path each view shows; a path is in at most one entry */
  private readonly shown = new Map<EditorView, string>()

  constructor(extensions: (path: string) => Extension) {
    this.extensions = extensions
  }

  private viewOf(path: string): EditorView | undefined {
    for (const [view, shown] of this.shown) if (shown === path) return view
    return undefined
  }

  private current(path: string): EditorState | undefined {
    return this.viewOf(path)?.state ?? this.states.get(path)
  }

  /** Keeps the state `view` shows before it shows another one, gives its path up or goes away. */
  private stash(view: EditorView): void {
    const path = this.shown.get(view)
    if (path === undefined) return
    this.states.set(path, view.state)
    this.shown.delete(view)
  }

  /** Shows `path` in `view`, with a new buffer of `text` the first time. */
  show(view: EditorView, path: string, text: string): void {
    if (this.shown.get(view) === path) return
    this.stash(view)
    const other = this.viewOf(path)
    if (other) this.stash(other) // it keeps displaying a copy until it shows a buffer again
    const state = this.states.get(path) ?? EditorState.create({ doc: text, extensions: this.extensions(path) })
    view.setState(state)
    this.shown.set(view, path)
  }

  detach(view: EditorView): void {
    this.stash(view)
  }

  text(path: string): string | null {
    return this.current(path)?.doc.toString() ?? null
  }

  /** Replaces the text by editing only what differs, so the cursor and scroll stay where they were. */
  replace(path: string, text: string): void {
    const state = this.current(path)
    if (!state) return
    const before = state.doc.toString()
    const changes = diff(before, text).map((c) => ({ from: c.fromA, to: c.toA, insert: text.slice(c.fromB, c.toB) }))
    if (changes.length === 0) return
    const view = this.viewOf(path)
    if (view) view.dispatch({ changes })
    else this.states.set(path, state.update({ changes }).state)
  }

  /** Moves the buffers of `from` (a file, or the files of a folder) to their new paths. */
  rename(from: string, to: string): void {
    for (const [path, state] of [...this.states]) {
      const next = movedPath(path, from, to)
      if (next === null) continue
      this.states.delete(path)
      this.states.set(next, state.update({ effects: StateEffect.reconfigure.of(this.extensions(next)) }).state)
    }
    for (const [view, path] of [...this.shown]) {
      const next = movedPath(path, from, to)
      if (next === null) continue
      view.dispatch({ effects: StateEffect.reconfigure.of(this.extensions(next)) })
      this.shown.set(view, next)
    }
  }

  /** Forgets the buffer of a closed file (a view may still show it until it shows another). */
  drop(path: string): void {
    this.states.delete(path)
    const view = this.viewOf(path)
    if (view) this.shown.delete(view)
  }

  /** Puts the cursor at the start of a 1-based line of the shown file and scrolls it to the middle. */
  reveal(path: string, line: number): void {
    const view = this.viewOf(path)
    if (!view) return
    const doc = view.state.doc
    const position = doc.line(Math.min(Math.max(1, line), doc.lines)).from
    view.dispatch({
      selection: EditorSelection.cursor(position),
      effects: EditorView.scrollIntoView(position, { y: 'center' }),
    })
    view.focus()
  }

  /** Tells the shown files' linters that diagnostics from outside their text changed; the other
   * files are linted again when they are shown. */
  refreshDiagnostics(): void {
    for (const view of this.shown.keys()) view.dispatch({ effects: refreshDiagnostics.of(null) })
  }
}
