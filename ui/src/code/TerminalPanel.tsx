// The bottom panel: terminal tabs, "+" for a new shell, a top edge to drag, and a collapse
// button. Terminals outlive the page: those already running are reattached on mount.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { errorMessage, isStatus } from '../api/client'
import { classes } from '../ui/names'
import { createTerminal, deleteTerminal, listTerminals } from '../api/code'
import { CloseMark } from './CloseMark'
import { basename } from './paths'
import { TerminalView } from './Terminal'
import type { ConnectionState } from './terminalConnection'
import type { TerminalInfo } from './types'

const MIN_HEIGHT = 80
const DEFAULT_HEIGHT = 240

interface TerminalPanelProps {
  projectId: string
}

const STATE_NOTES: Partial<Record<ConnectionState, string>> = {
  reconnecting: 'reconnecting…',
  exited: 'exited',
  gone: 'ended',
}

export function TerminalPanel({ projectId }: TerminalPanelProps) {
  const [terminals, setTerminals] = useState<TerminalInfo[]>([])
  const [states, setStates] = useState<Record<string, ConnectionState>>({})
  const [active, setActive] = useState<string | null>(null)
  const [collapsed, setCollapsed] = useState(false)
  const [height, setHeight] = useState(DEFAULT_HEIGHT)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  // counts the user's asks to show a terminal: only those move the focus into it, so terminals
  // reattached when the panel mounts never take it from where the user already is
  const [focusAsks, setFocusAsks] = useState(0)
  const show = (id: string) => {
    setActive(id)
    setCollapsed(false)
    setFocusAsks((n) => n + 1)
  }
  const drag = useRef<{ startY: number; startHeight: number } | null>(null)
  const onState = useCallback(
    (id: string, state: ConnectionState) => setStates((all) => ({ ...all, [id]: state })),
    [],
  )

  useEffect(() => {
    let cancelled = false
    listTerminals(projectId).then(
      (list) => {
        if (cancelled) return
        setTerminals(list)
        setActive((current) => current ?? list[0]?.id ?? null)
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    )
    return () => {
      cancelled = true
    }
  }, [projectId])

  const create = async () => {
    setCreating(true)
    setError(null)
    try {
      const terminal = await createTerminal(projectId, 80, 24) // fitted to the panel once attached
      setTerminals((list) => [...list, terminal])
      show(terminal.id)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setCreating(false)
    }
  }

  const close = async (id: string) => {
    try {
      await deleteTerminal(projectId, id)
    } catch (err) {
      if (!isStatus(err, 404)) {
        setError(errorMessage(err))
        return
      }
    }
    const rest = terminals.filter((t) => t.id !== id)
    setTerminals(rest)
    if (active === id) setActive(rest.at(-1)?.id ?? null)
  }

  // -- resizing by the top edge ----------------------------------------------------------------
  const maxHeight = () => Math.max(MIN_HEIGHT, window.innerHeight * 0.8)
  const clamp = (value: number) => Math.round(Math.min(Math.max(value, MIN_HEIGHT), maxHeight()))
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { startY: event.clientY, startHeight: height }
    if (collapsed) setCollapsed(false)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setHeight(clamp(drag.current.startHeight + drag.current.startY - event.clientY))
  }
  const onHandleKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowUp' ? 20 : event.key === 'ArrowDown' ? -20 : 0
    if (step) {
      event.preventDefault()
      setHeight(clamp(height + step))
    }
  }

  return (
    <section className={classes('ws-terminals', collapsed && 'collapsed')} style={collapsed ? undefined : { height }} aria-label="Terminals">
      <div
        className="ws-resize-handle"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the terminal panel"
        aria-valuenow={height}
        aria-valuemin={MIN_HEIGHT}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onHandleKey}
      />
      <div className="ws-terminal-bar">
        <span className="ws-terminal-title">Terminal</span>
        <div className="ws-terminal-tabs" role="tablist" aria-label="Terminals">
          {terminals.map((terminal, index) => {
            const state = states[terminal.id] ?? 'connecting'
            const note = STATE_NOTES[state]
            return (
              <div
                key={terminal.id}
                role="tab"
                aria-selected={terminal.id === active}
                tabIndex={terminal.id === active ? 0 : -1}
                className={classes('ws-terminal-tab', terminal.id === active && 'active', (state === 'exited' || state === 'gone') && 'ended')}
                title={`${terminal.shell} (pid ${terminal.pid})`}
                onClick={() => show(terminal.id)}
                aria-keyshortcuts="Delete"
                onKeyDown={(event) => {
                  if (event.key === 'Enter') show(terminal.id)
                  else if (event.key === 'Delete') void close(terminal.id)
                }}
                onAuxClick={(event) => event.button === 1 && void close(terminal.id)}
              >
                {index + 1}: {basename(terminal.shell)}
                {note && <span className="ws-terminal-note"> ({note})</span>}
                <CloseMark title={`Close terminal ${index + 1}`} onClose={() => void close(terminal.id)} />
              </div>
            )
          })}
        </div>
        <button className="ws-icon-button" aria-label="New terminal" title="New terminal" onClick={() => void create()} disabled={creating}>
          +
        </button>
        <button
          className="ws-icon-button"
          aria-label={collapsed ? 'Show the terminal panel' : 'Hide the terminal panel'}
          aria-expanded={!collapsed}
          title={collapsed ? 'Show' : 'Hide'}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? '▴' : '▾'}
        </button>
      </div>
      {error && (
        <div className="notice error ws-terminal-error" role="alert">
          {error}
        </div>
      )}
      <div className="ws-terminal-body" hidden={collapsed}>
        {terminals.length === 0 && (
          <div className="ws-terminal-empty muted">
            No terminal yet.{' '}
            <button className="ws-link-button" onClick={() => void create()} disabled={creating}>
              Start a shell
            </button>{' '}
            in the project folder, with its environment activated.
          </div>
        )}
        {terminals.map((terminal) => (
          <div key={terminal.id} className="ws-terminal-slot" hidden={terminal.id !== active}>
            <TerminalView
              projectId={projectId}
              terminalId={terminal.id}
              active={terminal.id === active && !collapsed}
              focusAsks={focusAsks}
              onState={onState}
            />
          </div>
        ))}
      </div>
    </section>
  )
}
