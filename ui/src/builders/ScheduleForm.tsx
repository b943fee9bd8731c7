// A schedule: when (a simple rhythm or a cron expression, always shown in words with its next
// fire times in its timezone) and what it launches.
import { useState } from 'react'
import { useCronPreview, type DefaultStatus, type ScheduleParams, type Target } from '../api/builders'
import { Spinner } from '../ui/bits'
import { useDebounced } from '../ui/useDebounced'
import { BuilderDialog, type FormProps } from './BuilderDialog'
import { useSelectionPicking } from './picking'
import { DAYS, DEFAULT_SIMPLE, RHYTHMS, cronWords, fromCron, localTimezone, timeText, toCron, withRhythm, type Rhythm, type Simple } from './cron'
import { DefaultStatusField, DescriptionField, Field, NameField, Radios, TargetPicker, TimezoneInput } from './fields'
import { fieldError, firstTarget, targetFilled } from './values'

const SHOWN = ['name', 'cron', 'timezone', 'target', 'description', 'default_status']

type Mode = 'simple' | 'cron'

export function ScheduleForm(form: FormProps<'schedule'>) {
  const initial = form.editing?.params
  const [name, setName] = useState(initial?.name ?? '')
  const [description, setDescription] = useState(initial?.description ?? '')
  const initialSimple = initial ? fromCron(initial.cron) : DEFAULT_SIMPLE
  const [mode, setMode] = useState<Mode>(initialSimple ? 'simple' : 'cron')
  const [simple, setSimple] = useState<Simple>(initialSimple ?? DEFAULT_SIMPLE)
  const [cronText, setCronText] = useState(initial?.cron ?? toCron(DEFAULT_SIMPLE))
  const [timezone, setTimezone] = useState(initial?.timezone ?? localTimezone())
  const [target, setTarget] = useState<Target | null>(initial?.target ?? firstTarget(form.definitions))
  const [status, setStatus] = useState<DefaultStatus>(initial?.default_status ?? 'STOPPED')

  const cron = mode === 'simple' ? toCron(simple) : cronText.trim()
  const switchMode = (next: Mode) => {
    if (next === 'cron') setCronText(toCron(simple))
    else setSimple(fromCron(cronText) ?? simple)
    setMode(next)
  }

  const problem = !name.trim()
    ? 'Name the schedule.'
    : !cron
      ? 'Enter a cron expression.'
      : !target || !targetFilled(target)
        ? 'Pick what it runs.'
        : null
  const params: ScheduleParams | null = problem || !target
    ? null
    : { name: name.trim(), cron, timezone: timezone.trim() || 'UTC', target, description, default_status: status }

  const picking = useSelectionPicking({
    projectId: form.projectId,
    definitions: form.definitions,
    what: `schedule ${name.trim() || '(unnamed)'}`,
    text: target?.selection ?? '',
    onPicked: (selection) => setTarget({ selection }),
  })

  return (
    <BuilderDialog kind="schedule" noun="schedule" form={form} params={params} problem={problem} shown={SHOWN} picker={picking.picker}>
      {(errors) => (
        <>
          <NameField id="schedule-name" value={name} onChange={setName} error={fieldError(errors, 'name')} />
          <Field label="When" error={fieldError(errors, 'cron')}>
            <Radios
              label="Schedule type"
              options={[
                { id: 'simple', label: 'Simple' },
                { id: 'cron', label: 'Cron expression' },
              ]}
              value={mode}
              onChange={switchMode}
            />
            {mode === 'simple' ? (
              <SimpleEditor value={simple} onChange={setSimple} />
            ) : (
              <input
                id="schedule-cron"
                aria-label="Cron expression"
                className="text mono"
                value={cronText}
                placeholder="0 9 * * 1-5"
                spellCheck={false}
                onChange={(event) => setCronText(event.target.value)}
              />
            )}
          </Field>
          <Field label="Timezone" id="schedule-timezone" error={fieldError(errors, 'timezone')}>
            <TimezoneInput id="schedule-timezone" value={timezone} onChange={setTimezone} />
          </Field>
          <CronPreview cron={cron} timezone={timezone.trim() || 'UTC'} />
          <TargetPicker
            projectId={form.projectId}
            definitions={form.definitions}
            idPrefix="schedule"
            onPickOnGraph={picking.start}
            value={target}
            onChange={setTarget}
            error={fieldError(errors, 'target')}
          />
          <DescriptionField id="schedule-description" value={description} onChange={setDescription} error={fieldError(errors, 'description')} />
          <DefaultStatusField value={status} onChange={setStatus} />
        </>
      )}
    </BuilderDialog>
  )
}

