import { useEffect, useRef, useState } from 'react'
import { fieldId, useFormContext } from '../context'
import { joinPath, splitErrors } from '../errors'
import { clearedValue, initialValue, normalizeSchema, type Field, type FieldOf } from '../schema'
import { preview } from '../text'
import type { FieldError } from '../types'
import { asObject, isObject, pruneEmpty, renameKey, setKey } from '../value'
import { FieldShell } from './FieldShell'
import { FieldView } from './FieldView'
import { ItemCard } from './ItemCard'
import { ObjectBody } from './ObjectBody'
import { shellOf, type FieldProps } from './props'

const COMPOUND = new Set(['object', 'map', 'array', 'union'])

function isCompound(field: Field): boolean {
  return !field.template && (COMPOUND.has(field.kind) || (field.kind === 'json' && field.expects === 'object'))
}

/** A mapping such as `tags: {team: analytics}`: one key/value row per entry. */
export function MapField(props: FieldProps<FieldOf<'map'>>) {
  const { root } = useFormContext()
  const { field, path } = props
  const obj = asObject(props.value)
  const setObj = (next: Record<string, unknown>) => props.onChange(pruneEmpty(next, props.required || !!props.bare))
  const { own, byChild } = splitErrors(props.errors, path, Object.keys(obj))
  const example = field.examples.find(isObject)
  const [exampleKey, exampleValue] = example ? (Object.entries(example)[0] ?? []) : []
  return (
    <FieldShell
      {...shellOf(props)}
      labelsControl={false}
      errors={own}
    >
      <MapEditor
        path={path}
        label={props.label}
        valueField={normalizeSchema(field.values, root)}
        entries={Object.entries(obj)}
        taken={(k) => k in obj}
        onSet={(k, v) => setObj(setKey(obj, k, v))}
        onRename={(from, to) => setObj(renameKey(obj, from, to))}
        errorsByKey={byChild}
        ancestors={props.ancestors}
        keyPlaceholder={exampleKey}
        valuePlaceholder={exampleValue === undefined || typeof exampleValue === 'object' ? undefined : `e.g. ${preview(exampleValue)}`}
      />
    </FieldShell>
  )
}

export interface MapEditorProps {
  /** Heading, when the editor is a section of an object rather than a field of its own. */
  title?: string
  path: string
  label: string
  valueField: Field
  entries: [string, unknown][]
  taken: (key: string) => boolean
  /** `undefined` removes the entry. */
  onSet: (key: string, value: unknown) => void
  onRename: (from: string, to: string) => void
  errorsByKey: Map<string, FieldError[]>
  ancestors: readonly string[]
  keyPlaceholder?: string
  valuePlaceholder?: string
}

