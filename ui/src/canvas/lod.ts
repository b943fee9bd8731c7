// Level of detail: zoomed out far, a node is a plain box (its warnings excepted) and an edge a
// straight line, so that a view over thousands of them stays cheap to draw, pan and zoom.
import { useStore, type ReactFlowState } from '@xyflow/react'
import { VIRTUALIZE_ABOVE } from './viewport'

/** Below this zoom nodes and edges drop their details. */
export const FAR_ZOOM = 0.45
/** Below this zoom a large graph is painted on one canvas (DistantLayer), no node in the DOM. */
export const DISTANT_ZOOM = 0.2

// a small graph keeps its details and its routed edges at any zoom: a straight edge would run
// behind the nodes the routes go around
const farSelector = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM && state.nodes.length > VIRTUALIZE_ABOVE

/** Whether a large graph is zoomed out far; a component re-renders only when that flips. */
export function useFarZoom(): boolean {
  return useStore(farSelector)
}
