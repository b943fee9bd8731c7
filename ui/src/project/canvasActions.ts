// What the graph screen can do, in one list: each action's label and keys. The key handler, the
// shortcut help and the toolbar all read this list, and every action must be given its handler,
// so a key cannot work without its line in the help, nor a line exist without its key. Pure.

export interface ActionSpec {
  id: string
  label: string
  /** e.g. 'f', '+', 'Escape', 'Ctrl+Shift+Z' (Ctrl is Cmd on a Mac) */
  keys: readonly string[]
  /** also while the focus is in a text field (otherwise the field gets the key) */
  whileTyping?: boolean
  /** the key keeps its own effect too (Escape still closes a dialog) */
  keepDefault?: boolean
}

export const CANVAS_ACTIONS = [
  { id: 'components-view', label: 'Components view', keys: ['1'] },
  { id: 'assets-view', label: 'Assets view', keys: ['2'] },
  { id: 'add', label: 'Add a component', keys: ['+'] },
  { id: 'filter', label: 'Filter (text or a Dagster selection)', keys: ['/'] },
  { id: 'fit', label: 'Fit the graph', keys: ['f'] },
  { id: 'zoom-selection', label: 'Zoom to the selection', keys: ['z'] },
  { id: 'tidy', label: 'Tidy: lay every component out again', keys: ['t'] },
  { id: 'clear', label: 'Clear the selection and the filter', keys: ['Escape'], whileTyping: true, keepDefault: true },
  { id: 'undo', label: 'Undo canvas edits', keys: ['Ctrl+Z'] },
  { id: 'redo', label: 'Redo canvas edits', keys: ['Ctrl+Shift+Z'] },
  { id: 'materialize', label: 'Materialize the selected assets (every asset when none is)', keys: ['m'] },
  { id: 'collapse-groups', label: 'Collapse every group', keys: ['c'] },
  { id: 'expand-groups', label: 'Expand every group', keys: ['e'] },
  { id: 'help', label: 'Keyboard shortcuts', keys: ['?'] },
] as const satisfies readonly ActionSpec[]

export type CanvasActionId = (typeof CANVAS_ACTIONS)[number]['id']

export interface ActionHandler {
  run: (event?: KeyboardEvent) => void
  /** false: shown disabled, and its keys do nothing */
  enabled?: boolean
}

export type CanvasAction = ActionSpec & Required<ActionHandler> & { id: CanvasActionId }

/** The actions with their handlers; the type asks for a handler of every action. */
export function bindActions(handlers: Record<CanvasActionId, ActionHandler>): CanvasAction[] {
  return CANVAS_ACTIONS.map((spec) => ({ ...spec, enabled: true, ...handlers[spec.id] }))
}

const KEY_NAMES: Record<string, string> = { Escape: 'Esc' }

/** The keys as the help and tooltips show them. */
export const keysText = (action: ActionSpec): string => action.keys.map((k) => KEY_NAMES[k] ?? k).join(' / ')

/** A button's tooltip: the label, with the keys when there are. */
export const titleOf = (action: ActionSpec): string => (action.keys.length ? `${action.label} (${keysText(action)})` : action.label)

export function matchesKey(spec: string, event: KeyboardEvent): boolean {
  const parts = spec.split('+')
  // '+' itself splits into empty parts
  const key = spec.endsWith('+') ? '+' : parts.pop()!
  const modifiers = new Set(spec.endsWith('+') ? parts.slice(0, -2) : parts)
  const mod = event.ctrlKey || event.metaKey
  if (modifiers.size === 0) return !mod && !event.altKey && event.key === key
  return (
    mod === modifiers.has('Ctrl') &&
    event.shiftKey === modifiers.has('Shift') &&
    event.altKey === modifiers.has('Alt') &&
    event.key.toLowerCase() === key.toLowerCase()
  )
}

/** Whether the key goes to a text field rather than to the screen. */
export function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
}

/** Runs the action a key press is the shortcut of; true when one was run. A key something else
 * already took (the code editor's Escape closing its completion) is left to it. */
export function handleKey(actions: readonly CanvasAction[], event: KeyboardEvent): boolean {
  if (event.defaultPrevented) return false
  const inField = typing(event.target)
  const action = actions.find((a) => a.keys.some((k) => matchesKey(k, event)) && (a.whileTyping || !inField))
  if (!action || !action.enabled) return false
  if (!action.keepDefault) event.preventDefault()
  action.run(event)
  return true
}
