import { useState } from 'react'
import { useFormContext } from '../context'
import { isInvalid } from '../errors'
import { formatJson, parseJson } from '../json'
import { useDraft } from '../useDraft'
import { jsonEqual } from '../value'
import { FieldShell } from './FieldShell'
import { shellOf, type FieldProps } from './props'

/**
 * Free-form values as JSON text, parsed on blur. A parse error is shown inline and the text is kept,
 * so nothing the user typed is lost; the value only changes once the text parses.
 */
export function JsonField(props: FieldProps & { note?: string }) {
  const { disabled } = useFormContext()
  const { field } = props
  const expects = field.kind === 'json' ? field.expects : 'any'
  const [text, setText, emitted] = useDraft(props.value, formatJson, jsonEqual)
  const [problem, setProblem] = useState<string | null>(null)

  const commit = () => {
    const parsed = parseJson(text, expects)
    if (!parsed.ok) {
      setProblem(parsed.error)
      return
    }
    setProblem(null)
    if (jsonEqual(parsed.value, props.value)) return
    emitted(parsed.value)
    props.onChange(parsed.value)
  }

  const errors = problem ? [...props.errors, { field: props.path, message: problem }] : props.errors
  const common = {
    id: props.id,
    className: 'sf-input sf-mono',
    value: text,
    disabled,
    spellCheck: false,
    placeholder: expects === 'object' ? '{"key": "value"}' : 'Value or JSON',
    'aria-label': props.bare ? props.label : undefined,
    'aria-invalid': isInvalid(errors) || undefined,
    onBlur: commit,
  }
  // Scalars in lists and maps read better on one line; objects get a textarea.
  const inline = props.bare && expects === 'any' && !text.includes('\n')
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
      errors={errors}
    >
      {props.note && <div className="sf-note">{props.note}</div>}
      {inline ? (
        <input {...common} type="text" onChange={(e) => setText(e.target.value)} />
      ) : (
        <textarea
          {...common}
          rows={Math.min(14, Math.max(2, text.split('\n').length + (text === '' ? 0 : 1)))}
          onChange={(e) => setText(e.target.value)}
        />
      )}
    </FieldShell>
  )
}
