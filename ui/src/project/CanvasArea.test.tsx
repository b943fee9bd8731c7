import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { ComponentType, Definitions } from '../api/types'
import { CanvasArea } from './CanvasArea'
import {
  CANVAS_ACTIONS,
  bindActions,
  handleKey,
  keysText,
  matchesKey,
  type ActionHandler,
  type CanvasActionId,
} from './canvasActions'
import { useHistory } from './useHistory'

const SCRIPT: ComponentType = {
  key: 'dagster.PythonScriptComponent',
  name: 'PythonScriptComponent',
  namespace: 'dagster',
  package: 'dagster',
  kind: 'component',
  summary: 'Runs a Python script.',
  description: null,
  schema: { type: 'object', properties: {} },
  scaffold_params_schema: null,
  aliases: [],
  provides: [],
  tags: [],
}

beforeEach(() => {
  // nothing here should reach the server: answer every request with nothing
  vi.stubGlobal('fetch', vi.fn(async () => new Response('[]', { status: 200 })))
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

interface ScreenProps {
  onAdd: (type: ComponentType) => void
  definitions?: Definitions
  onMaterialize?: (selection: string, label: string) => void
  active?: boolean
}

function Screen({ onAdd, definitions, onMaterialize = () => {}, active = true }: ScreenProps) {
  const history = useHistory()
  return (
    <CanvasArea
      projectId="p1"
      active={active}
      history={history}
      graph={{ nodes: [], edges: [], unplaced: [] }}
      definitions={definitions}
      positions={{}}
      layoutError={null}
      loading={false}
      stale={false}
      selection={{ component: null, asset: null }}
      onSelect={() => {}}
      onDropType={() => {}}
      types={[SCRIPT]}
      onAdd={onAdd}
      runs={undefined}
      onMaterialize={onMaterialize}
      launching={false}
    />
  )
}

function renderScreen(onAdd: (type: ComponentType) => void = () => {}, extra: Omit<ScreenProps, 'onAdd'> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <Screen onAdd={onAdd} {...extra} />
    </QueryClientProvider>,
  )
}

const withAssets = (executable: boolean[]) =>
  ({
    assets: executable.map((is_executable, i) => ({ key: `a${i}`, is_executable })),
    asset_checks: [],
    jobs: [],
    schedules: [],
    sensors: [],
    errors: [],
  }) as unknown as Definitions

test('"m" and the toolbar materialize every asset when nothing is picked', () => {
  const onMaterialize = vi.fn()
  renderScreen(() => {}, { definitions: withAssets([true, false]), onMaterialize })
  fireEvent.keyDown(window, { key: 'm' })
  expect(onMaterialize).toHaveBeenCalledWith('*', 'Materialize all')
  fireEvent.click(screen.getByRole('button', { name: 'Materialize all' }))
  expect(onMaterialize).toHaveBeenCalledTimes(2)
})

test('with nothing Dagster can materialize, Materialize is disabled and its key does nothing', () => {
  const onMaterialize = vi.fn()
  renderScreen(() => {}, { definitions: withAssets([false]), onMaterialize })
  expect((screen.getByRole('button', { name: 'Materialize all' }) as HTMLButtonElement).disabled).toBe(true)
  fireEvent.keyDown(window, { key: 'm' })
  expect(onMaterialize).not.toHaveBeenCalled()
})

test('while another mode covers the canvas, its keys do nothing', () => {
  const onMaterialize = vi.fn()
  renderScreen(() => {}, { definitions: withAssets([true]), onMaterialize, active: false })
  fireEvent.keyDown(window, { key: 'm' })
  fireEvent.keyDown(window, { key: '+', shiftKey: true })
  expect(onMaterialize).not.toHaveBeenCalled()
  expect(screen.queryByRole('dialog', { name: 'Add a component' })).toBeNull()
})

test('"?" shows every action that has keys, with its keys, and nothing else', () => {
  renderScreen()
  fireEvent.keyDown(window, { key: '?', shiftKey: true })
  const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
  const rows = within(help)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))
  const expected = CANVAS_ACTIONS.filter((a) => a.keys.length > 0).map((a) => [keysText(a), a.label])
  expect(rows).toEqual(expected)
  expect(rows).toContainEqual(['+', 'Add a component'])
})

