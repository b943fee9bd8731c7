// A large graph zoomed out: React Flow draws no node (hundreds of DOM nodes would come into view
// at each step of a zoom); this one canvas paints every box, name and edge from their known
// places on each change of the view. Runs, warnings, the filter and the selection read as on the
// DOM nodes; a warning stays in sight however small the box.
import { useOnViewportChange, useReactFlow, useStore, type Node, type ReactFlowState, type Viewport } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { fitLabel, lookOf } from './distantLook'

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

/** The nodes as flat arrays, made once per graph: a frame then allocates nothing. */
function flatten(nodes: Node[], edges: Props['edges']) {
  const index = new Map(nodes.map((node, i) => [node.id, i]))
  const box = (node: Node) => [node.measured?.width ?? node.width ?? 0, node.measured?.height ?? node.height ?? 0]
  return {
    xs: Float64Array.from(nodes, (n) => n.position.x),
    ys: Float64Array.from(nodes, (n) => n.position.y),
    ws: Float64Array.from(nodes, (n) => box(n)[0]),
    hs: Float64Array.from(nodes, (n) => box(n)[1]),
    looks: nodes.map(lookOf),
    ids: nodes.map((n) => n.id),
    ends: edges.flatMap((e) => {
      const [a, b] = [index.get(e.source), index.get(e.target)]
      return a === undefined || b === undefined ? [] : [[a, b] as const]
    }),
  }
}

