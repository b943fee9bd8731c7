import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useReactFlow,
  type Edge,
  type NodeMouseHandler,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import type { Positions } from '../api/types'
import { ComponentNode, NODE_HEIGHT, NODE_WIDTH, type ComponentFlowNode } from './ComponentNode'
import type { ComponentGraph } from './graphModel'
import { layout } from './layoutClient'
import { placeNodes } from './placement'
import './canvas.css'

export const DRAG_TYPE = 'application/x-dagster-designer-type'
const nodeTypes = { component: ComponentNode }
// Below this many nodes every node is rendered; above it only those in view.
const VIRTUALIZE_ABOVE = 200

interface CanvasProps {
  graph: ComponentGraph
  positions: Positions
  loading: boolean
  /** the definitions shown are the last ones that loaded, not the current files' */
  stale: boolean
  selected: string | null
  onSelect: (id: string | null) => void
  onMove: (id: string, position: { x: number; y: number }) => void
  onDropType: (typeKey: string, position: { x: number; y: number }) => void
}

function structureKey(graph: ComponentGraph): string {
  return [...graph.nodes.map((n) => n.id), '|', ...graph.edges.map((e) => e.id)].join(',')
}

function CanvasInner({ graph, positions, loading, stale, selected, onSelect, onMove, onDropType }: CanvasProps) {
  const flow = useReactFlow()
  const container = useRef<HTMLDivElement>(null)
  const [nodes, setNodes, onNodesChange] = useNodesState<ComponentFlowNode>([])
  const [auto, setAuto] = useState<Positions>({})
  const structure = structureKey(graph)

  // Nodes without a saved position are placed by the layout engine, off the render path.
  useEffect(() => {
    let cancelled = false
    layout({
      nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      edges: graph.edges,
    })
      .then((placed) => !cancelled && setAuto(placed))
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
    // the layout depends on the graph's structure only, not on asset details
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure])

  useEffect(() => {
    const placed = placeNodes(graph.nodes.map((n) => n.id), positions, auto, NODE_HEIGHT)
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
          data: { ...node, loading, stale },
          selected: node.id === selected,
        }
      })
    })
  }, [graph, positions, auto, loading, stale, selected, setNodes])

  // Fit the whole graph once, when its first nodes have their places.
  const fitted = useRef(false)
  useEffect(() => {
    const placed = nodes.length > 0 && nodes.every((n) => positions[n.id] || auto[n.id])
    if (!fitted.current && placed) {
      fitted.current = true
      window.requestAnimationFrame(() => void flow.fitView({ maxZoom: 1.1, padding: 0.2 }))
    }
  }, [nodes, positions, auto, flow])

  // A node that gets selected (just created, or picked from a problem) is brought into view.
  useEffect(() => {
    const node = nodes.find((n) => n.id === selected)
    const box = container.current
    if (!node || !box) return
    const { x, y, zoom } = flow.getViewport()
    const left = -x / zoom
    const top = -y / zoom
    const inside =
      node.position.x >= left &&
      node.position.y >= top &&
      node.position.x + NODE_WIDTH <= left + box.clientWidth / zoom &&
      node.position.y + NODE_HEIGHT <= top + box.clientHeight / zoom
    if (!inside) {
      void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, { zoom, duration: 250 })
    }
    // only a change of selection moves the view, not every node update
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, nodes.length])

  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        label: edge.count > 1 ? String(edge.count) : undefined,
        className: 'dependency-edge',
      })),
    [graph.edges],
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
      <ReactFlow<ComponentFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onPaneClick={() => onSelect(null)}
        onNodeDragStop={(_event, node) => onMove(node.id, node.position)}
        fitView
        fitViewOptions={{ maxZoom: 1.1, padding: 0.2 }}
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
        proOptions={{ hideAttribution: true }}
        deleteKeyCode={null}
      >
        <Background gap={24} color="#232838" />
        <Controls showInteractive={false} />
        <MiniMap<ComponentFlowNode> pannable zoomable nodeColor={(n) => (n.data.problems.length ? '#ff6b6b' : '#4f6bef')} maskColor="#0e1014cc" />
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
