import { useMemo, type JSX } from 'react'
import { FormContext, type FieldActions, type FormContextValue } from './context'
import { FieldView } from './fields/FieldView'
import { ObjectBody } from './fields/ObjectBody'
import { normalizeSchema } from './schema'
import type { FieldError, JSONSchema } from './types'
import { asObject } from './value'
import './form.css'

export interface SchemaFormProps {
  /** Root attributes schema, with its `$defs`. */
  schema: JSONSchema
  value: Record<string, unknown> | null | undefined
  onChange: (value: Record<string, unknown>) => void
  /** `field` is a dotted path ("execution.path", "assets.0.key"); null = not tied to a field. */
  errors?: FieldError[]
  disabled?: boolean
  /** Prefix for element ids, default "attr". */
  idPrefix?: string
  /** Controls the caller adds beside some fields, by their dotted path. */
  fieldActions?: FieldActions
}

const NO_ERRORS: FieldError[] = []

/** Edits a component's `attributes` mapping, generated from its JSON Schema. */
export function SchemaForm(props: SchemaFormProps): JSX.Element {
  const { schema, value, onChange, errors = NO_ERRORS, disabled = false, idPrefix = 'attr', fieldActions } = props
  const root = useMemo(() => normalizeSchema(schema), [schema])
  const context = useMemo<FormContextValue>(
    () => ({ idPrefix, disabled, root: schema, fieldActions }),
    [idPrefix, disabled, schema, fieldActions],
  )
  const obj = asObject(value)
  const ancestors = root.refName ? [root.refName] : []
  return (
    <FormContext.Provider value={context}>
      <div className="sf-form" aria-disabled={disabled || undefined}>
        {root.kind === 'object' ? (
          <ObjectBody field={root} path="" value={obj} onChange={onChange} errors={errors} ancestors={ancestors} layout="divider" />
        ) : (
          // Attributes are always a mapping in Dagster; anything else is edited as JSON rather than hidden.
          <FieldView
            field={root}
            path=""
            label="Attributes"
            value={obj}
            onChange={(next) => onChange(asObject(next))}
            required
            errors={errors}
            ancestors={ancestors}
          />
        )}
      </div>
    </FormContext.Provider>
  )
}
