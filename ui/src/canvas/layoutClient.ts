// Asks the layout worker for positions or edge routes; small graphs are done inline. Every
// request settles: a worker error or a stuck worker rejects instead of hanging the canvas.
import { computeLayout, type Box, type LayoutInput, type LayoutResult } from './dagreLayout'
import { routeEdges, type Point } from './obstacleRoute'

const INLINE_LIMIT = 50
const TIMEOUT_MS = 60_000

export interface RouteInput {
  boxes: Record<string, Box>
  edges: Array<{ source: string; target: string }>
}
export type Routes = Record<string, Point[]>
type Job = { kind: 'layout'; input: LayoutInput } | { kind: 'route'; input: RouteInput }
export interface WorkerRequest {
  id: number
  job: Job
}

let worker: Worker | null = null
let nextId = 0
const pending = new Map<number, { resolve: (p: unknown) => void; reject: (e: Error) => void }>()

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
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

function inWorker<T>(job: Job): Promise<T> {
  const id = ++nextId
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      pending.delete(id)
      reject(new Error(`${job.kind} timed out`))
    }, TIMEOUT_MS)
    pending.set(id, {
      resolve: (p) => {
        window.clearTimeout(timer)
        resolve(p as T)
      },
      reject: (e) => {
        window.clearTimeout(timer)
        reject(e)
      },
    })
    getWorker().postMessage({ id, job } satisfies WorkerRequest)
  })
}

const inline = (count: number) => count <= INLINE_LIMIT || typeof Worker === 'undefined'

export function layout(input: LayoutInput): Promise<LayoutResult> {
  return inline(input.nodes.length) ? Promise.resolve(computeLayout(input)) : inWorker({ kind: 'layout', input })
}

/** Routes for edges around the boxes where they are now. */
export function route(input: RouteInput): Promise<Routes> {
  const count = Object.keys(input.boxes).length
  return inline(count) ? Promise.resolve(routeEdges(input.boxes, input.edges)) : inWorker({ kind: 'route', input })
}
