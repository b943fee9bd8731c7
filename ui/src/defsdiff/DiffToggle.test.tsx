import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { DiffLegend } from '../canvas/DiffLayer'
import { overlayOf } from '../canvas/diffOverlay'
import { DiffToggle } from './DiffToggle'

afterEach(cleanup)

test('the toggle turns the changes since HEAD on, since another ref on Enter, and off', () => {
  const onChange = vi.fn()
  const { rerender } = render(<DiffToggle gitRef={null} onChange={onChange} />)
  const toggle = screen.getByRole('button', { name: 'Changes since' })
  expect(toggle.getAttribute('aria-pressed')).toBe('false')
  fireEvent.click(toggle)
  expect(onChange).toHaveBeenLastCalledWith('HEAD')
  rerender(<DiffToggle gitRef="HEAD" onChange={onChange} />)
  expect(toggle.getAttribute('aria-pressed')).toBe('true')
  const field = screen.getByRole('textbox', { name: 'Compare with (branch, tag or commit)' })
  fireEvent.change(field, { target: { value: ' main ' } })
  fireEvent.keyDown(field, { key: 'Enter' })
  expect(onChange).toHaveBeenLastCalledWith('main')
  fireEvent.click(toggle)
  expect(onChange).toHaveBeenLastCalledWith(null)
})

const none = { added: [], removed: [], changed: [] }

test('the legend counts each state and names the fields of each changed asset', () => {
  const overlay = overlayOf({
    ref: 'HEAD',
    commit: 'abc',
    error: null,
    assets: { added: ['a', 'b'], removed: ['c'], changed: [{ key: 'raw/d', fields: ['group', 'tags'] }] },
    asset_checks: none,
    jobs: none,
    schedules: none,
    sensors: none,
  })
  render(<DiffLegend gitRef="HEAD" overlay={overlay} pending={false} error={null} />)
  const legend = screen.getByRole('region', { name: 'Changes since HEAD' })
  expect(legend.textContent).toContain('2 added assets')
  expect(legend.textContent).toContain('1 changed asset')
  expect(legend.textContent).toContain('1 removed asset')
  expect(legend.textContent).toContain('raw/d: group, tags')
})

test('the legend says why there is nothing to show', () => {
  render(<DiffLegend gitRef="nope" overlay={null} pending={false} error="`nope` names no commit of the project's repository." />)
  expect(screen.getByRole('alert').textContent).toContain('names no commit')
})
