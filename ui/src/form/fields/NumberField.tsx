import { useState } from 'react'
import { useFormContext } from '../context'
import { isInvalid } from '../errors'
import { placeholderFor } from '../schema'
import { useDraft } from '../useDraft'
import { FieldShell } from './FieldShell'
import { shellOf, type FieldProps } from './props'

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

function asText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value)
}

/**
 * A text input rather than `type=number`: it keeps half-typed input, and when the schema allows a
 * template string anything that is not a number is kept as that string, without swapping widgets.
 */
export function NumberField(props: FieldProps) {
  const { disabled } = useFormContext()
  const { field } = props
  const integer = field.kind === 'integer'
  const [text, setText, emitted] = useDraft(props.value, asText)
  const [problem, setProblem] = useState<string | null>(null)

  const change = (next: string) => {
    setText(next)
    const trimmed = next.trim()
    let out: unknown
    if (trimmed === '') out = undefined
    else if (NUMBER.test(trimmed) && (!integer || Number.isInteger(Number(trimmed)))) out = Number(trimmed)
    else if (field.template) out = next
    else {
      setProblem(integer ? 'Enter a whole number.' : 'Enter a number.')
      return
    }
    setProblem(null)
    emitted(out)
    props.onChange(out)
  }

  const errors = problem ? [...props.errors, { field: props.path, message: problem }] : props.errors
  const placeholder = props.placeholder ?? placeholderFor(field) ?? (field.template ? 'Number or {{ template }}' : undefined)
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
      format={field.format}
      errors={errors}
    >
      <input
        id={props.id}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        className={typeof props.value === 'string' ? 'sf-input sf-mono sf-input--short' : 'sf-input sf-input--short'}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        aria-label={props.bare ? props.label : undefined}
        aria-required={props.required || undefined}
        aria-invalid={isInvalid(errors) || undefined}
        onChange={(e) => change(e.target.value)}
      />
    </FieldShell>
  )
}
