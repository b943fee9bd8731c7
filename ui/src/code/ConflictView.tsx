// The choices when the buffer and the disk disagree, with what differs between them: the buffer's
// text, read-only, with the disk's lines shown where they differ (CodeMirror's unified merge view).
import { unifiedMergeView } from '@codemirror/merge'
import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { useEffect, useRef, useState } from 'react'
import { COLLAPSE_UNCHANGED, readOnlyFile } from './mergeSetup'
import type { Conflict } from './openFiles'

interface ConflictViewProps {
  path: string
  conflict: Conflict
  /** the buffer's text */
  mine: string
  busy: boolean
  onKeepMine: () => void
  onTakeDisk: () => void
  onCancel: () => void
}

function DiffView({ path, disk, mine }: { path: string; disk: string; mine: string }) {
  const host = useRef<HTMLDivElement>(null)
  const same = disk === mine
  useEffect(() => {
    if (same) return
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: mine,
        extensions: [readOnlyFile(path, `Your version of ${path}`), unifiedMergeView({ original: disk, mergeControls: false, collapseUnchanged: COLLAPSE_UNCHANGED })],
      }),
    })
    return () => view.destroy()
  }, [path, disk, mine, same])
  if (same) return <p className="muted ws-diff-empty">The disk holds the same text as your version.</p>
  return <div className="ws-diff" ref={host} aria-label="Differences between the disk and your version" />
}

export function ConflictView({ path, conflict, mine, busy, onKeepMine, onTakeDisk, onCancel }: ConflictViewProps) {
  const deleted = conflict.disk === null
  // a refused save needs the comparison now; a change under unsaved edits may just be dismissed
  const [showDiff, setShowDiff] = useState(conflict.reason === 'save')
  const message = deleted
    ? `${path} was deleted on disk. Your text is only in this editor.`
    : conflict.reason === 'save'
      ? `Not saved: ${path} changed on disk since you opened it. Red lines are on disk, green lines are yours.`
      : `Changed on disk: ${path} changed while you have unsaved changes.`
  return (
    <section className="ws-conflict" role="alert" aria-label={`Conflict in ${path}`}>
      <div className="ws-conflict-bar">
        <span className="ws-conflict-message">{message}</span>
        <span className="ws-conflict-actions">
          {!deleted && (
            <button className="button small" onClick={() => setShowDiff(!showDiff)} aria-expanded={showDiff}>
              {showDiff ? 'Hide differences' : 'Show differences'}
            </button>
          )}
          <button
            className="button small primary"
            onClick={onKeepMine}
            disabled={busy}
            title={deleted ? 'Write your text to the file again' : 'Overwrite the disk version with your text'}
          >
            Keep mine
          </button>
          {deleted ? (
            <button className="button small" onClick={onTakeDisk} disabled={busy}>
              Close the file
            </button>
          ) : (
            <button className="button small" onClick={onTakeDisk} disabled={busy} title="Replace your text with the disk version">
              Take the disk version
            </button>
          )}
          <button className="button small" onClick={onCancel} disabled={busy} title="Decide later: keep editing your text">
            Cancel
          </button>
        </span>
      </div>
      {showDiff && conflict.disk !== null && <DiffView path={path} disk={conflict.disk} mine={mine} />}
    </section>
  )
}
