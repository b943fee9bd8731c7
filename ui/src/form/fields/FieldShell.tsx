import type { ReactNode } from 'react'
import { isInvalid } from '../errors'
import type { FieldError } from '../types'
import { Description } from './Description'
import { ErrorList } from './ErrorList'

export interface FieldShellProps {
  id: string
  path: string
  label: string
  required: boolean
  /** The control is a single labelable element with `id`; otherwise the field is a labelled group. */
  labelsControl: boolean
  description?: string
  format?: string
  errors: readonly FieldError[]
  actions?: ReactNode
  trailing?: ReactNode
  bare?: boolean
  embedded?: boolean
  /** Disclosure state for collapsible fields (nested objects). */
  collapse?: { open: boolean; toggle: () => void }
  className?: string
  children: ReactNode
}

/** Label row, help, control and errors: the frame every field kind shares. */
export function FieldShell(props: FieldShellProps) {
  const { id, path, label, required, errors, actions, trailing, bare, embedded, collapse, children } = props
  const invalid = isInvalid(errors)
  const className = ['sf-field', bare && 'sf-field--bare', props.className].filter(Boolean).join(' ')
  // A union's active variant is drawn inside the union's own wrapper, which already carries these.
  const wrapper = embedded ? {} : { 'data-field': path, 'data-invalid': invalid ? 'true' : undefined }

  if (bare) {
    return (
      <div className={className} {...wrapper}>
        <div className="sf-row">
          <div className="sf-grow">{children}</div>
          {actions}
          {trailing}
        </div>
        <ErrorList errors={errors} path={path} />
      </div>
    )
  }

  const labelId = `${id}--label`
  const text = (
    <>
      {label}
      {required && (
        <span className="sf-required" title="Required">
          {' *'}
        </span>
      )}
    </>
  )
  return (
    <div
      className={className}
      {...wrapper}
      role={props.labelsControl ? undefined : 'group'}
      aria-labelledby={props.labelsControl ? undefined : labelId}
    >
      <div className="sf-field-head">
        {collapse && (
          <button
            type="button"
            className="sf-disclosure"
            aria-expanded={collapse.open}
            aria-label={`${collapse.open ? 'Collapse' : 'Expand'} ${label}`}
            onClick={collapse.toggle}
          >
            <span className="sf-chevron" data-open={collapse.open} aria-hidden="true" />
          </button>
        )}
        {props.labelsControl ? (
          <label className="sf-label" htmlFor={id} id={labelId}>
            {text}
          </label>
        ) : (
          <span className="sf-label" id={labelId}>
            {text}
          </span>
        )}
        {props.format && <span className="sf-badge">{props.format}</span>}
        {actions && <div className="sf-field-actions">{actions}</div>}
      </div>
      {props.description && <Description text={props.description} />}
      {children}
      <ErrorList errors={errors} path={path} />
    </div>
  )
}
