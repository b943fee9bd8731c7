import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useFormContext } from '../context'
import { joinPath, splitErrors } from '../errors'
import { clearedValue, initialValue, normalizeSchema, type Field, type FieldOf } from '../schema'
import { humanize, preview, singular } from '../text'
import { isObject, moveItem, pruneEmpty, removeItem, setItem } from '../value'
import { FieldShell } from './FieldShell'
import { FieldView } from './FieldView'
import { ItemCard } from './ItemCard'
import { ObjectBody } from './ObjectBody'
import { shellOf, type FieldProps } from './props'

/** Item properties that make a good one-line summary on a folded card. */
const SUMMARY_KEYS = ['key', 'name', 'path', 'pipeline', 'asset', 'id', 'source']

function summaryOf(item: unknown): string | undefined {
  if (!isObject(item)) return undefined
  const key = SUMMARY_KEYS.find((k) => typeof item[k] === 'string' && item[k] !== '')
  return key === undefined ? undefined : String(item[key])
}

/** Placeholder for a new item, from the field's first example list. */
function itemPlaceholder(field: Field): string | undefined {
  const example = field.examples[0]
  const first = Array.isArray(example) ? example[0] : undefined
  return first === undefined || typeof first === 'object' ? undefined : `e.g. ${preview(first)}`
}

/** Focuses the first control inside the element marked with `data-field={path}`. */
function focusIn(container: HTMLElement | null, path: string) {
  const target = [...(container?.querySelectorAll<HTMLElement>('[data-field]') ?? [])].find((el) => el.dataset.field === path)
  target?.querySelector<HTMLElement>('input, textarea, select')?.focus()
}

/**
 * Lists: enums become a checkbox group, scalars an editable list of inputs, and objects a card
 * per item. An optional list the user empties is dropped from the output.
 */
export function ArrayField(props: FieldProps<FieldOf<'array'>>) {
  const { root, disabled } = useFormContext()
  const { field, path, label } = props
  const itemField = normalizeSchema(field.items, root)
  const list = Array.isArray(props.value) ? props.value : []
  const setList = (next: unknown[]) => props.onChange(pruneEmpty(next, props.required || !!props.bare))
  const [folded, setFolded] = useState<ReadonlySet<number>>(() => new Set())
  const container = useRef<HTMLDivElement>(null)
  // Set by "Add": the new item's input gets focus once it is rendered.
  const focusNext = useRef<number | null>(null)
  useEffect(() => {
    if (focusNext.current === null) return
    focusIn(container.current, joinPath(path, focusNext.current))
    focusNext.current = null
  })

  const shell = (errors: FieldProps['errors'], body: ReactNode) => (
    <FieldShell
      {...shellOf(props)}
      labelsControl={false}
      errors={errors}
    >
      <div className="sf-list" id={props.id} ref={container}>
        {body}
      </div>
    </FieldShell>
  )

  if (itemField.kind === 'enum' && !itemField.template) {
    return shell(props.errors, <EnumChecklist {...props} options={itemField.options} list={list} setList={setList} />)
  }

  const { own, byChild } = splitErrors(props.errors, path, list.map((_, i) => i))
  const itemName = singular(label)
  const structural = (next: unknown[]) => {
    setFolded(new Set())
    setList(next)
  }
  const controls = (i: number) => (
    <span className="sf-item-actions">
      <button type="button" className="sf-icon-btn" disabled={disabled || i === 0} aria-label={`Move ${itemName} ${i + 1} up`} title="Move up" onClick={() => structural(moveItem(list, i, i - 1))}>
        ↑
      </button>
      <button type="button" className="sf-icon-btn" disabled={disabled || i === list.length - 1} aria-label={`Move ${itemName} ${i + 1} down`} title="Move down" onClick={() => structural(moveItem(list, i, i + 1))}>
        ↓
      </button>
      <button type="button" className="sf-icon-btn sf-danger" disabled={disabled} aria-label={`Remove ${itemName} ${i + 1}`} title="Remove" onClick={() => structural(removeItem(list, i))}>
        ×
      </button>
    </span>
  )

  const items = list.map((item, i) => {
    const itemPath = joinPath(path, i)
    const errors = byChild.get(String(i)) ?? []
    const setValue = (next: unknown) => setList(setItem(list, i, next === undefined ? clearedValue(itemField) : next))
    if (itemField.kind === 'object' && isObject(item)) {
      const open = !folded.has(i)
      return (
        <ItemCard
          key={i}
          path={itemPath}
          title={`${itemName} ${i + 1}`}
          summary={summaryOf(item)}
          open={open}
          onToggle={() => setFolded(open ? new Set([...folded, i]) : new Set([...folded].filter((n) => n !== i)))}
          actions={controls(i)}
          errors={errors.filter((e) => e.field === itemPath)}
          innerErrors={errors.filter((e) => e.field !== itemPath)}
        >
          <ObjectBody
            field={itemField}
            path={itemPath}
            value={item}
            onChange={setValue}
            errors={errors}
            ancestors={itemField.refName ? [...props.ancestors, itemField.refName] : props.ancestors}
            layout="group"
          />
        </ItemCard>
      )
    }
    return (
      <FieldView
        key={i}
        field={itemField}
        path={itemPath}
        label={`${itemName} ${i + 1}`}
        value={item}
        onChange={setValue}
        required
        errors={errors}
        ancestors={props.ancestors}
        placeholder={itemPlaceholder(field)}
        bare
        trailing={controls(i)}
      />
    )
  })

  return shell(
    own,
    <>
      {items}
      <button
        type="button"
        className="sf-add"
        disabled={disabled}
        onClick={() => {
          setList([...list, initialValue(itemField)])
          focusNext.current = list.length
        }}
      >
        + Add {humanize(itemName).toLowerCase()}
      </button>
    </>,
  )
}

/** A list of enum values as checkboxes: order of choice is kept, unknown entries are left alone. */
function EnumChecklist(props: FieldProps<FieldOf<'array'>> & { options: unknown[]; list: unknown[]; setList: (next: unknown[]) => void }) {
  const { disabled } = useFormContext()
  const { options, list, setList } = props
  return (
    <div className="sf-checklist">
      {options.map((option, i) => {
        const id = `${props.id}--${i}`
        const checked = list.includes(option)
        return (
          <label key={i} className="sf-check" htmlFor={id}>
            <input
              id={id}
              type="checkbox"
              checked={checked}
              disabled={disabled}
              onChange={() => setList(checked ? list.filter((v) => v !== option) : [...list, option])}
            />
            <code>{preview(option)}</code>
          </label>
        )
      })}
    </div>
  )
}
