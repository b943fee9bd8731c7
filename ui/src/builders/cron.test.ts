import { describe, expect, test } from 'vitest'
import { cronWords, fromCron, timeText, toCron, withRhythm, type Simple } from './cron'

describe('simple rhythms and cron', () => {
  const cases: Array<[Simple, string]> = [
    [{ every: 'minutes', minutes: 15 }, '*/15 * * * *'],
    [{ every: 'minutes', minutes: 1 }, '* * * * *'],
    [{ every: 'hour', minute: 30 }, '30 * * * *'],
    [{ every: 'day', hour: 9, minute: 0 }, '0 9 * * *'],
    [{ every: 'weekday', hour: 18, minute: 45 }, '45 18 * * 1-5'],
    [{ every: 'week', day: 0, hour: 6, minute: 5 }, '5 6 * * 0'],
    [{ every: 'month', hour: 0, minute: 0 }, '0 0 1 * *'],
  ]
  test.each(cases)('%o is %s, and back', (simple, cron) => {
    expect(toCron(simple)).toBe(cron)
    expect(fromCron(cron)).toEqual(simple)
  })

  test('extra spaces and Sunday as 7 read as the same rhythm', () => {
    expect(fromCron('  0   9 * * 7 ')).toEqual({ every: 'week', day: 0, hour: 9, minute: 0 })
  })

  test.each([
    '0 9 * * MON', // names
    '0 9,17 * * *', // lists
    '0 9 15 * *', // another day of the month
    '0 9 * 1 *', // a month
    '0 24 * * *', // out of range
    '60 * * * *',
    '*/0 * * * *',
    '0 9 * *', // four fields
    '@daily',
    '',
  ])('%s stays a cron expression', (cron) => {
    expect(fromCron(cron)).toBeNull()
  })
})

test('switching the rhythm keeps the time of day', () => {
  const daily: Simple = { every: 'day', hour: 7, minute: 30 }
  expect(withRhythm(daily, 'weekday')).toEqual({ every: 'weekday', hour: 7, minute: 30 })
  expect(withRhythm(daily, 'week')).toEqual({ every: 'week', day: 1, hour: 7, minute: 30 })
  expect(withRhythm(daily, 'hour')).toEqual({ every: 'hour', minute: 30 })
  expect(withRhythm({ every: 'hour', minute: 10 }, 'month')).toEqual({ every: 'month', hour: 9, minute: 10 })
  expect(withRhythm(daily, 'minutes')).toEqual({ every: 'minutes', minutes: 15 })
})

test('the time input reads hours and minutes with two digits', () => {
  expect(timeText(9, 5)).toBe('09:05')
})

test('cron in words, or nothing for what cronstrue cannot read', () => {
  expect(cronWords('0 9 * * 1-5')).toBe('At 09:00 AM, Monday through Friday')
  expect(cronWords('*/15 * * * *')).toBe('Every 15 minutes')
  expect(cronWords('not cron')).toBeNull()
})
