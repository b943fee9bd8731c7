import { useFormContext } from '../context'
import { isInvalid } from '../errors'
import { placeholderFor, isTemplateString } from '../schema'
import { useDraft } from '../useDraft'
import { FieldShell } from './FieldShell'
import { shellOf, type FieldProps } from './props'

/** Field names whose values are usually long enough to deserve a textarea. */
const LONG_TEXT = /sql|template|query|script|description/i
/** Of those, the ones holding code, which read better in monospace. */
const CODE_TEXT = /sql|template|query|script/i

function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  // string | int | bool unions (tag values) are edited as text; existing numbers show as typed.
  return typeof value === 'string' ? value : String(value)
}

function TextControl(props: {
  id: string
  value: unknown
  onChange: (next: string | undefined) => void
  multiline: boolean
  placeholder?: string
  required: boolean
  invalid: boolean
  ariaLabel?: string
  /** Monospace, for inputs that hold template expressions. */
  code?: boolean
}) {
  const { disabled } = useFormContext()
  const [text, setText, emitted] = useDraft(props.value, asText)
  const change = (next: string) => {
    setText(next)
    const out = next === '' ? undefined : next
    emitted(out)
    props.onChange(out)
  }
  const className = props.code || isTemplateString(text) ? 'sf-input sf-mono' : 'sf-input'
  const common = {
    id: props.id,
    className,
    value: text,
    placeholder: props.placeholder,
    disabled,
    spellCheck: false,
    'aria-label': props.ariaLabel,
    'aria-required': props.required || undefined,
    'aria-invalid': props.invalid || undefined,
  }
  if (props.multiline || text.includes('\n')) {
    const rows = Math.min(16, Math.max(props.code ? 4 : 2, text.split('\n').length + 1))
    return <textarea {...common} rows={rows} onChange={(e) => change(e.target.value)} />
  }
  return <input {...common} type="text" onChange={(e) => change(e.target.value)} />
}

export function StringField(props: FieldProps) {
  const key = props.path.split('.').pop() ?? ''
  const id = props.id
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
      format={props.field.format}
    >
      <TextControl
        id={id}
        value={props.value}
        onChange={props.onChange}
        multiline={LONG_TEXT.test(key) || LONG_TEXT.test(props.label)}
        code={CODE_TEXT.test(key)}
        placeholder={props.placeholder ?? placeholderFor(props.field)}
        required={props.required}
        invalid={isInvalid(props.errors)}
        ariaLabel={props.bare ? props.label : undefined}
      />
    </FieldShell>
  )
}

/** The single-line input a template-capable field shows in template mode. */
export function TemplateField(props: FieldProps) {
  const id = props.id
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
    >
      <TextControl
        id={id}
        value={props.value}
        onChange={props.onChange}
        multiline={false}
        placeholder={props.placeholder ?? '{{ template }}'}
        required={props.required}
        invalid={isInvalid(props.errors)}
        ariaLabel={props.bare ? props.label : undefined}
        code
      />
    </FieldShell>
  )
}
