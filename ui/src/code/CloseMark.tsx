// The × that closes an editor or terminal tab.

/** The × of a tab, for the mouse: a control inside a tab would be a control inside a control, so
 * the keyboard and assistive technology close a tab with Delete (its aria-keyshortcuts). */
export function CloseMark({ title, onClose }: { title: string; onClose: () => void }) {
  return (
    <span
      className="ws-tab-close"
      aria-hidden
      title={title}
      onClick={(event) => {
        event.stopPropagation()
        onClose()
      }}
    >
      ×
    </span>
  )
}
