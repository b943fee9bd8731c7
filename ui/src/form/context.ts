import { createContext, useContext, type ReactNode } from 'react'
import type { JSONSchema } from './types'

/** Extra controls beside a field's label (a picker of values for it), or null for none. */
export type FieldActions = (field: {
  path: string
  label: string
  value: unknown
  onChange: (next: unknown) => void
}) => ReactNode

export interface FormContextValue {
  idPrefix: string
  disabled: boolean
  /** The root schema, against which every `$ref` resolves. */
  root: JSONSchema
  fieldActions?: FieldActions
}

export const FormContext = createContext<FormContextValue>({ idPrefix: 'attr', disabled: false, root: {} })

export function useFormContext(): FormContextValue {
  return useContext(FormContext)
}

export function fieldId(idPrefix: string, path: string): string {
  return path === '' ? idPrefix : `${idPrefix}.${path}`
}
