import type { ReactNode } from 'react'
import type { FieldError } from '../types'
import { ErrorList } from './ErrorList'

/** A collapsible card for one list item or map entry whose value has fields of its own. */
export function ItemCard(props: {
  path: string
  title: ReactNode
  summary?: string
  open: boolean
  onToggle: () => void
  actions: ReactNode
  /** Errors about the item itself. */
  errors: readonly FieldError[]
  /** Errors inside the item, listed on the card while it is folded. */
  innerErrors: readonly FieldError[]
  children: ReactNode
}) {
  const shownErrors = props.open ? props.errors : [...props.errors, ...props.innerErrors]
  return (
    <div className="sf-card" data-field={props.path} data-invalid={shownErrors.length > 0 ? 'true' : undefined}>
      <div className="sf-card-head">
        <button type="button" className="sf-disclosure" aria-expanded={props.open} onClick={props.onToggle} aria-label={props.open ? 'Collapse' : 'Expand'}>
          <span className="sf-chevron" data-open={props.open} aria-hidden="true" />
        </button>
        <span className="sf-card-title">{props.title}</span>
        {props.summary && <span className="sf-card-summary">{props.summary}</span>}
        <span className="sf-card-actions">{props.actions}</span>
      </div>
      <ErrorList errors={shownErrors} path={props.path} />
      {props.open && <div className="sf-card-body">{props.children}</div>}
    </div>
  )
}
