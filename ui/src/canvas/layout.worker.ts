// Layout off the main thread: the page stays responsive while a large graph is placed.
import { computeLayout, type LayoutInput } from './dagreLayout'

interface Request {
  id: number
  input: LayoutInput
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, input } = event.data
  try {
    self.postMessage({ id, result: computeLayout(input) })
  } catch (error) {
    self.postMessage({ id, error: String(error) })
  }
}
