import type { ReactNode } from 'react'

interface LockedProps {
  /** the editor that holds the unsaved edits */
  editor: 'form' | 'YAML'
  onSave: () => void
  onRevert: () => void
  busy?: boolean
  children: ReactNode
}

/**
 * The form and the YAML tab edit one file. Two editors each holding unsaved edits of it could
 * not both be saved without one overwriting the other, and merging them would be a guess; so
 * while one holds unsaved edits the other is read-only and says so here, with that editor's
 * save and revert one click away. The user always sees which version is pending, and nothing
 * typed in one is ever silently replaced by the other.
 */
export function Locked({ editor, onSave, onRevert, busy = false, children }: LockedProps) {
  return (
    <div className="notice warn locked" role="status">
      The {editor} has unsaved changes of this file. Save or revert them {children}{' '}
      <span className="locked-actions">
        <button className="button small primary" onClick={onSave} disabled={busy}>
          Save the {editor}
        </button>
        <button className="button small" onClick={onRevert} disabled={busy}>
          Revert the {editor}
        </button>
      </span>
    </div>
  )
}
