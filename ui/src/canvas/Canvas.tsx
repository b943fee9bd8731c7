import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
  type NodeMouseHandler,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import type { Positions } from '../api/types'
import { rollUp, type AssetRunView } from '../runs/runState'
import { ComponentNode, NODE_HEIGHT, NODE_WIDTH, type ComponentFlowNode } from './ComponentNode'
import type { LayoutResult } from './dagreLayout'
import type { ComponentGraph } from './graphModel'
import { layout, route, type Routes } from './layoutClient'
import { recordMetric, usePaintedMetric } from './metrics'
import { placeNodes, spotted } from './placement'
import { RoutedEdge, type RoutedEdgeData, type RoutedFlowEdge } from './RoutedEdge'
import { FIT, useBringIntoView, useCanvasCommands, useFitOnce, useScreenFit, VIRTUALIZE_ABOVE } from './viewport'
import './canvas.css'

export const DRAG_TYPE = 'application/x-dagster-designer-type'
const nodeTypes = { component: ComponentNode }
const edgeTypes = { routed: RoutedEdge }

interface CanvasProps {
  graph: ComponentGraph
  /** the user's saved places; null while they are being read, and then no node is drawn: one
   * drawn at the engine's place would jump under the pointer when they arrive */
  positions: Positions | null
  loading: boolean
  /** canvas node ids whose assets match the filter; null when no filter is active */
  matches: ReadonlySet<string> | null
  /** the definitions shown are the last ones that loaded, not the current files' */
  stale: boolean
  selected: string | null
  onSelect: (id: string | null) => void
  /** nodes the user moved (`to`, from where they were shown, `from`), and where every other
   * shown node without a saved place is: a move keeps the picture the user moved it in */
  onMove: (move: { to: Positions; from: Positions; loose: Positions }) => void
  /** nodes that appeared and were put at a free spot in the user's layout: keep them there */
  onPlace: (placed: Positions) => void
  onDropType: (typeKey: string, position: { x: number; y: number }) => void
  /** an edge drawn from one node to another, or an existing edge picked */
  onConnectNodes: (source: string, target: string) => void
  onEdgePicked: (source: string, target: string) => void
  /** each asset's state in the instance, once read: nodes roll their assets' up */
  runs: ReadonlyMap<string, AssetRunView> | undefined
}

const at = (a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined) =>
  !!a && !!b && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5

const samePlaces = (a: Positions, b: Positions) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(b).every((id) => at(a[id], b[id]))

function structureKey(graph: ComponentGraph): string {
  return [...graph.nodes.map((n) => n.id), '|', ...graph.edges.map((e) => e.id)].join(',')
}

