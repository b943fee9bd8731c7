// The minimap of a large graph, drawn on one <canvas>: React Flow's own minimap is an SVG whose
// every node subscribes to the store, so thousands of them cost each frame of a pan or a zoom.
// Here the boxes are painted once per change of the nodes; a frame moves the view's frame only.
import { Panel, useOnViewportChange, useReactFlow, useStore, type Node, type ReactFlowState, type Viewport } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, type PointerEvent as ReactPointerEvent } from 'react'
import { minimapFit } from './minimapFit'

const WIDTH = 200
const HEIGHT = 150

const sizeSelector = (s: ReactFlowState) => `${s.width}x${s.height}`

/** `color` names a CSS colour variable for each node (read from the canvas, so themes apply). */
export function CanvasMiniMap({ nodes, color }: { nodes: Node[]; color: (node: Node) => string }) {
  const flow = useReactFlow()
  const canvas = useRef<HTMLCanvasElement>(null)
  const frame = useRef<HTMLDivElement>(null)
  const size = useStore(sizeSelector)
  const boxes = useMemo(
    () => nodes.map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? n.width ?? 0, height: n.measured?.height ?? n.height ?? 0 })),
    [nodes],
  )
  const fit = useMemo(() => minimapFit(boxes, WIDTH, HEIGHT), [boxes])

  useEffect(() => {
    const context = canvas.current?.getContext('2d')
    if (!context || !canvas.current) return
    context.clearRect(0, 0, WIDTH, HEIGHT)
    const style = getComputedStyle(canvas.current)
    const colours = new Map<string, string>() // a style read per colour, not per node
    const colour = (name: string) => colours.get(name) ?? colours.set(name, style.getPropertyValue(name).trim() || '#888').get(name)!
    nodes.forEach((node, i) => {
      const box = boxes[i]
      context.fillStyle = colour(color(node))
      // at least a pixel: a node never vanishes from the overview
      context.fillRect(fit.x + box.x * fit.scale, fit.y + box.y * fit.scale, Math.max(1, box.width * fit.scale), Math.max(1, box.height * fit.scale))
    })
  }, [nodes, boxes, fit, color])

  const place = useCallback(
    (view: Viewport) => {
      const element = frame.current
      if (!element) return
      const [width, height] = size.split('x').map(Number)
      const left = (-view.x / view.zoom) * fit.scale + fit.x
      const top = (-view.y / view.zoom) * fit.scale + fit.y
      element.style.transform = `translate(${left}px, ${top}px)`
      element.style.width = `${(width / view.zoom) * fit.scale}px`
      element.style.height = `${(height / view.zoom) * fit.scale}px`
    },
    [fit, size],
  )
  useOnViewportChange({ onChange: place })
  useEffect(() => place(flow.getViewport()), [place, flow])

  // a press or a drag on the minimap centres the view there
  const centre = (event: ReactPointerEvent<HTMLDivElement>) => {
    const r = event.currentTarget.getBoundingClientRect()
    const x = (event.clientX - r.left - fit.x) / fit.scale
    const y = (event.clientY - r.top - fit.y) / fit.scale
    void flow.setCenter(x, y, { zoom: flow.getZoom() })
  }
  return (
    <Panel position="bottom-right" className="react-flow__minimap canvas-minimap" aria-label="Mini map">
      <div
        className="canvas-minimap-area"
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId)
          centre(event)
        }}
        onPointerMove={(event) => event.buttons === 1 && centre(event)}
      >
        <canvas ref={canvas} width={WIDTH} height={HEIGHT} />
        <div ref={frame} className="canvas-minimap-view" />
      </div>
    </Panel>
  )
}
