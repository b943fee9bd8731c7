import { createContext, useContext } from 'react'
import type { JSONSchema } from './types'

export interface FormContextValue {
  idPrefix: string
  disabled: boolean
  /** The root schema, against which every `$ref` resolves. */
  root: JSONSchema
}

export const FormContext = createContext<FormContextValue>({ idPrefix: 'attr', disabled: false, root: {} })

export function useFormContext(): FormContextValue {
  return useContext(FormContext)
}

export function fieldId(idPrefix: string, path: string): string {
  return path === '' ? idPrefix : `${idPrefix}.${path}`
}
