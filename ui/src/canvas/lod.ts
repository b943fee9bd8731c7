// Level of detail: zoomed out far, a large graph drops its details so that a view over thousands
// of nodes stays cheap to draw, pan and zoom: the asset view paints it on one canvas
// (DistantLayer), the components view draws its edges as straight lines.
import { useStore, type ReactFlowState } from '@xyflow/react'
import { VIRTUALIZE_ABOVE } from './viewport'

/** Below this zoom a large graph drops its details. */
export const FAR_ZOOM = 0.6

// a small graph keeps its details and its routed edges at any zoom: a straight edge would run
// behind the nodes the routes go around
const farSelector = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM && state.nodes.length > VIRTUALIZE_ABOVE

/** Whether a large graph is zoomed out far; a component re-renders only when that flips. */
export function useFarZoom(): boolean {
  return useStore(farSelector)
}
