import { describe, expect, test } from 'vitest'
import { aWarning, someDefinitions } from '../api/definitions.testing'
import type { Asset, Definitions } from '../api/types'
import { plural } from '../ui/names'
import { definitionsStatus, problemSummary, workerBadge } from './status'

const asset = (key: string) => ({ key }) as Asset
const defs = (assets: string[], errors: string[] = [], warnings: string[] = []): Definitions =>
  someDefinitions({
    assets: assets.map(asset),
    errors: errors.map((message) => ({ message })),
    warnings: warnings.map((message) => aWarning({ message })),
  })

describe('definitionsStatus', () => {
  test('before the first answer it is loading, with no problems to tell', () => {
    expect(definitionsStatus(undefined, undefined, null)).toEqual({ loading: true, shown: undefined, stale: false, problems: [], warnings: [] })
  })

  test('loaded: what the canvas shows is what loaded', () => {
    const current = defs(['a', 'b'])
    expect(definitionsStatus(current, current, null)).toEqual({ loading: false, shown: current, stale: false, problems: [], warnings: [] })
  })

  test('broken: the canvas keeps the last load that worked, with the problems of now', () => {
    const status = definitionsStatus(defs([], ['boom']), defs(['a', 'b']), null)
    expect(status.stale).toBe(true)
    expect(status.shown?.assets.map((a) => a.key)).toEqual(['a', 'b'])
    expect(status.problems).toEqual([{ message: 'boom' }])
    expect(status.shown?.errors).toEqual([{ message: 'boom' }])
  })

  test('a failed request is a problem, not "no problems"', () => {
    const status = definitionsStatus(undefined, undefined, new Error('worker unavailable'))
    expect(status.loading).toBe(false)
    expect(status.problems).toEqual([{ message: 'The definitions could not be read: worker unavailable' }])
  })
})

test('plural', () => {
  expect([0, 1, 2].map((n) => plural(n, 'asset'))).toEqual(['0 assets', '1 asset', '2 assets'])
  expect(plural(2, 'match', 'matches')).toBe('2 matches')
})

describe('problemSummary', () => {
  test('says problems and warnings apart, with their plurals', () => {
    expect(problemSummary(0, 0)).toEqual([])
    expect(problemSummary(1, 0)).toEqual([{ tone: 'error', text: '1 problem' }])
    expect(problemSummary(0, 2)).toEqual([{ tone: 'warn', text: '2 warnings' }])
    expect(problemSummary(2, 1).map((p) => p.text).join(', ')).toBe('2 problems, 1 warning')
  })

  test('warnings are told, not counted as problems', () => {
    const status = definitionsStatus(defs(['a'], [], ['dangling']), undefined, null)
    expect(status.problems).toEqual([])
    expect(status.warnings.map((w) => w.message)).toEqual(['dangling'])
  })
})

describe('workerBadge', () => {
  test('a worker stopped for want of clients says it is idle and that the next request starts it', () => {
    const badge = workerBadge({ state: 'stopped', detail: 'idle', restarts: 0 })
    expect(badge.label).toBe('worker stopped (idle)')
    expect(badge.title).toMatch(/next request starts it again/)
  })

  test('other states show their detail and restarts', () => {
    expect(workerBadge({ state: 'ready', detail: null, restarts: 2 })).toEqual({
      label: 'worker ready · 2 restarts',
      title: 'worker ready',
    })
    expect(workerBadge({ state: 'failed', detail: 'no environment', restarts: 0 })).toEqual({
      label: 'worker failed',
      title: 'no environment',
    })
  })
})
