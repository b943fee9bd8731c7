import { useEffect, useRef, type ReactNode } from 'react'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  width?: number
  /** put aside (closed, its content kept as it is) while something else takes the screen */
  hidden?: boolean
}

// What a dialog focuses when it opens: its first field, else its first other control; the
// native dialog would pick the close button, the first thing it holds.
const FIELDS = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), [contenteditable="true"]'
const CONTROLS = 'button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])'

function focusFirst(dialog: HTMLDialogElement) {
  const content = [...dialog.querySelectorAll<HTMLElement>('.dialog-body, .dialog-footer')]
  if (content.some((part) => part.contains(document.activeElement))) return // an autoFocus field
  const first = (selector: string) => content.map((part) => part.querySelector<HTMLElement>(selector)).find(Boolean)
  const target = first(FIELDS) ?? first(CONTROLS)
  target?.focus()
}

/** A modal dialog on the native <dialog> element: focus trap, Escape and backdrop for free. */
export function Dialog({ title, onClose, children, footer, width = 520, hidden = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open && !hidden) {
      dialog.showModal()
      // shown again after being put aside: the focus goes back where it was
      if (returnTo.current) returnTo.current.focus()
      else focusFirst(dialog)
    }
    if (dialog.open && hidden) {
      returnTo.current = dialog.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null
      dialog.close()
    }
  }, [hidden])
  useEffect(() => {
    const dialog = ref.current
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className="dialog"
      style={{ width }}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <div className="dialog-header">
        <h2>{title}</h2>
        <button className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      {footer && <div className="dialog-footer">{footer}</div>}
    </dialog>
  )
}
