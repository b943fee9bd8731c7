import { useState } from 'react'
import type { FieldOf } from '../schema'
import { pruneEmpty } from '../value'
import { FieldShell } from './FieldShell'
import { ObjectBody } from './ObjectBody'
import { shellOf, type FieldProps } from './props'

/** A nested object as a collapsible fieldset. An optional one the user empties is dropped. */
export function ObjectField(props: FieldProps<FieldOf<'object'>>) {
  const [open, setOpen] = useState(true)
  const own = props.errors.filter((e) => e.field === props.path)
  const inner = props.errors.filter((e) => e.field !== props.path)
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl={false}
      errors={open ? own : [...own, ...inner]}
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
