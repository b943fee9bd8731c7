// The pieces the builder forms are made of: a labelled field with its help and error, radios,
// key/value rows, a searchable asset picker, the live matches of a selection, a timezone.
import { useMemo, useState, type ReactNode } from 'react'
import type { DefaultStatus, Target } from '../api/builders'
import { useSelection } from '../api/selection'
import type { Definitions } from '../api/types'
import { Spinner } from '../ui/bits'
import { plural } from '../ui/names'
import { Ticked } from '../ui/Ticked'
import { useDebounced } from '../ui/useDebounced'
import { timezones } from './cron'
import type { Pair } from './values'

interface FieldProps {
  label: ReactNode
  /** the control's id, which the label names */
  id?: string
  help?: ReactNode
  error?: string | null
  /** a button beside the label */
  action?: ReactNode
  children: ReactNode
}

export function Field({ label, id, help, error, action, children }: FieldProps) {
  const head = id ? (
    <label className="field-label" htmlFor={id}>
      {label}
    </label>
  ) : (
    <div className="field-label">{label}</div>
  )
  return (
    <div className="builder-field">
      {action ? (
        <div className="builder-field-head">
          {head}
          {action}
        </div>
      ) : (
        head
      )}
      {children}
      {help && <div className="field-help">{typeof help === 'string' ? <Ticked text={help} /> : help}</div>}
      {error && (
        <div className="field-error" role="alert">
          <Ticked text={error} />
        </div>
      )}
    </div>
  )
}

interface RadiosProps<T extends string> {
  label: string
  options: ReadonlyArray<{ id: T; label: string; disabled?: boolean }>
  value: T
  onChange: (value: T) => void
}

