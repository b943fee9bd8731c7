import { useState } from 'react'
import type { FieldOf } from '../schema'
import { pruneEmpty } from '../value'
import { FieldShell } from './FieldShell'
import { ObjectBody } from './ObjectBody'
import type { FieldProps } from './props'

/** A nested object as a collapsible fieldset. An optional one the user empties is dropped. */
export function ObjectField(props: FieldProps<FieldOf<'object'>>) {
  const [open, setOpen] = useState(true)
  const own = props.errors.filter((e) => e.field === props.path)
  const inner = props.errors.filter((e) => e.field !== props.path)
  return (
    <FieldShell
      id={props.id}
      path={props.path}
      label={props.label}
      required={props.required}
      labelsControl={false}
      description={props.field.description}
      errors={open ? own : [...own, ...inner]}
      actions={props.actions}
      trailing={props.trailing}
      bare={props.bare}
      embedded={props.embedded}
      collapse={props.bare ? undefined : { open, toggle: () => setOpen(!open) }}
    >
      {open && (
        <div className="sf-nested" id={props.id}>
          <ObjectBody
            field={props.field}
            path={props.path}
            value={props.value}
            onChange={(next) => props.onChange(pruneEmpty(next, props.required || !!props.bare))}
            errors={inner}
            ancestors={props.ancestors}
            layout="group"
          />
        </div>
      )}
    </FieldShell>
  )
}
