// A large graph seen from very far: React Flow draws no node (thousands of DOM nodes would come
// into view at once); this one canvas paints every box and edge from their known places on each
// change of the view. Warnings stay in sight: such a node is amber and never under 4 pixels.
import { useOnViewportChange, useReactFlow, useStore, type Node, type ReactFlowState, type Viewport } from '@xyflow/react'
import { useCallback, useEffect, useRef } from 'react'

const sizeSelector = (s: ReactFlowState) => `${s.width}x${s.height}`

interface Props {
  nodes: Node[]
  edges: Array<{ source: string; target: string }>
  /** whether a node has warnings (drawn amber) */
  warned: (node: Node) => boolean
}

export function DistantLayer({ nodes, edges, warned }: Props) {
  const flow = useReactFlow()
  const canvas = useRef<HTMLCanvasElement>(null)
  const frame = useRef(0)
  const size = useStore(sizeSelector)

  const paint = useCallback(
    (view: Viewport) => {
      window.cancelAnimationFrame(frame.current)
      frame.current = window.requestAnimationFrame(() => {
        const element = canvas.current
        const context = element?.getContext('2d')
        if (!element || !context) return
        const [width, height] = size.split('x').map(Number)
        if (element.width !== width || element.height !== height) {
          element.width = width
          element.height = height
        }
        context.clearRect(0, 0, width, height)
        const style = getComputedStyle(element)
        const { x, y, zoom } = view
        const at = new Map<string, { x: number; y: number; w: number; h: number }>()
        for (const node of nodes) {
          const w = (node.measured?.width ?? node.width ?? 0) * zoom
          const h = (node.measured?.height ?? node.height ?? 0) * zoom
          at.set(node.id, { x: node.position.x * zoom + x, y: node.position.y * zoom + y, w, h })
        }
        // the edges as one path: from the right of their source to the left of their target
        context.beginPath()
        for (const edge of edges) {
          const a = at.get(edge.source)
          const b = at.get(edge.target)
          if (!a || !b) continue
          const ax = a.x + a.w
          const ay = a.y + a.h / 2
          const by = b.y + b.h / 2
          if ((ax < 0 && b.x < 0) || (ax > width && b.x > width) || (ay < 0 && by < 0) || (ay > height && by > height)) continue
          context.moveTo(ax, ay)
          context.lineTo(b.x, by)
        }
        context.strokeStyle = style.getPropertyValue('--border-strong').trim() || '#555'
        context.lineWidth = 1
        context.stroke()
        const colours = {
          frame: style.getPropertyValue('--tint').trim() || 'rgba(127,127,127,0.1)',
          node: style.getPropertyValue('--accent-strong').trim() || '#4f6bed',
          warn: style.getPropertyValue('--warn').trim() || '#e0a030',
        }
        for (const node of nodes) {
          const box = at.get(node.id)!
          if (box.x > width || box.y > height || box.x + box.w < 0 || box.y + box.h < 0) continue
          if (node.type === 'groupFrame') {
            context.fillStyle = colours.frame
            context.fillRect(box.x, box.y, box.w, box.h)
          } else if (warned(node)) {
            context.fillStyle = colours.warn
            const w = Math.max(4, box.w)
            const h = Math.max(4, box.h)
            context.fillRect(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h)
          } else {
            context.fillStyle = colours.node
            context.fillRect(box.x, box.y, Math.max(1, box.w), Math.max(1, box.h))
          }
        }
      })
    },
    [nodes, edges, warned, size],
  )
  useOnViewportChange({ onChange: paint })
  useEffect(() => paint(flow.getViewport()), [paint, flow])
  useEffect(() => () => window.cancelAnimationFrame(frame.current), [])
  return <canvas ref={canvas} className="distant-layer" data-testid="distant-layer" aria-hidden />
}
