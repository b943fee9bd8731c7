import { useRef, useState } from 'react'
import { fieldId, useFormContext } from '../context'
import { fitsKind, holdsTemplate, initialValue } from '../schema'
import { ArrayField } from './ArrayField'
import { BooleanField, ChoiceField } from './ChoiceField'
import { JsonField } from './JsonField'
import { MapField } from './MapField'
import { NumberField } from './NumberField'
import { ObjectField } from './ObjectField'
import type { FieldProps, FieldViewProps } from './props'
import { StringField, TemplateField } from './StringField'
import { UnionField } from './UnionField'

/** Picks the widget for a field; every container renders its children through this. */
export function FieldView(props: FieldViewProps) {
  const { idPrefix, fieldActions } = useFormContext()
  const { field, value, ancestors } = props
  const id = props.id ?? fieldId(idPrefix, props.path)
  // a union's variant is drawn inside the union's field, which has the actions already
  const extra = props.embedded ? null : fieldActions?.({ path: props.path, label: props.label, value, onChange: props.onChange })
  if (field.refName && ancestors.includes(field.refName) && (value === undefined || value === null)) {
    // A model nested in itself would render forever; with no data below, offer JSON instead.
    return <JsonField {...props} id={id} note="Recursive structure: enter it as JSON." />
  }
  const inner: FieldProps = {
    ...props,
    id,
    ancestors: field.refName ? [...ancestors, field.refName] : ancestors,
    actions: extra ? (
      <>
        {props.actions}
        {extra}
      </>
    ) : (
      props.actions
    ),
  }
  // Numbers take a template string in the same input, so they need no mode switch.
  if (field.template && field.kind !== 'number' && field.kind !== 'integer') return <TemplateSwitch {...inner} />
  return <KindView {...inner} />
}

function KindView(props: FieldProps) {
  const { field } = props
  if (!fitsKind(field, props.value)) {
    return <JsonField {...props} note="This value does not match the schema; it is kept as is. Edit it as JSON." />
  }
  switch (field.kind) {
    case 'string':
      return <StringField {...props} />
    case 'number':
    case 'integer':
      return <NumberField {...props} />
    case 'boolean':
      return <BooleanField {...props} />
    case 'enum':
    case 'const':
      return <ChoiceField {...props} field={field} />
    case 'object':
      return <ObjectField {...props} field={field} />
    case 'map':
      return <MapField {...props} field={field} />
    case 'array':
      return <ArrayField {...props} field={field} />
    case 'union':
      return <UnionField {...props} field={field} />
    case 'json':
      return <JsonField {...props} />
  }
}

/**
 * Fields that Dagster lets hold a template string instead of their real type. The mode follows
 * the value (a string means template); the `{}` toggle switches it. A list or mapping cannot
 * become a template string (or the reverse), so the other mode starts empty, and the value it
 * replaced is kept here: toggling back brings it back as it was.
 */
function TemplateSwitch(props: FieldProps) {
  const { disabled } = useFormContext()
  const { field, value, onChange } = props
  const [forced, setForced] = useState(false)
  const other = useRef<unknown>(undefined)
  const active = holdsTemplate(field, value) || (forced && (value === undefined || value === null))

  const toggle = () => {
    setForced(!active)
    const restored = other.current
    other.current = value
    // List items and map values must keep a value, so they get the other mode's empty value.
    const empty = props.bare ? (active ? initialValue({ ...field, template: false }) : '') : undefined
    const next = restored === undefined || restored === null ? empty : restored
    if (next !== value) onChange(next)
  }
  const button = (
    <button
      type="button"
      className="sf-template-toggle"
      aria-pressed={active}
      disabled={disabled}
      title={active ? 'Use the structured editor (toggling back brings the template back)' : 'Use a template string, e.g. {{ env.VALUE }}'}
      aria-label={`${props.label}: ${active ? 'use structured editor' : 'use template string'}`}
      onClick={toggle}
    >
      {'{}'}
    </button>
  )
  const actions = (
    <>
      {props.actions}
      {button}
    </>
  )
  return active ? <TemplateField {...props} actions={actions} /> : <KindView {...props} actions={actions} />
}
