import { afterEach, beforeEach, vi } from 'vitest'
// Just enough of a WebSocket for the tests of the reconnecting socket and the terminals, which
// play the server's side.
export class FakeSocket {
  static OPEN = 1
  static all: FakeSocket[] = []
  readyState = 0
  binaryType = 'blob'
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer | string }) => void) | null = null
  onclose: ((event: { code: number }) => void) | null = null
  readonly url: string

  constructor(url: string) {
    this.url = url
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(data)
  }
  close() {
    this.readyState = 3
  }
  // the server's side
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(data: ArrayBuffer | string) {
    this.onmessage?.({ data })
  }
  drop(code: number) {
    this.readyState = 3
    this.onclose?.({ code })
  }
}

/** Every test of the file gets fake sockets and a fake clock, reset in between. */
export function withFakeSockets(): void {
  beforeEach(() => {
    FakeSocket.all = []
    vi.useFakeTimers()
    vi.stubGlobal('WebSocket', FakeSocket)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
}
