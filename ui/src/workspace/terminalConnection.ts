// One terminal's websocket: PTY output in (binary), keystrokes and sizes out (JSON), and a new
// connection when the socket drops while the shell still runs (the server replays its output).

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'exited' | 'gone'

export type ClientMessage = { type: 'input'; data: string } | { type: 'resize'; cols: number; rows: number }

type ServerMessage = { type: 'exit'; code: number } | { type: 'error'; detail: string }

export interface ConnectionHandlers {
  /** a socket opened; its first frames replay the recent output */
  opened(): void
  output(data: Uint8Array): void
  exited(code: number): void
  error(detail: string): void
  state(state: ConnectionState): void
}

/** The server's close code for a terminal (or project) that does not exist. */
const NOT_FOUND = 4404
const MAX_RETRY_MS = 10_000

export class TerminalConnection {
  private readonly url: string
  private readonly handlers: ConnectionHandlers
  private socket: WebSocket | null = null
  private retry: number | undefined
  private attempts = 0
  /** exited, gone or disposed: no more connections */
  private ended = false

  constructor(url: string, handlers: ConnectionHandlers) {
    this.url = url
    this.handlers = handlers
  }

  connect(): void {
    if (this.ended) return
    this.handlers.state(this.attempts === 0 ? 'connecting' : 'reconnecting')
    const socket = new WebSocket(this.url)
    socket.binaryType = 'arraybuffer'
    socket.onopen = () => {
      this.attempts = 0
      this.handlers.state('open')
      this.handlers.opened()
    }
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data !== 'string') {
        this.handlers.output(new Uint8Array(event.data))
        return
      }
      let message: ServerMessage
      try {
        message = JSON.parse(event.data) as ServerMessage
      } catch {
        return
      }
      if (message.type === 'exit') {
        this.ended = true
        this.handlers.exited(message.code)
        this.handlers.state('exited')
      } else if (message.type === 'error') {
        this.handlers.error(message.detail)
      }
    }
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.ended) return
      if (event.code === NOT_FOUND) {
        this.ended = true
        this.handlers.state('gone')
        return
      }
      // backing off: a server that restarts needs a moment, a flapping network more
      const delay = Math.min(500 * 2 ** this.attempts++, MAX_RETRY_MS)
      this.handlers.state('reconnecting')
      this.retry = window.setTimeout(() => this.connect(), delay)
    }
    this.socket = socket
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message))
  }

  dispose(): void {
    this.ended = true
    window.clearTimeout(this.retry)
    const socket = this.socket
    this.socket = null
    socket?.close()
  }
}
