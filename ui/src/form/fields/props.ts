import type { ReactNode } from 'react'
import type { Field } from '../schema'
import type { FieldError } from '../types'

export interface FieldProps<F extends Field = Field> {
  field: F
  /** Dotted path of the value, e.g. "assets.0.key"; also the `data-field` of the wrapper. */
  path: string
  label: string
  value: unknown
  /** `undefined` removes the value (the key disappears from the output). */
  onChange: (next: unknown) => void
  required: boolean
  /** Errors at or below `path`; each field shows those it cannot hand to a child. */
  errors: readonly FieldError[]
  /** `$defs` names of the models around this field, to stop on recursive schemas. */
  ancestors: readonly string[]
  /** Element id of the main control. */
  id: string
  /** No label row: list items and map values, whose container names them. */
  bare?: boolean
  /** Rendered inside another field for the same path (a union's active variant): no wrapper attributes. */
  embedded?: boolean
  placeholder?: string
  /** Buttons shown beside the label (or beside the control when bare), e.g. the template toggle. */
  actions?: ReactNode
  /** Buttons after the control of a bare field, e.g. move/remove of a list item. */
  trailing?: ReactNode
}

/** What containers pass to `FieldView`, which fills in the id from the path. */
export type FieldViewProps = Omit<FieldProps, 'id'> & { id?: string }

/** What a field hands its `FieldShell` unchanged; the field sets the others after these, and
 * any of these it changes (its own errors, say). */
export const shellOf = (props: FieldProps) => ({
  id: props.id,
  path: props.path,
  label: props.label,
  required: props.required,
  description: props.field.description,
  errors: props.errors,
  actions: props.actions,
  trailing: props.trailing,
  bare: props.bare,
  embedded: props.embedded,
})
