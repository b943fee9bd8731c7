// The choices when the buffer and the disk disagree, with what differs between them.
import { useMemo, useState } from 'react'
import { hunks, lineDiff, type Hunk } from './diff'
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

const SIGN = { same: ' ', add: '+', remove: '-' } as const

function DiffView({ disk, mine }: { disk: string; mine: string }) {
  const groups: Hunk[] = useMemo(() => hunks(lineDiff(disk, mine)), [disk, mine])
  if (groups.length === 0) {
    return <p className="muted ws-diff-empty">No line differs: only the end of the file (a final newline) does.</p>
  }
  return (
    <pre className="ws-diff" aria-label="Differences between the disk and your version">
      {groups.map((hunk) => (
        <div key={`${hunk.oldStart}-${hunk.newStart}`}>
          <div className="ws-diff-hunk">{`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`}</div>
          {hunk.lines.map((line, index) => (
            <div key={index} className={`ws-diff-line ws-diff-${line.kind}`}>
              {SIGN[line.kind]} {line.text}
            </div>
          ))}
        </div>
      ))}
    </pre>
  )
}

export function ConflictView({ path, conflict, mine, busy, onKeepMine, onTakeDisk, onCancel }: ConflictViewProps) {
  const deleted = conflict.disk === null
  // a refused save needs the comparison now; a change under unsaved edits may just be dismissed
  const [showDiff, setShowDiff] = useState(conflict.reason === 'save')
  const message = deleted
    ? `${path} was deleted on disk. Your text is only in this editor.`
    : conflict.reason === 'save'
      ? `Not saved: ${path} changed on disk since you opened it. Lines with - are on disk, lines with + are yours.`
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
      {showDiff && conflict.disk !== null && <DiffView disk={conflict.disk} mine={mine} />}
    </section>
  )
}
