// One terminal's websocket: PTY output in (binary), keystrokes and sizes out (JSON), and a new
// connection when the socket drops while the shell still runs (the server replays its output).
import { ReconnectingSocket, type SocketState } from '../api/socket'
import type { TerminalClientMessage, TerminalServerMessage } from '../api/types'

export type ConnectionState = SocketState | 'exited'



export interface ConnectionHandlers {
  /** a socket opened; its first frames replay the recent output */
  opened(): void
  output(data: Uint8Array): void
  exited(code: number): void
  error(detail: string): void
  state(state: ConnectionState): void
}

export class TerminalConnection {
  private readonly socket: ReconnectingSocket

  constructor(url: string, handlers: ConnectionHandlers) {
    this.socket = new ReconnectingSocket(
      url,
      {
        opened: handlers.opened,
        state: handlers.state,
        message: (data) => {
          if (typeof data !== 'string') {
            handlers.output(new Uint8Array(data))
            return
          }
          let message: TerminalServerMessage
          try {
            message = JSON.parse(data) as TerminalServerMessage
          } catch {
            return
          }
          if (message.type === 'exit') {
            // the shell is over: no reconnection would bring it back
            this.socket.dispose()
            handlers.exited(message.code)
            handlers.state('exited')
          } else if (message.type === 'error') {
            handlers.error(message.detail)
          }
        },
      },
      'arraybuffer',
    )
  }

  connect(): void {
    this.socket.connect()
  }

  send(message: TerminalClientMessage): void {
    this.socket.send(JSON.stringify(message))
  }

  dispose(): void {
    this.socket.dispose()
  }
}
