// Viewport behaviour shared by the component and asset canvases.
import { useOnViewportChange, type Node, type ReactFlowInstance, type Viewport } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react'
import type { Box } from './dagreLayout'
import { handleHitSize } from './handleHit'
import { anyUnder, toGraph } from './overlays'

// Below this many nodes every node is rendered; above it only those in view.
export const VIRTUALIZE_ABOVE = 200

// A large graph opens at a readable zoom on its start (the minimap shows the whole): fitting
// thousands of nodes would render them all at once, each a few pixels wide.
const LARGE_START_ZOOM = 0.6

// A fit leaves room for what floats over the canvas: the toolbar above, the zoom controls and the
// minimap below (React Flow's defaults: 200 x 150 px, 15 px from the edge), so they cover no node.
export const FIT = {
  maxZoom: 1.1,
  // a large graph seen from far has its nodes hidden (painted on a canvas): they count all the same
  includeHiddenNodes: true,
  padding: { top: '70px', bottom: '185px', left: '40px', right: '40px' },
} as const

/** Fit the graph once, when its first nodes have their places. */
export function useFitOnce(flow: ReactFlowInstance, ready: boolean) {
  const fitted = useRef(false)
  useEffect(() => {
    if (fitted.current || !ready) return
    fitted.current = true
    window.requestAnimationFrame(() => {
      const nodes = flow.getNodes()
      if (nodes.length <= VIRTUALIZE_ABOVE) {
        void flow.fitView(FIT)
        return
      }
      const left = Math.min(...nodes.map((n) => n.position.x))
      const top = Math.min(...nodes.map((n) => n.position.y))
      void flow.setViewport({ x: 40 - left * LARGE_START_ZOOM, y: 70 - top * LARGE_START_ZOOM, zoom: LARGE_START_ZOOM })
    })
  }, [ready, flow])
}

/** Bring a node that gets selected (just created, picked from a list) into view. */
export function useBringIntoView(
  flow: ReactFlowInstance,
  container: RefObject<HTMLDivElement | null>,
  selected: string | null,
  nodes: Node[],
  width: number,
  height: number,
) {
  // a component just added is selected before its node exists: the view moves once it appears
  const present = !!selected && nodes.some((n) => n.id === selected)
  useEffect(() => {
    const node = selected ? nodes.find((n) => n.id === selected) : undefined
    const box = container.current
    if (!node || !box) return
    const { x, y, zoom } = flow.getViewport()
    const left = -x / zoom
    const top = -y / zoom
    const inside =
      node.position.x >= left &&
      node.position.y >= top &&
      node.position.x + width <= left + box.clientWidth / zoom &&
      node.position.y + height <= top + box.clientHeight / zoom
    if (!inside) void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom, duration: 250 })
    // only a change of selection (or the selected node's appearing) moves the view
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, present])
}

export type CanvasCommand = 'fit' | 'zoom-selection'
const COMMAND_EVENT = 'designer-canvas-command'

export function sendCanvasCommand(command: CanvasCommand) {
  window.dispatchEvent(new CustomEvent<CanvasCommand>(COMMAND_EVENT, { detail: command }))
}

/** Keyboard commands for whichever canvas is shown: fit the graph, zoom to the selection. */
export function useCanvasCommands(flow: ReactFlowInstance, selected: string | null) {
  useEffect(() => {
    const onCommand = (event: Event) => {
      const command = (event as CustomEvent<CanvasCommand>).detail
      if (command === 'fit') void flow.fitView({ ...FIT, duration: 250 })
      if (command === 'zoom-selection' && selected) {
        void flow.fitView({ nodes: [{ id: selected }], padding: 0.6, maxZoom: 1.4, duration: 250 })
      }
    }
    window.addEventListener(COMMAND_EVENT, onCommand)
    return () => window.removeEventListener(COMMAND_EVENT, onCommand)
  }, [flow, selected])
}

const OVERLAYS = ['.react-flow__minimap', '.react-flow__controls']

/** Follows the zoom on screen: handles keep their hit area (the `--handle-hit` variable), and the
 * minimap and zoom controls step aside (class `over-nodes`) while a node lies under them. A frame
 * reads nothing from the DOM: the overlays' places in the canvas are measured when its size
 * changes, the nodes' boxes come from their known positions and sizes, so a pan over thousands
 * of nodes forces no layout. */
export function useScreenFit(flow: ReactFlowInstance, container: RefObject<HTMLDivElement | null>, nodes: Node[]) {
  const frame = useRef(0)
  const view = useRef<Viewport>(flow.getViewport())
  const overlays = useRef<Array<{ element: HTMLElement; area: Box }>>([])
  const boxes = useMemo(() => nodeBoxes(nodes), [nodes])
  const update = useCallback(
    (next: Viewport) => {
      view.current = next
      window.cancelAnimationFrame(frame.current)
      frame.current = window.requestAnimationFrame(() => {
        container.current?.style.setProperty('--handle-hit', `${handleHitSize(next.zoom)}px`)
        for (const { element, area } of overlays.current) element.classList.toggle('over-nodes', anyUnder(toGraph(area, next), boxes))
      })
    },
    [container, boxes],
  )
  // the overlays are measured when the canvas is resized, not when the nodes change
  const latest = useRef(update)
  useEffect(() => {
    latest.current = update
  }, [update])
  useEffect(() => {
    const box = container.current
    if (!box) return
    const measure = () => {
      const origin = box.getBoundingClientRect()
      overlays.current = OVERLAYS.flatMap((selector) => {
        const element = box.querySelector<HTMLElement>(selector)
        if (!element) return []
        const r = element.getBoundingClientRect()
        return [{ element, area: { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height } }]
      })
      latest.current(view.current)
    }
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    // the overlays are drawn after the canvas: measured once they are there
    const first = window.requestAnimationFrame(measure)
    return () => {
      observer.disconnect()
      window.cancelAnimationFrame(first)
    }
  }, [container])
  useOnViewportChange({ onChange: update })
  useEffect(() => update(flow.getViewport()), [update, flow])
  useEffect(() => () => window.cancelAnimationFrame(frame.current), [])
}

/** The drawn nodes' boxes (group frames are backgrounds, not nodes to uncover). */
function nodeBoxes(nodes: Node[]): Box[] {
  return nodes
    .filter((n) => n.type !== 'groupFrame')
    .map((n) => ({ ...n.position, width: n.measured?.width ?? n.width ?? 0, height: n.measured?.height ?? n.height ?? 0 }))
}