function SimpleEditor({ value, onChange }: { value: Simple; onChange: (value: Simple) => void }) {
  const setTime = (text: string) => {
    const [hour, minute] = text.split(':').map(Number)
    if (Number.isInteger(hour) && Number.isInteger(minute) && 'hour' in value) onChange({ ...value, hour, minute })
  }
  return (
    <div className="builder-simple">
      <select
        className="text"
        aria-label="Runs"
        value={value.every}
        onChange={(event) => onChange(withRhythm(value, event.target.value as Rhythm))}
      >
        {RHYTHMS.map((rhythm) => (
          <option key={rhythm.id} value={rhythm.id}>
            {rhythm.label}
          </option>
        ))}
      </select>
      {value.every === 'minutes' && (
        <label>
          every{' '}
          <input
            className="text builder-number"
            type="number"
            min={1}
            max={59}
            aria-label="Minutes between runs"
            value={value.minutes}
            onChange={(event) => onChange({ ...value, minutes: Math.min(59, Math.max(1, Math.round(Number(event.target.value)) || 1)) })}
          />{' '}
          minutes
        </label>
      )}
      {value.every === 'hour' && (
        <label>
          at minute{' '}
          <input
            className="text builder-number"
            type="number"
            min={0}
            max={59}
            aria-label="Minute of the hour"
            value={value.minute}
            onChange={(event) => onChange({ ...value, minute: Math.min(59, Math.max(0, Math.round(Number(event.target.value)) || 0)) })}
          />
        </label>
      )}
      {value.every === 'week' && (
        <select className="text" aria-label="Day of the week" value={value.day} onChange={(event) => onChange({ ...value, day: Number(event.target.value) })}>
          {DAYS.map((day, index) => (
            <option key={day} value={index}>
              on {day}
            </option>
          ))}
        </select>
      )}
      {'hour' in value && (
        <label>
          at <input className="text" type="time" aria-label="Time of day" value={timeText(value.hour, value.minute)} onChange={(event) => setTime(event.target.value)} />
        </label>
      )}
      <span className="muted">
        cron <code>{toCron(value)}</code>
      </span>
    </div>
  )
}

/** A time as the schedule's timezone reads it (the browser's format when the zone is unknown). */
function inZone(iso: string, timezone: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: timezone }).format(new Date(iso))
  } catch {
    return new Date(iso).toLocaleString(undefined, options)
  }
}

/** The expression in words and its next five fire times, as the server computes them once
 * typing pauses; cronstrue's words meanwhile. */
function CronPreview({ cron, timezone }: { cron: string; timezone: string }) {
  const [askedCron, askedZone] = useDebounced([cron, timezone].join('\n'), 300).split('\n')
  const preview = useCronPreview(askedCron, askedZone)
  const current = askedCron === cron && askedZone === timezone
  const refused = current && preview.error
  const words = refused ? null : (current && preview.data?.description) || cronWords(cron)
  return (
    <section className="builder-preview" role="status" aria-label="When it runs">
      {words && <div className="builder-words">{words}</div>}
      {refused && <div className="field-error">{preview.error?.message}</div>}
      {(!current || preview.isFetching) && !preview.data && <Spinner label="Computing the next runs…" />}
      {current && preview.data && preview.data.next.length > 0 && (
        <ol className="builder-next" aria-label="Next runs">
          {preview.data.next.map((time) => (
            <li key={time}>
              {inZone(time, timezone)} <span className="muted">({timezone})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
