import { useFormContext } from '../context'
import { isInvalid } from '../errors'
import type { FieldOf } from '../schema'
import { preview } from '../text'
import { FieldShell } from './FieldShell'
import { shellOf, type FieldProps } from './props'

function emptyLabel(required: boolean, defaultValue: unknown): string {
  if (defaultValue !== undefined) return `— (default: ${preview(defaultValue)})`
  return required ? 'Select…' : '—'
}

/** A select over the allowed values of an enum (or a lone const); "—" leaves the key unset. */
export function ChoiceField(props: FieldProps<FieldOf<'enum'> | FieldOf<'const'>>) {
  const { disabled } = useFormContext()
  const { field } = props
  const options = field.kind === 'enum' ? field.options : [field.value]
  const index = options.findIndex((option) => option === props.value)
  const showEmpty = !props.required || index < 0
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
    >
      <select
        id={props.id}
        className="sf-input sf-select"
        value={index < 0 ? '' : String(index)}
        disabled={disabled}
        aria-label={props.bare ? props.label : undefined}
        aria-required={props.required || undefined}
        aria-invalid={isInvalid(props.errors) || undefined}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : options[Number(e.target.value)])}
      >
        {showEmpty && <option value="">{emptyLabel(props.required, field.defaultValue)}</option>}
        {options.map((option, i) => (
          <option key={i} value={String(i)}>
            {preview(option)}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

/**
 * Optional booleans are tri-state (unset / true / false) so "unset" can stay out of the file;
 * required ones and list items are plain checkboxes.
 */
export function BooleanField(props: FieldProps) {
  const { disabled } = useFormContext()
  const { field, value } = props
  const common = {
    id: props.id,
    disabled,
    'aria-label': props.bare ? props.label : undefined,
    'aria-invalid': isInvalid(props.errors) || undefined,
  }
  const tristate = !props.required && !props.bare
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
    >
      {tristate ? (
        <select
          {...common}
          className="sf-input sf-select sf-input--short"
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
        >
          <option value="">{emptyLabel(false, field.defaultValue)}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <span className="sf-check">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => props.onChange(e.target.checked)} />
          <span className="sf-muted">{value === undefined || value === null ? 'not set' : String(value)}</span>
        </span>
      )}
    </FieldShell>
  )
}