/** Key/value rows; values with fields of their own get a card. Keys are renamed on blur. */
export function MapEditor(props: MapEditorProps) {
  const { idPrefix, disabled } = useFormContext()
  const { path, valueField } = props
  const [newKey, setNewKey] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [folded, setFolded] = useState<ReadonlySet<string>>(() => new Set())
  const container = useRef<HTMLDivElement>(null)
  // Set by "Add": the new entry's value gets focus once it is rendered.
  const focusNext = useRef<string | null>(null)
  useEffect(() => {
    if (focusNext.current === null) return
    const entryPath = joinPath(path, focusNext.current)
    const entry = [...(container.current?.querySelectorAll<HTMLElement>('[data-field]') ?? [])].find((el) => el.dataset.field === entryPath)
    entry?.querySelector<HTMLElement>('.sf-grow input, .sf-grow textarea, .sf-grow select, .sf-card-body input')?.focus()
    focusNext.current = null
  })

  const add = () => {
    const key = newKey.trim()
    if (key === '') return
    if (props.taken(key)) {
      setProblem(`"${key}" is already set.`)
      return
    }
    setProblem(null)
    setNewKey('')
    props.onSet(key, initialValue(valueField))
    focusNext.current = key
  }

  const compound = isCompound(valueField)
  return (
    <div className={props.title ? 'sf-map sf-section' : 'sf-map'} ref={container}>
      {props.title && <div className="sf-section-title">{props.title}</div>}
      {props.entries.map(([key, value]) => {
        const entryPath = joinPath(path, key)
        const errors = props.errorsByKey.get(key) ?? []
        const onValue = (next: unknown) => props.onSet(key, next === undefined ? clearedValue(valueField) : next)
        const keyInput = (
          <KeyInput
            id={`${fieldId(idPrefix, entryPath)}--key`}
            value={key}
            label={`${props.label} key`}
            taken={props.taken}
            onRename={(to) => props.onRename(key, to)}
          />
        )
        const remove = (
          <button type="button" className="sf-icon-btn sf-danger" disabled={disabled} aria-label={`Remove ${key}`} title="Remove" onClick={() => props.onSet(key, undefined)}>
            ×
          </button>
        )
        if (compound) {
          const open = !folded.has(key)
          const own = errors.filter((e) => e.field === entryPath)
          const inner = errors.filter((e) => e.field !== entryPath)
          return (
            <ItemCard
              key={key}
              path={entryPath}
              title={keyInput}
              open={open}
              onToggle={() => setFolded(open ? new Set([...folded, key]) : new Set([...folded].filter((k) => k !== key)))}
              actions={remove}
              errors={own}
              innerErrors={inner}
            >
              {valueField.kind === 'object' && (isObject(value) || value === undefined) ? (
                <ObjectBody
                  field={valueField}
                  path={entryPath}
                  value={value}
                  onChange={onValue}
                  errors={inner}
                  ancestors={valueField.refName ? [...props.ancestors, valueField.refName] : props.ancestors}
                  layout="group"
                />
              ) : (
                <FieldView field={valueField} path={entryPath} label={key} value={value} onChange={onValue} required errors={inner} ancestors={props.ancestors} bare embedded />
              )}
            </ItemCard>
          )
        }
        return (
          <div key={key} className="sf-map-row">
            {keyInput}
            <div className="sf-grow">
              <FieldView
                field={valueField}
                path={entryPath}
                label={key}
                value={value}
                onChange={onValue}
                required
                errors={errors}
                ancestors={props.ancestors}
                placeholder={props.valuePlaceholder}
                bare
                trailing={remove}
              />
            </div>
          </div>
        )
      })}
      <div className="sf-map-add">
        <input
          className="sf-input sf-key sf-mono"
          value={newKey}
          placeholder={props.keyPlaceholder ?? 'key'}
          aria-label={`New ${props.label} key`}
          disabled={disabled}
          spellCheck={false}
          onChange={(e) => {
            setNewKey(e.target.value)
            setProblem(null)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <button type="button" className="sf-add" disabled={disabled || newKey.trim() === ''} onClick={add}>
          + Add
        </button>
      </div>
      {problem && <ul className="sf-errors"><li>{problem}</li></ul>}
    </div>
  )
}

/** Edits an entry's key; the rename happens on blur or Enter, and a taken or empty key reverts. */
function KeyInput(props: { id: string; value: string; label: string; taken: (key: string) => boolean; onRename: (to: string) => void }) {
  const { disabled } = useFormContext()
  const [text, setText] = useState(props.value)
  const [problem, setProblem] = useState<string | null>(null)
  const commit = () => {
    const next = text.trim()
    if (next === props.value) return
    if (next === '' || props.taken(next)) {
      setProblem(next === '' ? null : `"${next}" is already set.`)
      setText(props.value)
      return
    }
    setProblem(null)
    props.onRename(next)
  }
  return (
    <span className="sf-key-wrap">
      <input
        id={props.id}
        className="sf-input sf-key sf-mono"
        value={text}
        aria-label={props.label}
        aria-invalid={problem ? true : undefined}
        title={problem ?? undefined}
        disabled={disabled}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            commit()
          }
        }}
      />
      {problem && <span className="sf-key-problem">{problem}</span>}
    </span>
  )
}
