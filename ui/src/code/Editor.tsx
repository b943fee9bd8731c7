// A CodeMirror view that shows the buffer of one open file: the code view's editor, and the
// property panel's YAML tab.
import { EditorView } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import type { BufferStore } from './buffers'
import type { Reveal } from './openFiles'

interface EditorProps {
  buffers: BufferStore
  /** the file to show; null while the active tab has nothing to edit (loading, refused) */
  path: string | null
  /** its text on disk, for its buffer the first time it is shown */
  text: string
  reveal: Reveal | null
  /** on screen: a view that comes back on screen takes its buffer back from the other view */
  visible?: boolean
  className?: string
}

export function Editor({ buffers, path, text, reveal, visible = true, className = 'ws-editor' }: EditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const revealed = useRef(0)

  useEffect(() => {
    const editor = new EditorView({ parent: host.current! })
    view.current = editor
    return () => {
      buffers.detach(editor)
      editor.destroy()
      view.current = null
    }
  }, [buffers])

  useEffect(() => {
    if (!view.current || path === null || !visible) return
    buffers.show(view.current, path, text)
    if (reveal && reveal.path === path && reveal.seq !== revealed.current) {
      revealed.current = reveal.seq
      buffers.reveal(path, reveal.line)
    }
  }, [buffers, path, text, reveal, visible])

  return <div className={className} ref={host} hidden={path === null} />
}