test('"+" opens the add dialog, whose palette adds the type picked', () => {
  const onAdd = vi.fn()
  renderScreen(onAdd)
  expect(screen.queryByRole('dialog', { name: 'Add a component' })).toBeNull()
  fireEvent.keyDown(window, { key: '+', shiftKey: true })
  const dialog = screen.getByRole('dialog', { name: 'Add a component' })
  fireEvent.click(within(dialog).getByRole('button', { name: /^Add / }))
  expect(onAdd).toHaveBeenCalledWith(SCRIPT)
  expect(screen.queryByRole('dialog', { name: 'Add a component' })).toBeNull()
})

test('the toolbar runs the same actions, with their keys in the tooltip', () => {
  renderScreen()
  const add = screen.getByRole('button', { name: 'Add a component' })
  expect(add.getAttribute('title')).toBe('Add a component (+)')
  fireEvent.click(add)
  expect(screen.getByRole('dialog', { name: 'Add a component' })).toBeTruthy()
  expect(screen.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo canvas edits (Ctrl+Z)')
})

test('every action has keys, and every toolbar button names its keys and has its line in the help', () => {
  expect(CANVAS_ACTIONS.filter((a) => (a.keys as readonly string[]).length === 0).map((a) => a.id)).toEqual([])
  renderScreen()
  const buttons = [...document.querySelectorAll('.canvas-toolbar button')]
  expect(buttons.map((b) => b.textContent)).toContain('Tidy')
  fireEvent.keyDown(window, { key: '?', shiftKey: true })
  const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
  const lines = within(help)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent).join(' '))
  for (const button of buttons) {
    const title = button.getAttribute('title') ?? ''
    const [, label, keys] = /^(.*) \((.+)\)$/.exec(title) ?? []
    expect(label, `${button.textContent}: ${title}`).toBeTruthy()
    expect(lines).toContain(`${keys} ${label}`)
  }
})

describe('keys', () => {
  const key = (init: KeyboardEventInit, target?: EventTarget) => {
    const event = new KeyboardEvent('keydown', { cancelable: true, ...init })
    if (target) Object.defineProperty(event, 'target', { value: target })
    return event
  }

  test('a key matches with exactly its modifiers; a symbol whatever the Shift it takes', () => {
    expect(matchesKey('Ctrl+Z', key({ key: 'z', ctrlKey: true }))).toBe(true)
    expect(matchesKey('Ctrl+Z', key({ key: 'z', metaKey: true }))).toBe(true)
    expect(matchesKey('Ctrl+Z', key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(false)
    expect(matchesKey('Ctrl+Shift+Z', key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(true)
    expect(matchesKey('+', key({ key: '+', shiftKey: true }))).toBe(true)
    expect(matchesKey('f', key({ key: 'f', ctrlKey: true }))).toBe(false)
    expect(matchesKey('f', key({ key: 'F', shiftKey: true }))).toBe(false)
  })

  test('in a text field only the actions meant for it run; a disabled action lets the key through', () => {
    const ran: CanvasActionId[] = []
    const handlers = Object.fromEntries(
      CANVAS_ACTIONS.map((a): [CanvasActionId, ActionHandler] => [a.id, { run: () => void ran.push(a.id) }]),
    ) as Record<CanvasActionId, ActionHandler>
    const actions = bindActions({ ...handlers, undo: { run: () => void ran.push('undo'), enabled: false } })
    const field = document.createElement('input')
    expect(handleKey(actions, key({ key: 'f' }, field))).toBe(false)
    const escape = key({ key: 'Escape' }, field)
    expect(handleKey(actions, escape)).toBe(true)
    expect(escape.defaultPrevented).toBe(false) // it still closes a dialog
    const undo = key({ key: 'z', ctrlKey: true })
    expect(handleKey(actions, undo)).toBe(false)
    expect(undo.defaultPrevented).toBe(false)
    const fit = key({ key: 'f' })
    expect(handleKey(actions, fit)).toBe(true)
    expect(fit.defaultPrevented).toBe(true)
    expect(ran).toEqual(['clear', 'fit'])
  })

  test('a key the focused element already took is left to it: Escape closing the completion keeps the editor', () => {
    const ran: CanvasActionId[] = []
    const handlers = Object.fromEntries(
      CANVAS_ACTIONS.map((a): [CanvasActionId, ActionHandler] => [a.id, { run: () => void ran.push(a.id) }]),
    ) as Record<CanvasActionId, ActionHandler>
    const editor = document.createElement('div')
    editor.contentEditable = 'true'
    const escape = key({ key: 'Escape' }, editor)
    escape.preventDefault()
    expect(handleKey(bindActions(handlers), escape)).toBe(false)
    expect(ran).toEqual([])
  })
})