/** One of a few, side by side. */
export function Radios<T extends string>({ label, options, value, onChange }: RadiosProps<T>) {
  return (
    <div className="segmented builder-radios" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          role="radio"
          aria-checked={value === option.id}
          disabled={option.disabled}
          onClick={() => onChange(option.id)}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}

interface PairsProps {
  label: string
  pairs: Pair[]
  onChange: (pairs: Pair[]) => void
  keyLabel?: string
  valueLabel?: string
  error?: string | null
}

/** Key/value rows (tags, columns and their types), one more row to fill at the end. */
export function PairsEditor({ label, pairs, onChange, keyLabel = 'Key', valueLabel = 'Value', error }: PairsProps) {
  const rows = [...pairs, { key: '', value: '' }]
  const set = (index: number, pair: Pair) => {
    const next = rows.map((row, i) => (i === index ? pair : row))
    onChange(next.filter((row, i) => i < next.length - 1 || row.key || row.value))
  }
  return (
    <Field label={label} error={error}>
      <div className="builder-pairs" role="group" aria-label={label}>
        {rows.map((row, index) => (
          <div className="builder-pair" key={index}>
            <input
              className="text mono"
              aria-label={`${label} ${keyLabel.toLowerCase()} ${index + 1}`}
              placeholder={keyLabel}
              value={row.key}
              onChange={(event) => set(index, { ...row, key: event.target.value })}
            />
            <input
              className="text mono"
              aria-label={`${label} ${valueLabel.toLowerCase()} ${index + 1}`}
              placeholder={valueLabel}
              value={row.value}
              onChange={(event) => set(index, { ...row, value: event.target.value })}
            />
            {index < rows.length - 1 ? (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${label.toLowerCase()} ${row.key || index + 1}`}
                onClick={() => onChange(pairs.filter((_, i) => i !== index))}
              >
                ×
              </button>
            ) : (
              <span />
            )}
          </div>
        ))}
      </div>
    </Field>
  )
}

interface AssetPickerProps {
  label: string
  id: string
  /** the keys to pick from */
  keys: readonly string[]
  selected: readonly string[]
  onChange: (selected: string[]) => void
  /** one asset, not a set */
  single?: boolean
  error?: string | null
  help?: ReactNode
  action?: ReactNode
}

const SHOWN_KEYS = 200

/** Existing assets to pick, found by typing part of their key. */
export function AssetPicker({ label, id, keys, selected, onChange, single = false, error, help, action }: AssetPickerProps) {
  const [search, setSearch] = useState('')
  const found = useMemo(() => {
    const needle = search.trim().toLowerCase()
    return keys.filter((key) => key.toLowerCase().includes(needle))
  }, [keys, search])
  const toggle = (key: string, on: boolean) => {
    if (single) onChange(on ? [key] : [])
    else onChange(on ? [...selected, key] : selected.filter((k) => k !== key))
  }
  return (
    <Field
      label={label}
      id={id}
      error={error}
      action={action}
      help={
        <>
          {selected.length > 0 ? (
            <span>
              {single ? 'Picked' : `${plural(selected.length, 'asset')} picked`}: <code>{selected.join(', ')}</code>
            </span>
          ) : (
            'None picked.'
          )}{' '}
          {help}
        </>
      }
    >
      <input
        id={id}
        className="text"
        type="search"
        placeholder={`Search ${plural(keys.length, 'asset')}`}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        // Enter narrows the list; it does not save the form
        onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
      />
      <ul className="builder-picker" aria-label={`${label}: assets`}>
        {found.slice(0, SHOWN_KEYS).map((key) => (
          <li key={key}>
            <label>
              <input
                type={single ? 'radio' : 'checkbox'}
                name={id}
                checked={selected.includes(key)}
                onChange={(event) => toggle(key, event.target.checked)}
              />{' '}
              <span className="mono">{key}</span>
            </label>
          </li>
        ))}
        {found.length === 0 && <li className="muted">No asset matches.</li>}
        {found.length > SHOWN_KEYS && <li className="muted">and {found.length - SHOWN_KEYS} more: type to narrow</li>}
      </ul>
    </Field>
  )
}

const LISTED = 30

/** What a selection matches now, evaluated by Dagster as the user types; matching nothing is a
 * warning: the assets may come later. */
export function SelectionMatches({ projectId, text, definitions }: { projectId: string; text: string; definitions: Definitions | undefined }) {
  const query = useDebounced(text.trim(), 300)
  const selection = useSelection(projectId, query, definitions)
  if (!text.trim()) return null
  const current = query === text.trim()
  const error = selection.data?.error ?? selection.error?.message ?? null
  if (!current || selection.isPending) return <Spinner label="Asking Dagster what it selects…" />
  if (error) {
    return (
      <div className="field-error" role="status" aria-label="Selection matches">
        <Ticked text={error} />
      </div>
    )
  }
  const keys = selection.data?.keys ?? []
  if (keys.length === 0) {
    return (
      <div className="notice warn builder-matches" role="status" aria-label="Selection matches">
        It selects no asset now.
      </div>
    )
  }
  return (
    <div className="builder-matches" role="status" aria-label="Selection matches">
      <div>Selects {plural(keys.length, 'asset')}:</div>
      <ul className="mono">
        {keys.slice(0, LISTED).map((key) => (
          <li key={key}>{key}</li>
        ))}
        {keys.length > LISTED && <li className="muted">and {keys.length - LISTED} more</li>}
      </ul>
    </div>
  )
}

export function TimezoneInput({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const zones = useMemo(() => timezones(), [])
  return (
    <>
      <input id={id} className="text mono" list={`${id}-zones`} value={value} onChange={(event) => onChange(event.target.value)} />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  )
}

interface TargetPickerProps {
  projectId: string
  definitions: Definitions | undefined
  idPrefix: string
  value: Target | null
  onChange: (value: Target | null) => void
  /** launching nothing is a choice too */
  optional?: boolean
  /** only a job will do */
  jobOnly?: boolean
  error?: string | null
  /** puts the form aside to pick the selection's assets on the graph */
  onPickOnGraph?: (from: HTMLElement) => void
}

type TargetKind = 'job' | 'selection' | 'none'

const targetKind = (value: Target | null): TargetKind => (value === null ? 'none' : value.job !== undefined ? 'job' : 'selection')

/** What a schedule or sensor launches: one of the project's jobs, or the assets of a selection
 * (with what it selects now). */
export function TargetPicker({ projectId, definitions, idPrefix, value, onChange, optional = false, jobOnly = false, error, onPickOnGraph }: TargetPickerProps) {
  const jobs = definitions?.jobs ?? []
  const kind = targetKind(value)
  const options: Array<{ id: TargetKind; label: string; disabled?: boolean }> = [
    { id: 'job', label: 'Job' },
    { id: 'selection', label: 'Asset selection', disabled: jobOnly },
  ]
  if (optional) options.push({ id: 'none', label: 'Nothing' })
  const pick = (next: TargetKind) =>
    onChange(next === 'job' ? { job: jobs[0]?.name ?? '' } : next === 'selection' ? { selection: '' } : null)
  const job = value?.job !== undefined ? jobs.find((j) => j.name === value.job) : undefined
  return (
    <Field
      label="Target"
      error={error}
      action={value?.selection !== undefined && onPickOnGraph ? <PickOnGraphButton onClick={onPickOnGraph} /> : undefined}
    >
      <Radios label="Target" options={options} value={kind} onChange={pick} />
      {value?.job !== undefined && (
        <>
          <select
            id={`${idPrefix}-job`}
            aria-label="Job"
            className="text"
            value={value.job}
            onChange={(event) => onChange({ job: event.target.value })}
          >
            {value.job === '' && <option value="">Pick a job</option>}
            {!job && value.job !== '' && <option value={value.job}>{value.job} (not in the definitions now)</option>}
            {jobs.map((j) => (
              <option key={j.name} value={j.name}>
                {j.name}
              </option>
            ))}
          </select>
          <div className="field-help">
            {jobs.length === 0 ? 'The project has no job yet: create one in the Jobs tab.' : job ? `${job.name} materializes ${plural(job.asset_keys.length, 'asset')}.` : null}
          </div>
        </>
      )}
      {value?.selection !== undefined && (
        <>
          <input
            id={`${idPrefix}-selection`}
            aria-label="Asset selection"
            className="text mono"
            placeholder="group:sales or key:raw/* or *orders"
            value={value.selection}
            onChange={(event) => onChange({ selection: event.target.value })}
          />
          <SelectionMatches projectId={projectId} text={value.selection} definitions={definitions} />
        </>
      )}
    </Field>
  )
}

/** Whether the daemon runs it as soon as the project is deployed, before anyone turns it on. */
export function DefaultStatusField({ value, onChange }: { value: DefaultStatus; onChange: (value: DefaultStatus) => void }) {
  return (
    <label className="builder-check">
      <input type="checkbox" checked={value === 'RUNNING'} onChange={(event) => onChange(event.target.checked ? 'RUNNING' : 'STOPPED')} /> On by
      default <span className="muted">(running as soon as Dagster loads it; otherwise someone turns it on)</span>
    </label>
  )
}

export function NameField({ id, value, onChange, error, help }: { id: string; value: string; onChange: (value: string) => void; error: string | null; help?: ReactNode }) {
  return (
    <Field label="Name" id={id} error={error} help={help ?? 'A Python name: letters, digits and underscores.'}>
      <input id={id} className="text mono" autoFocus value={value} spellCheck={false} onChange={(event) => onChange(event.target.value)} />
    </Field>
  )
}

export function DescriptionField({ id, value, onChange, error }: { id: string; value: string; onChange: (value: string) => void; error: string | null }) {
  return (
    <Field label="Description" id={id} error={error}>
      <textarea id={id} className="text" rows={2} value={value} onChange={(event) => onChange(event.target.value)} />
    </Field>
  )
}

/** The button that puts the form aside to pick assets on the graph. */
export function PickOnGraphButton({ onClick, disabled = false }: { onClick: (from: HTMLElement) => void; disabled?: boolean }) {
  return (
    <button type="button" className="button small builder-pick-button" disabled={disabled} onClick={(event) => onClick(event.currentTarget)}>
      Pick on the graph
    </button>
  )
}
