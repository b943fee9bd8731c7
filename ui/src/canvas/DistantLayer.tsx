// A large graph zoomed out: React Flow draws no node (hundreds of DOM nodes would come into view
// at each step of a zoom); this one canvas paints every box, name and edge from their known
// places on each change of the view. Runs, warnings, the filter and the selection read as on the
// DOM nodes; a warning stays in sight however small the box.
import { useOnViewportChange, useReactFlow, useStore, type Node, type ReactFlowState, type Viewport } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { fitLabel, lookOf, type Look } from './distantLook'

const sizeSelector = (s: ReactFlowState) => `${s.width}x${s.height}`

// below these widths on screen a box drops its outline, then its name
const OUTLINED = 40
const NAMED = 60
const FONT = 'system-ui, sans-serif'

interface Props {
  nodes: Node[]
  edges: Array<{ source: string; target: string }>
  selected: string | null
}

type Colours = Record<'edge' | 'frame' | 'frameText' | 'tab' | 'box' | 'outline' | 'text' | 'solid' | 'warn' | 'selected' | 'ok' | 'danger' | 'running', string>

function colours(element: HTMLElement): Colours {
  const style = getComputedStyle(element)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    edge: read('--border-strong', '#555'),
    frame: read('--tint', 'rgba(127,127,127,0.1)'),
    frameText: read('--muted', '#888'),
    tab: read('--panel', '#151821'),
    box: read('--panel-2', '#222'),
    outline: read('--border-strong', '#555'),
    text: read('--text', '#ddd'),
    solid: read('--accent-strong', '#4f6bed'),
    warn: read('--warn', '#e0a030'),
    selected: read('--accent', '#7b96ff'),
    ok: read('--ok', '#3ecf8e'),
    danger: read('--danger', '#ff7474'),
    running: read('--accent', '#7b96ff'),
  }
}

const RUN_COLOUR = { materialized: 'ok', failed: 'danger', running: 'running' } as const

export function DistantLayer({ nodes, edges, selected }: Props) {
  const flow = useReactFlow()
  const canvas = useRef<HTMLCanvasElement>(null)
  const frame = useRef(0)
  const size = useStore(sizeSelector)
  const looks = useMemo(() => new Map<string, Look>(nodes.map((n) => [n.id, lookOf(n)])), [nodes])

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
        const colour = colours(element)
        const { x, y, zoom } = view
        const at = new Map<string, { x: number; y: number; w: number; h: number }>()
        for (const node of nodes) {
          const w = (node.measured?.width ?? node.width ?? 0) * zoom
          const h = (node.measured?.height ?? node.height ?? 0) * zoom
          at.set(node.id, { x: node.position.x * zoom + x, y: node.position.y * zoom + y, w, h })
        }
        const inView = (b: { x: number; y: number; w: number; h: number }) => b.x <= width && b.y <= height && b.x + b.w >= 0 && b.y + b.h >= 0

        // the frames of the groups first (their names go over everything, at the end)
        const frames = nodes.filter((node) => looks.get(node.id)!.kind === 'frame' && inView(at.get(node.id)!))
        context.fillStyle = colour.frame
        for (const node of frames) {
          const box = at.get(node.id)!
          context.fillRect(box.x, box.y, box.w, box.h)
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
        context.strokeStyle = colour.edge
        context.lineWidth = 1
        context.stroke()

        context.textBaseline = 'middle'
        for (const node of nodes) {
          const box = at.get(node.id)!
          const look = looks.get(node.id)!
          if (look.kind === 'frame' || !inView(box)) continue
          context.globalAlpha = look.dimmed ? 0.35 : 1
          const ring = node.id === selected ? colour.selected : look.warned ? colour.warn : null
          if (box.w < OUTLINED) {
            // a dot of colour: amber and never under 4 pixels when warned, red when its run failed
            const w = ring ? Math.max(4, box.w) : Math.max(1, box.w)
            const h = ring ? Math.max(4, box.h) : Math.max(1, box.h)
            context.fillStyle = ring ?? (look.run === 'failed' ? colour.danger : colour.solid)
            context.fillRect(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h)
            continue
          }
          context.fillStyle = colour.box
          context.fillRect(box.x, box.y, box.w, box.h)
          context.strokeStyle = ring ?? colour.outline
          context.lineWidth = ring ? 2 : 1
          context.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1)
          const run = look.run && look.run !== 'never' ? RUN_COLOUR[look.run] : null
          if (run) {
            context.fillStyle = colour[run]
            context.fillRect(box.x, box.y, 3, box.h)
          }
          if (box.w >= NAMED) {
            const font = Math.max(9, Math.min(13, box.h * 0.22))
            context.font = `${look.kind === 'group' ? 600 : 500} ${font}px ${FONT}`
            context.fillStyle = colour.text
            context.fillText(fitLabel(look.label, box.w - 14, font * 0.58), box.x + 8, box.y + box.h / 2)
          }
        }
        context.globalAlpha = 1

        // each group's name on a tab at its frame's top-left corner, kept in sight while the frame is
        context.font = `600 13px ${FONT}`
        context.textBaseline = 'middle'
        for (const node of frames) {
          const box = at.get(node.id)!
          const left = Math.max(box.x, 0) + 4
          const top = Math.max(box.y, 0) + 4
          const label = fitLabel(looks.get(node.id)!.label, box.x + box.w - left - 16, 8)
          if (!label || top + 24 > box.y + box.h) continue
          const width = context.measureText(label).width + 12
          context.fillStyle = colour.tab
          context.fillRect(left, top, width, 20)
          context.strokeStyle = colour.outline
          context.lineWidth = 1
          context.strokeRect(left + 0.5, top + 0.5, width - 1, 19)
          context.fillStyle = colour.frameText
          context.fillText(label, left + 6, top + 10)
        }
      })
    },
    [nodes, edges, looks, selected, size],
  )
  useOnViewportChange({ onChange: paint })
  useEffect(() => paint(flow.getViewport()), [paint, flow])
  useEffect(() => () => window.cancelAnimationFrame(frame.current), [])
  return <canvas ref={canvas} className="distant-layer" data-testid="distant-layer" aria-hidden />
}
