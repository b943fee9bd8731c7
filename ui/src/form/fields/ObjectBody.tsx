import { useState, type ReactNode } from 'react'
import { useFormContext } from '../context'
import { joinPath, splitErrors } from '../errors'
import { normalizeSchema, visibleProperties, type FieldOf, type VisibleProperty } from '../schema'
import { humanize } from '../text'
import type { FieldError, JSONSchema } from '../types'
import { asObject, renameKey, setKey, type Obj } from '../value'
import { ErrorList } from './ErrorList'
import { FieldView } from './FieldView'
import { MapEditor } from './MapField'
import { OtherAttributes } from './OtherAttributes'

export interface ObjectBodyProps {
  field: FieldOf<'object'>
  path: string
  value: unknown
  onChange: (next: Obj) => void
  /** Errors at or below `path`; those about `path` itself are the caller's to show. */
  errors: readonly FieldError[]
  ancestors: readonly string[]
  /** Constants written by the union variant picker; their properties are not shown. */
  discriminators?: Record<string, unknown>
  /** The root form lists optional fields after a divider; nested objects fold them into a group. */
  layout: 'divider' | 'group'
}

/** `additionalProperties: true`: any value. */
const ANY: JSONSchema = {}

/** The fields of an object: required first, then optional, then keys the schema does not know. */
export function ObjectBody(props: ObjectBodyProps) {
  const { root } = useFormContext()
  const { field, path, ancestors } = props
  const obj = asObject(props.value)
  const discriminators = props.discriminators ?? {}

  const rows = visibleProperties(field, root, discriminators)
  const known = new Set(field.properties.map((p) => p.key))
  const extraKeys = Object.keys(obj).filter((k) => !known.has(k))
  const { own, byChild } = splitErrors(props.errors, path, [...rows.map((r) => r.key), ...extraKeys])
  const leftover = own.filter((e) => e.field !== path || path === '')

  const render = (row: VisibleProperty) => (
    <FieldView
      key={row.key}
      field={row.field}
      path={joinPath(path, row.key)}
      label={humanize(row.field.title ?? row.key)}
      value={obj[row.key]}
      onChange={(next) => props.onChange(setKey(obj, row.key, next))}
      required={row.required}
      errors={byChild.get(row.key) ?? []}
      ancestors={ancestors}
    />
  )

  const required = rows.filter((r) => r.required)
  const optional = rows.filter((r) => !r.required)
  const optionalPart = (): ReactNode => {
    if (optional.length === 0) return null
    // Folding one or two fields away saves nothing; with nothing required there is nothing to set them apart from.
    if (required.length === 0 || (props.layout === 'group' && optional.length <= 2)) return optional.map(render)
    if (props.layout === 'group') return <OptionalGroup rows={optional} obj={obj} path={path} byChild={byChild} render={render} />
    return (
      <>
        <div className="sf-divider" role="separator">
          <span>Optional</span>
        </div>
        {optional.map(render)}
      </>
    )
  }

  const extras = extraKeys.map((k): [string, unknown] => [k, obj[k]])
  return (
    <div className="sf-object">
      <ErrorList errors={leftover} path={path} className={path === '' ? 'sf-form-errors' : undefined} />
      {path === '' && rows.length === 0 && extras.length === 0 && !field.additional && <p className="sf-empty">No attributes to configure.</p>}
      {required.map(render)}
      {optionalPart()}
      {field.additional ? (
        <MapEditor
          title="Additional properties"
          path={path}
          label="Additional property"
          valueField={normalizeSchema(typeof field.schema.additionalProperties === 'object' ? field.schema.additionalProperties : ANY, root)}
          entries={extras}
          taken={(k) => k in obj || known.has(k)}
          onSet={(k, v) => props.onChange(setKey(obj, k, v))}
          onRename={(from, to) => props.onChange(renameKey(obj, from, to))}
          errorsByKey={byChild}
          ancestors={ancestors}
        />
      ) : (
        extras.length > 0 && <OtherAttributes path={path} entries={extras} errorsByKey={byChild} />
      )}
    </div>
  )
}

/**
 * Optional fields of a nested object, folded. Set fields stay visible while folded, and a field
 * shown that way stays until the group is toggled, so clearing it does not yank it from under the
 * cursor. The group opens by itself when a hidden field has an error.
 */
function OptionalGroup(props: {
  rows: VisibleProperty[]
  obj: Obj
  path: string
  byChild: Map<string, FieldError[]>
  render: (row: VisibleProperty) => ReactNode
}) {
  const { rows, obj, byChild } = props
  const [open, setOpen] = useState<boolean | null>(null)
  const [pinned, setPinned] = useState<ReadonlySet<string>>(() => new Set())
  const isSet = (key: string) => obj[key] !== undefined
  const shown = rows.filter((r) => isSet(r.key) || pinned.has(r.key))
  const hiddenErrors = rows.filter((r) => !shown.includes(r)).flatMap((r) => byChild.get(r.key) ?? [])
  const isOpen = open ?? hiddenErrors.length > 0
  if (!isOpen && shown.some((r) => !pinned.has(r.key))) {
    setPinned(new Set(shown.map((r) => r.key)))
  }
  const setCount = rows.filter((r) => isSet(r.key)).length

  return (
    <div className="sf-optional" data-open={isOpen}>
      <button
        type="button"
        className="sf-optional-toggle"
        aria-expanded={isOpen}
        onClick={() => {
          setOpen(!isOpen)
          setPinned(new Set())
        }}
      >
        <span className="sf-chevron" data-open={isOpen} aria-hidden="true" />
        Optional
        <span className="sf-count">
          {setCount} of {rows.length} set
        </span>
      </button>
      {isOpen ? rows.map(props.render) : shown.map(props.render)}
      {!isOpen && <ErrorList errors={hiddenErrors} path={props.path} />}
    </div>
  )
}
