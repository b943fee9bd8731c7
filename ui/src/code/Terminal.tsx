// One terminal: xterm.js attached to the server's PTY through a TerminalConnection, fitted to
// its container (the size goes to the PTY, so full-screen programs lay out right).
import { FitAddon } from '@xterm/addon-fit'
import { Terminal as XTerm, type ITheme } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { useEffect, useRef } from 'react'
import { terminalSocketUrl } from '../api/code'
import { TerminalConnection, type ConnectionState } from './terminalConnection'

interface TerminalViewProps {
  projectId: string
  terminalId: string
  /** shown: its tab is active and the panel open */
  active: boolean
  /** a count the panel raises when the user asks to see a terminal: the shown one takes the focus */
  focusAsks: number
  /** stable: a new function would reconnect the terminal */
  onState: (terminalId: string, state: ConnectionState) => void
}

const FIT_DEBOUNCE_MS = 80

/** The app's colors (CSS variables) as xterm's theme. */
function appTheme(): ITheme {
  const style = getComputedStyle(document.documentElement)
  const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    background: color('--bg', '#0e1014'),
    foreground: color('--text', '#e4e7ee'),
    cursor: color('--accent', '#6e8bff'),
    selectionBackground: color('--selection', '#6e8bff40'),
    black: '#1b1f2a',
    brightBlack: color('--muted', '#8b93a6'),
    red: color('--danger', '#ff6b6b'),
    green: color('--ok', '#3ecf8e'),
    yellow: color('--warn', '#f5b84a'),
    blue: color('--accent', '#6e8bff'),
  }
}

export function TerminalView({ projectId, terminalId, active, focusAsks, onState }: TerminalViewProps) {
  const host = useRef<HTMLDivElement>(null)
  const api = useRef<{ fit: () => void; focus: () => void } | null>(null)

  useEffect(() => {
    const element = host.current!
    const style = getComputedStyle(document.documentElement)
    const term = new XTerm({
      theme: appTheme(),
      fontFamily: style.getPropertyValue('--mono').trim() || 'monospace',
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5000,
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(element)

    const connection = new TerminalConnection(terminalSocketUrl(projectId, terminalId), {
      opened: () => {
        term.reset() // the replay that follows is the whole visible history
        connection.send({ type: 'resize', cols: term.cols, rows: term.rows })
      },
      output: (data) => term.write(data),
      exited: (code) => term.write(`\r\n[process exited with code ${code}]\r\n`),
      error: (detail) => term.write(`\r\n\x1b[31m${detail}\x1b[0m\r\n`),
      state: (state) => onState(terminalId, state),
    })
    const input = term.onData((data) => connection.send({ type: 'input', data }))
    const resized = term.onResize(({ cols, rows }) => connection.send({ type: 'resize', cols, rows }))

    let timer: number | undefined
    const refit = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => {
        // hidden (collapsed panel, background tab): a size of zero would shrink the PTY to nothing
        if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit()
      }, FIT_DEBOUNCE_MS)
    }
    const observer = new ResizeObserver(refit)
    observer.observe(element)
    api.current = { fit: refit, focus: () => term.focus() }
    connection.connect()
    refit()
    return () => {
      api.current = null
      observer.disconnect()
      window.clearTimeout(timer)
      input.dispose()
      resized.dispose()
      connection.dispose()
      term.dispose()
    }
  }, [projectId, terminalId, onState])

  useEffect(() => {
    if (active) api.current?.fit()
  }, [active])

  useEffect(() => {
    if (active && focusAsks > 0) api.current?.focus()
  }, [active, focusAsks])

  return <div className="ws-terminal" ref={host} data-testid={`terminal-${terminalId}`} />
}
