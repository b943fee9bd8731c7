// Layout and edge routing off the main thread: the page stays responsive while a large graph
// is placed or its edges are routed around nodes the user moved.
import { layoutGraph } from './layeredLayout'
import { routeEdges } from './obstacleRoute'
import type { WorkerRequest } from './layoutClient'

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, job } = event.data
  try {
    const result = job.kind === 'layout' ? layoutGraph(job.input) : routeEdges(job.input.boxes, job.input.edges)
    self.postMessage({ id, result })
  } catch (error) {
    self.postMessage({ id, error: String(error) })
  }
}
