// The schedule form's simple mode: a few common rhythms, each one cron expression, and back
// (a cron expression none of them writes stays in the cron mode); the words of an expression,
// and the timezones to pick from. Pure.
import cronstrue from 'cronstrue'

export type Simple =
  | { every: 'minutes'; minutes: number }
  | { every: 'hour'; minute: number }
  | { every: 'day'; hour: number; minute: number }
  | { every: 'weekday'; hour: number; minute: number }
  | { every: 'week'; day: number; hour: number; minute: number }
  | { every: 'month'; hour: number; minute: number }

export type Rhythm = Simple['every']

export const RHYTHMS: ReadonlyArray<{ id: Rhythm; label: string }> = [
  { id: 'minutes', label: 'Every few minutes' },
  { id: 'hour', label: 'Every hour' },
  { id: 'day', label: 'Every day' },
  { id: 'weekday', label: 'Every weekday (Monday to Friday)' },
  { id: 'week', label: 'Every week' },
  { id: 'month', label: 'On the first of every month' },
]

export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

export const DEFAULT_SIMPLE: Simple = { every: 'day', hour: 9, minute: 0 }

export function toCron(simple: Simple): string {
  switch (simple.every) {
    case 'minutes':
      return simple.minutes === 1 ? '* * * * *' : `*/${simple.minutes} * * * *`
    case 'hour':
      return `${simple.minute} * * * *`
    case 'day':
      return `${simple.minute} ${simple.hour} * * *`
    case 'weekday':
      return `${simple.minute} ${simple.hour} * * 1-5`
    case 'week':
      return `${simple.minute} ${simple.hour} * * ${simple.day}`
    case 'month':
      return `${simple.minute} ${simple.hour} 1 * *`
  }
}

/** A whole number in [low, high], as cron writes it; null otherwise. */
function number(text: string, low: number, high: number): number | null {
  if (!/^\d{1,2}$/.test(text)) return null
  const value = Number(text)
  return value >= low && value <= high ? value : null
}

/** The simple rhythm `cron` is, or null when it is none of them. */
export function fromCron(cron: string): Simple | null {
  const fields = cron.trim().split(/\s+/)
  if (fields.length !== 5) return null
  const [minuteField, hourField, dayOfMonth, month, dayOfWeek] = fields
  if (month !== '*') return null
  if (hourField === '*' && dayOfMonth === '*' && dayOfWeek === '*') {
    if (minuteField === '*') return { every: 'minutes', minutes: 1 }
    const step = /^\*\/(\d{1,2})$/.exec(minuteField)
    const minutes = step ? number(step[1], 1, 59) : null
    if (minutes !== null) return { every: 'minutes', minutes }
    const minute = number(minuteField, 0, 59)
    return minute === null ? null : { every: 'hour', minute }
  }
  const minute = number(minuteField, 0, 59)
  const hour = number(hourField, 0, 23)
  if (minute === null || hour === null) return null
  if (dayOfMonth === '1' && dayOfWeek === '*') return { every: 'month', hour, minute }
  if (dayOfMonth !== '*') return null
  if (dayOfWeek === '*') return { every: 'day', hour, minute }
  if (dayOfWeek === '1-5') return { every: 'weekday', hour, minute }
  const day = number(dayOfWeek, 0, 7)
  return day === null ? null : { every: 'week', day: day % 7, hour, minute }
}

/** The same rhythm kind with the fields of `from` it shares, so switching keeps the time. */
export function withRhythm(from: Simple, every: Rhythm): Simple {
  const minute = 'minute' in from ? from.minute : 0
  const hour = 'hour' in from ? from.hour : 9
  switch (every) {
    case 'minutes':
      return { every, minutes: from.every === 'minutes' ? from.minutes : 15 }
    case 'hour':
      return { every, minute }
    case 'week':
      return { every, day: from.every === 'week' ? from.day : 1, hour, minute }
    default:
      return { every, hour, minute }
  }
}

/** `09:05` for the time input. */
export const timeText = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`

/** The expression in words, as Dagster's own UI writes them; null when cronstrue cannot read it. */
export function cronWords(cron: string): string | null {
  try {
    return cronstrue.toString(cron, { verbose: false })
  } catch {
    return null
  }
}

/** The timezones the browser knows, UTC first when it leaves it out. */
export function timezones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return known.includes('UTC') ? known : ['UTC', ...known]
}

/** The browser's own timezone: the default of a new schedule. */
export const localTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