export function DistantLayer({ nodes, edges, selected }: Props) {
  const flow = useReactFlow()
  const canvas = useRef<HTMLCanvasElement>(null)
  const frame = useRef(0)
  const palette = useRef<{ theme: string | undefined; colours: Colours } | null>(null)
  const size = useStore(sizeSelector)
  const graph = useMemo(() => flatten(nodes, edges), [nodes, edges])

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
        // the colours are read again only when the theme changes
        const theme = document.documentElement.dataset.theme
        const cached = palette.current
        const colour = cached && cached.theme === theme ? cached.colours : colours(element)
        palette.current = { theme, colours: colour }
        const { x, y, zoom } = view
        const { xs, ys, ws, hs, looks, ids, ends } = graph
        // the part of the graph in view, in graph coordinates
        const left = -x / zoom
        const top = -y / zoom
        const right = (width - x) / zoom
        const bottom = (height - y) / zoom
        const shown: number[] = []
        for (let i = 0; i < xs.length; i++) {
          if (xs[i] <= right && ys[i] <= bottom && xs[i] + ws[i] >= left && ys[i] + hs[i] >= top) shown.push(i)
        }

        // the frames of the groups first (their names go over everything, at the end)
        const frames = shown.filter((i) => looks[i].kind === 'frame')
        context.fillStyle = colour.frame
        for (const i of frames) context.fillRect(xs[i] * zoom + x, ys[i] * zoom + y, ws[i] * zoom, hs[i] * zoom)

        // the edges as one path: from the right of their source to the left of their target
        context.beginPath()
        for (const [a, b] of ends) {
          const ax = (xs[a] + ws[a]) * zoom + x
          const ay = (ys[a] + hs[a] / 2) * zoom + y
          const bx = xs[b] * zoom + x
          const by = (ys[b] + hs[b] / 2) * zoom + y
          if ((ax < 0 && bx < 0) || (ax > width && bx > width) || (ay < 0 && by < 0) || (ay > height && by > height)) continue
          context.moveTo(ax, ay)
          context.lineTo(bx, by)
        }
        context.strokeStyle = colour.edge
        context.lineWidth = 1
        context.stroke()

        // the boxes, batched by what they share: one style change per pass, not per box
        const boxes = shown.filter((i) => looks[i].kind !== 'frame')
        const outlined = boxes.length > 0 && ws[boxes[0]] * zoom >= OUTLINED
        for (const dimmed of [false, true]) {
          const group = boxes.filter((i) => looks[i].dimmed === dimmed)
          if (group.length === 0) continue
          context.globalAlpha = dimmed ? 0.35 : 1
          if (!outlined) {
            // a dot of colour: red when its run failed; amber and never under 4 pixels when
            // warned, as the selected one in its colour
            for (const i of group) {
              const ring = ids[i] === selected ? colour.selected : looks[i].warned ? colour.warn : null
              const w = ring ? Math.max(4, ws[i] * zoom) : Math.max(1, ws[i] * zoom)
              const h = ring ? Math.max(4, hs[i] * zoom) : Math.max(1, hs[i] * zoom)
              context.fillStyle = ring ?? (looks[i].run === 'failed' ? colour.danger : colour.solid)
              context.fillRect(xs[i] * zoom + x + (ws[i] * zoom - w) / 2, ys[i] * zoom + y + (hs[i] * zoom - h) / 2, w, h)
            }
            continue
          }
          context.fillStyle = colour.box
          for (const i of group) context.fillRect(xs[i] * zoom + x, ys[i] * zoom + y, ws[i] * zoom, hs[i] * zoom)
          context.beginPath()
          for (const i of group) context.rect(xs[i] * zoom + x + 0.5, ys[i] * zoom + y + 0.5, ws[i] * zoom - 1, hs[i] * zoom - 1)
          context.strokeStyle = colour.outline
          context.lineWidth = 1
          context.stroke()
          context.lineWidth = 2
          for (const i of group) {
            const ring = ids[i] === selected ? colour.selected : looks[i].warned ? colour.warn : null
            if (ring) {
              context.strokeStyle = ring
              context.strokeRect(xs[i] * zoom + x + 1, ys[i] * zoom + y + 1, ws[i] * zoom - 2, hs[i] * zoom - 2)
            }
            const run = looks[i].run
            if (run && run !== 'never') {
              context.fillStyle = colour[RUN_COLOUR[run]]
              context.fillRect(xs[i] * zoom + x, ys[i] * zoom + y, 3, hs[i] * zoom)
            }
          }
          if (ws[group[0]] * zoom >= NAMED) {
            const font = Math.max(9, Math.min(13, hs[group[0]] * zoom * 0.22))
            context.font = `500 ${font}px ${FONT}`
            context.textBaseline = 'middle'
            context.fillStyle = colour.text
            for (const i of group) {
              const label = fitLabel(looks[i].label, ws[i] * zoom - 14, font * 0.58)
              context.fillText(label, xs[i] * zoom + x + 8, (ys[i] + hs[i] / 2) * zoom + y)
            }
          }
        }
        context.globalAlpha = 1

        // each group's name on a tab at its frame's top-left corner, kept in sight while the frame is
        context.font = `600 13px ${FONT}`
        for (const i of frames) {
          const box = { x: xs[i] * zoom + x, y: ys[i] * zoom + y, w: ws[i] * zoom, h: hs[i] * zoom }
          const tabLeft = Math.max(box.x, 0) + 4
          const tabTop = Math.max(box.y, 0) + 4
          const label = fitLabel(looks[i].label, box.x + box.w - tabLeft - 16, 8)
          if (!label || tabTop + 24 > box.y + box.h) continue
          const tabWidth = context.measureText(label).width + 12
          context.fillStyle = colour.tab
          context.fillRect(tabLeft, tabTop, tabWidth, 20)
          context.strokeStyle = colour.outline
          context.lineWidth = 1
          context.strokeRect(tabLeft + 0.5, tabTop + 0.5, tabWidth - 1, 19)
          context.fillStyle = colour.frameText
          context.fillText(label, tabLeft + 6, tabTop + 10)
        }
      })
    },
    [graph, selected, size],
  )
  useOnViewportChange({ onChange: paint })
  useEffect(() => paint(flow.getViewport()), [paint, flow])
  useEffect(() => () => window.cancelAnimationFrame(frame.current), [])
  return <canvas ref={canvas} className="distant-layer" data-testid="distant-layer" aria-hidden />
}
