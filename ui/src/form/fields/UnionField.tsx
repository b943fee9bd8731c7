import { useRef, useState } from 'react'
import { useFormContext } from '../context'
import { isInvalid } from '../errors'
import { hasVisibleContent, inferVariant, initialValue, placeholderFor, type FieldOf, type Variant } from '../schema'
import { isObject, type Obj } from '../value'
import { Description } from './Description'
import { FieldShell } from './FieldShell'
import { FieldView } from './FieldView'
import { ObjectBody } from './ObjectBody'
import { shellOf, type FieldProps } from './props'

/**
 * A value that is one of several shapes, e.g. a partitions definition or "a script spec or a
 * template string". The picker is labelled by each variant's title; the active variant is read
 * from the value, and the user's last pick only settles ties (such as `{}`).
 */
export function UnionField(props: FieldProps<FieldOf<'union'>>) {
  const { disabled, root } = useFormContext()
  const { field, value, path, required } = props
  const [chosen, setChosen] = useState(-1)
  const [open, setOpen] = useState(true)
  const unset = value === undefined || value === null
  // A required union with no value yet shows its first variant, so its fields are ready to fill;
  // not when that variant is a model already open above, which would nest without end.
  const first = field.variants[0].field
  const autoPick = required && !(first.refName && props.ancestors.includes(first.refName))
  const active = unset ? (chosen >= 0 ? chosen : autoPick ? 0 : -1) : inferVariant(field, value, chosen)
  const variant = active >= 0 ? field.variants[active] : undefined

  // what each variant held when the user switched away from it: switching back restores it
  const held = useRef(new Map<number, unknown>())
  const pick = (index: number) => {
    setChosen(index)
    if (!unset) held.current.set(active, value)
    const next = field.variants[index]
    const kept = held.current.get(index)
    if (kept !== undefined) props.onChange(kept)
    else if (!next) props.onChange(undefined)
    else if (next.field.kind === 'object') props.onChange({ ...(initialValue(next.field) as Obj), ...next.discriminators })
    // Other shapes start empty: nothing is written until the user types.
    else if (!unset) props.onChange(undefined)
  }

  const hasBody = variant !== undefined && (variant.field.kind !== 'object' || hasVisibleContent(variant.field, root, variant.discriminators, value))
  const foldable = hasBody && variant.field.kind === 'object' && !props.bare
  const showBody = hasBody && (open || !foldable)
  // Whatever the body does not show (folded, or nothing to show) is listed on the field itself.
  const own = showBody ? props.errors.filter((e) => e.field === path) : props.errors
  const inner = showBody ? props.errors.filter((e) => e.field !== path) : []

  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl
      errors={own}
      collapse={foldable ? { open, toggle: () => setOpen(!open) } : undefined}
    >
      <select
        id={props.id}
        className="sf-input sf-select sf-variant-select"
        value={active < 0 ? '' : String(active)}
        disabled={disabled}
        aria-label={props.bare ? `${props.label} type` : undefined}
        aria-required={required || undefined}
        aria-invalid={isInvalid(own) || undefined}
        onChange={(e) => pick(e.target.value === '' ? -1 : Number(e.target.value))}
      >
        {(!required || active < 0) && <option value="">{required ? 'Select…' : '—'}</option>}
        {field.variants.map((v, i) => (
          <option key={i} value={String(i)}>
            {v.label}
          </option>
        ))}
      </select>
      {showBody && <VariantBody {...props} variant={variant} errors={inner} />}
    </FieldShell>
  )
}

/** The active variant: an object's fields in a nested panel, or the variant's own widget. */
function VariantBody(props: FieldProps<FieldOf<'union'>> & { variant: Variant }) {
  const { variant, value, path } = props
  if (variant.field.kind === 'object') {
    const discriminators = variant.discriminators
    return (
      <div className="sf-nested">
        {variant.field.description && <Description text={variant.field.description} />}
        <ObjectBody
          field={variant.field}
          path={path}
          value={value}
          // Typing into a variant shown before anything was written must still record which one.
          onChange={(next) => props.onChange(isObject(value) ? next : { ...discriminators, ...next })}
          errors={props.errors}
          ancestors={variant.field.refName ? [...props.ancestors, variant.field.refName] : props.ancestors}
          discriminators={discriminators}
          layout="group"
        />
      </div>
    )
  }
  const placeholder = placeholderFor(props.field) ?? (variant.label === 'Template' ? '{{ template }}' : undefined)
  return (
    <FieldView
      field={variant.field}
      path={path}
      id={`${props.id}--value`}
      label={`${props.label} (${variant.label})`}
      value={value}
      onChange={props.onChange}
      required={props.required}
      errors={props.errors}
      ancestors={props.ancestors}
      placeholder={variant.field.kind === 'string' ? placeholder : undefined}
      bare
      embedded
    />
  )
}
