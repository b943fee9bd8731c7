// One websocket that comes back: when it drops it connects again after a growing pause (from
// half a second, doubling, at most ten), the pause starts over once a connection opens, it gives
// up when the server says the thing it serves is gone (close code 4404), and disposing it closes
// it for good. The live definitions, the event stream and the terminals all use it.

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'gone'

export interface SocketHandlers {
  /** a connection opened (again) */
  opened?(): void
  message(data: ArrayBuffer | string): void
  state?(state: SocketState): void
}

/** The server's close code for a project, or a terminal, that does not exist (any more). */
export const GONE = 4404
export const FIRST_RETRY_MS = 500
export const MAX_RETRY_MS = 10_000

/** The pause before reconnecting after `attempts` failed ones. */
export const retryDelay = (attempts: number): number => Math.min(FIRST_RETRY_MS * 2 ** attempts, MAX_RETRY_MS)

/** The websocket address of a server path such as `/api/v1/events`, on this page's host. */
export function socketUrl(path: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}${path}`
}

export class ReconnectingSocket {
  private readonly url: string
  private readonly handlers: SocketHandlers
  private readonly binaryType: BinaryType
  private socket: WebSocket | null = null
  private retry: number | undefined
  private attempts = 0
  /** gone, stopped or disposed: no more connections */
  private ended = false

  constructor(url: string, handlers: SocketHandlers, binaryType: BinaryType = 'blob') {
    this.url = url
    this.handlers = handlers
    this.binaryType = binaryType
  }

  connect(): void {
    if (this.ended || this.socket) return
    this.handlers.state?.(this.attempts === 0 ? 'connecting' : 'reconnecting')
    const socket = new WebSocket(this.url)
    socket.binaryType = this.binaryType
    // a socket replaced or disposed of may still fire; only the current one speaks
    socket.onopen = () => {
      if (this.socket !== socket) return
      this.attempts = 0
      this.handlers.state?.('open')
      this.handlers.opened?.()
    }
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (this.socket === socket) this.handlers.message(event.data)
    }
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.ended) return
      if (event.code === GONE) {
        this.ended = true
        this.handlers.state?.('gone')
        return
      }
      // a server that restarts needs a moment, a flapping network more
      this.handlers.state?.('reconnecting')
      this.retry = window.setTimeout(() => this.connect(), retryDelay(this.attempts++))
    }
    this.socket = socket
  }

  /** Sends text if a connection is open; false when it was not sent. */
  send(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false
    this.socket.send(text)
    return true
  }

  /** A new connection at once in place of the current one (which starts afresh). */
  restart(): void {
    if (this.ended) return
    window.clearTimeout(this.retry)
    const socket = this.socket
    this.socket = null
    socket?.close()
    this.connect()
  }

  /** No more connections: the current one closes, no other follows. */
  dispose(): void {
    this.ended = true
    window.clearTimeout(this.retry)
    const socket = this.socket
    this.socket = null
    socket?.close()
  }
}
