import type { ReactNode } from 'react'
import { Dialog } from './Dialog'
import { Ticked } from './Ticked'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  /** the actions besides Cancel, most destructive last */
  actions: Array<{ label: string; danger?: boolean; onClick: () => void }>
  error: string | null
  onClose: () => void
}

export function ConfirmDialog({ title, children, actions, error, onClose }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          {actions.map((action) => (
            <button key={action.label} className={action.danger ? 'button danger' : 'button'} onClick={action.onClick}>
              {action.label}
            </button>
          ))}
        </>
      }
    >
      {children}
      {error && (
        <div className="notice error">
          <Ticked text={error} />
        </div>
      )}
    </Dialog>
  )
}
