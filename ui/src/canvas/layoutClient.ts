// Asks the layout worker for positions; small graphs are laid out inline. Every request
// settles: a worker error or a stuck worker rejects instead of hanging the canvas.
import { computeLayout, type LayoutInput, type LayoutResult } from './dagreLayout'

const INLINE_LIMIT = 50
const TIMEOUT_MS = 60_000

let worker: Worker | null = null
let nextId = 0
const pending = new Map<number, { resolve: (p: LayoutResult) => void; reject: (e: Error) => void }>()

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
      const request = pending.get(event.data.id)
      pending.delete(event.data.id)
      if (event.data.result) request?.resolve(event.data.result)
      else request?.reject(new Error(event.data.error ?? 'layout failed'))
    }
    worker.onerror = (event) => {
      pending.forEach((request) => request.reject(new Error(event.message || 'layout worker failed')))
      pending.clear()
      worker?.terminate()
      worker = null
    }
  }
  return worker
}

export function layout(input: LayoutInput): Promise<LayoutResult> {
  if (input.nodes.length <= INLINE_LIMIT || typeof Worker === 'undefined') {
    return Promise.resolve(computeLayout(input))
  }
  const id = ++nextId
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      pending.delete(id)
      reject(new Error('layout timed out'))
    }, TIMEOUT_MS)
    pending.set(id, {
      resolve: (p) => {
        window.clearTimeout(timer)
        resolve(p)
      },
      reject: (e) => {
        window.clearTimeout(timer)
        reject(e)
      },
    })
    getWorker().postMessage({ id, input })
  })
}
