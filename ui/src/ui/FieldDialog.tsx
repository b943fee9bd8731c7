import type { ReactNode } from 'react'
import { Dialog } from './Dialog'

interface FieldDialogProps {
  title: string
  label: string
  inputId: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  mono?: boolean
  help: ReactNode
  error: string | null
  submitLabel: string
  busy: boolean
  onSubmit: () => void
  onClose: () => void
}

/** A dialog that asks for one value: a name, a path. Enter submits. */
export function FieldDialog(props: FieldDialogProps) {
  const { value, busy, onSubmit, onClose } = props
  return (
    <Dialog
      title={props.title}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!value || busy} onClick={onSubmit}>
            {props.submitLabel}
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (value && !busy) onSubmit()
        }}
      >
        <label className="field-label" htmlFor={props.inputId}>
          {props.label}
        </label>
        <input
          id={props.inputId}
          className={props.mono ? 'text mono' : 'text'}
          autoFocus
          value={value}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
        <div className="field-help">{props.help}</div>
        {props.error && <div className="field-error">{props.error}</div>}
      </form>
    </Dialog>
  )
}