function CanvasInner(props: CanvasProps) {
  const { graph, positions, loading, matches, stale, selected, onSelect, onMove, onPlace, onDropType, runs } = props
  const flow = useReactFlow()
  const container = useRef<HTMLDivElement>(null)
  const [nodes, setNodes, onNodesChange] = useNodesState<ComponentFlowNode>([])
  const [auto, setAuto] = useState<LayoutResult>({ positions: {}, groups: {} })
  // where the nodes settled (no drag under way), and the edges' routes around them once the user
  // moved some away from the engine's places
  const [settled, setSettled] = useState<Positions>({})
  const [manual, setManual] = useState<{ at: Positions; routes: Routes } | null>(null)
  const structure = structureKey(graph)

  // Nodes without a saved position are placed by the layout engine, off the render path.
  useEffect(() => {
    let cancelled = false
    const started = performance.now()
    layout({
      nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      edges: graph.edges,
    })
      .then((placed) => {
        recordMetric('componentLayout', { nodes: graph.nodes.length, edges: graph.edges.length, ms: performance.now() - started })
        if (!cancelled) setAuto(placed)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
    // the layout depends on the graph's structure only, not on asset details
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure])

  // where placement put each node last: those without a saved place stay there
  const placeRef = useRef(onPlace)
  useEffect(() => {
    placeRef.current = onPlace
  }, [onPlace])
  const placedRef = useRef<Positions>({})
  useEffect(() => {
    if (!positions) return
    const box = container.current
    const { x, y, zoom } = flow.getViewport()
    const view = box?.clientWidth ? { x: -x / zoom, y: -y / zoom, width: box.clientWidth / zoom, height: box.clientHeight / zoom } : null
    const ids = graph.nodes.map((n) => n.id)
    const placement = { saved: positions, auto: auto.positions, shown: placedRef.current, view, size: { width: NODE_WIDTH, height: NODE_HEIGHT } }
    const placed = placeNodes(ids, placement)
    const spots = spotted(ids, placement)
    if (spots.length > 0) placeRef.current(Object.fromEntries(spots.map((id) => [id, placed[id]])))
    placedRef.current = placed
    setSettled((previous) => (samePlaces(previous, placed) ? previous : placed))
    setNodes((previous) => {
      const byId = new Map(previous.map((n) => [n.id, n]))
      return graph.nodes.map((node) => {
        const old = byId.get(node.id)
        const position = placed[node.id] ?? old?.position ?? { x: 0, y: 0 }
        return {
          ...(old ?? {}),
          id: node.id,
          type: 'component' as const,
          position: old?.dragging ? old.position : position,
          data: {
            ...node,
            loading,
            stale,
            matched: matches ? matches.has(node.id) : null,
            run: runs ? rollUp(node.assets.filter((a) => a.is_executable).map((a) => runs.get(a.key)).filter((v) => v !== undefined)) : null,
          },
          selected: node.id === selected,
        }
      })
    })
  }, [graph, positions, auto, loading, matches, stale, selected, setNodes, runs, flow])

  const placedAll = !!positions && nodes.length > 0 && nodes.every((n) => positions[n.id] || auto.positions[n.id])
  useFitOnce(flow, placedAll)
  const initialized = useNodesInitialized()
  usePaintedMetric('componentGraphPainted', 'nodes', graph.nodes.length, initialized && placedAll && nodes.length === graph.nodes.length)
  useBringIntoView(flow, container, selected, nodes, NODE_WIDTH, NODE_HEIGHT)
  useCanvasCommands(flow, selected)
  useScreenFit(flow, container, nodes)

  // once a node is off the engine's places, every edge is routed around the nodes where they are
  useEffect(() => {
    const ids = Object.keys(settled)
    if (ids.length === 0 || ids.every((id) => at(settled[id], auto.positions[id]))) {
      setManual(null)
      return
    }
    let cancelled = false
    const boxes = Object.fromEntries(ids.map((id) => [id, { ...settled[id], width: NODE_WIDTH, height: NODE_HEIGHT }]))
    const started = performance.now()
    route({ boxes, edges: graph.edges })
      .then((routes) => {
        recordMetric('edgeRoutes', { nodes: ids.length, edges: graph.edges.length, routed: Object.keys(routes).length, ms: performance.now() - started })
        if (!cancelled) setManual({ at: settled, routes })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [settled, auto, graph.edges])

  // an edge follows a route while both its ends are where the route was made for; a plain curve
  // while one of them is dragged
  const shown = new Map(nodes.map((n) => [n.id, n.position]))
  const shownAt = (id: string, places: Positions) => at(shown.get(id), places[id])
  const routeOf = (edge: { source: string; target: string }): RoutedEdgeData => {
    const key = `${edge.source}->${edge.target}`
    if (manual) return shownAt(edge.source, manual.at) && shownAt(edge.target, manual.at) ? { route: manual.routes[key], orthogonal: true } : {}
    return shownAt(edge.source, auto.positions) && shownAt(edge.target, auto.positions) ? { route: auto.routes?.[key] } : {}
  }
  const routed = Object.fromEntries(graph.edges.map((e) => [e.id, routeOf(e)]))
  const routedKey = JSON.stringify(routed)
  const edges: RoutedFlowEdge[] = useMemo(
    () =>
      graph.edges.map((edge) => ({
        id: edge.id,
        type: 'routed' as const,
        source: edge.source,
        target: edge.target,
        data: routed[edge.id],
        label: edge.count > 1 ? String(edge.count) : undefined,
        className: 'dependency-edge',
        markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--xy-edge-stroke)', width: 18, height: 18 },
        interactionWidth: 14,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graph.edges, routedKey],
  )

  const onNodeClick: NodeMouseHandler<ComponentFlowNode> = (_event, node) => onSelect(node.id)

  const onDrop = (event: DragEvent) => {
    const typeKey = event.dataTransfer.getData(DRAG_TYPE)
    if (!typeKey) return
    event.preventDefault()
    onDropType(typeKey, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
  }

  return (
    <div
      ref={container}
      className="canvas"
      data-testid="canvas"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(DRAG_TYPE)) {
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
        }
      }}
      onDrop={onDrop}
    >
      <ReactFlow<ComponentFlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onPaneClick={() => onSelect(null)}
        onNodeDragStop={(_event, _node, moved) => {
          const to = Object.fromEntries(moved.map((n) => [n.id, n.position]))
          const shown = placedRef.current
          const from = Object.fromEntries(Object.keys(to).flatMap((id) => (shown[id] ? [[id, shown[id]]] : [])))
          const loose = Object.fromEntries(Object.entries(shown).filter(([id]) => !to[id] && !positions?.[id]))
          placedRef.current = { ...shown, ...to }
          onMove({ to, from, loose })
        }}
        onConnect={(connection) => props.onConnectNodes(connection.source, connection.target)}
        onEdgeClick={(_event, edge) => props.onEdgePicked(edge.source, edge.target)}
        fitView
        fitViewOptions={FIT}
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
        proOptions={{ hideAttribution: true }}
        deleteKeyCode={null}
      >
        <Background gap={24} color="#232838" />
        <Controls showInteractive={false} />
        <MiniMap<ComponentFlowNode> pannable zoomable nodeColor={(n) => (n.data.problems.length ? 'var(--danger)' : 'var(--accent-strong)')} maskColor="var(--minimap-mask)" />
      </ReactFlow>
      {graph.nodes.length === 0 && !loading && (
        <div className="canvas-empty">
          <p>The defs folder is empty.</p>
          <p className="muted">Drag a component from the palette onto the canvas to scaffold it.</p>
        </div>
      )}
    </div>
  )
}

export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  )
}
