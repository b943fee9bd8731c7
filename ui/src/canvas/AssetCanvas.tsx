import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
  Position,
  type Node,
  type NodeHandle,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { Definitions } from '../api/types'
import type { AssetRunView } from '../runs/runState'
import { Spinner } from '../ui/bits'
import { AssetNode, CollapsedGroupNode, GroupFrame } from './AssetNode'
import { CanvasMiniMap } from './CanvasMiniMap'
import { DiffLegend, RemovedAssetNode } from './DiffLayer'
import { diffAttributes, removedNodes } from './diffOverlay'
import type { DiffOverlayState } from '../defsdiff/useDiffOverlay'
import { ASSET_HEIGHT, ASSET_WIDTH, assetLayoutInput, assetNodeId, buildAssetGraph } from './assetGraph'
import type { LayoutResult } from './dagreLayout'
import { cachedLayout, structureKey } from './layoutCache'
import { route, type Routes } from './layoutClient'
import { edgesToRoute, movedNodes } from './movedEdges'
import { RoutedEdge, type RoutedEdgeData, type RoutedFlowEdge } from './RoutedEdge'
import { FAR_ZOOM } from './lod'
import { DistantLayer } from './DistantLayer'
import { lookOf, nodeAt } from './distantLook'
import { recordMetric, usePaintedMetric } from './metrics'
import { useBringIntoView, useCanvasCommands, useFitOnce, useScreenFit, VIRTUALIZE_ABOVE } from './viewport'
import './canvas.css'
import { plural } from '../ui/names'

const nodeTypes = { asset: AssetNode, collapsedGroup: CollapsedGroupNode, groupFrame: GroupFrame, removedAsset: RemovedAssetNode }
const edgeTypes = { routed: RoutedEdge }

/** Picking assets on the graph (for a form): a click or Enter/Space on a node toggles it; the
 * graph's own editing is off meanwhile. */
export interface AssetPicking {
  picked: ReadonlySet<string>
  /** assets that cannot be picked, with why */
  unpickable: ReadonlyMap<string, string>
  onToggle: (key: string) => void
}

interface AssetCanvasProps {
  definitions: Definitions | undefined
  /** draw a dependency: `downstream` gets `upstream` in its deps */
  onConnect: (upstream: string, downstream: string) => void
  /** delete the dependency behind a selected edge */
  onRemoveEdge: (upstream: string, downstream: string) => void
  collapsed: ReadonlySet<string>
  onToggleGroup: (group: string) => void
  matches: ReadonlySet<string> | null
  selectedAsset: string | null
  onSelectAsset: (key: string | null, component: string | null) => void
  /** each asset's state in the instance, once read */
  runs: ReadonlyMap<string, AssetRunView> | undefined
  picking?: AssetPicking
  /** the changes since a commit, shown on the graph while on */
  diff?: { gitRef: string } & DiffOverlayState
}

function AssetCanvasInner(props: AssetCanvasProps) {
  const { definitions, collapsed, onToggleGroup, matches, selectedAsset, onSelectAsset, runs, picking, diff } = props
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null)
  const flow = useReactFlow()
  const container = useRef<HTMLDivElement>(null)
  const [nodes, setNodes, onNodesChange] = useNodesState<Node>([])
  const [laidOut, setLayout] = useState<{ key: string; result: LayoutResult } | null>(null)
  const [far, setFar] = useState(false)

  const graph = useMemo(() => buildAssetGraph(definitions, collapsed, matches), [definitions, collapsed, matches])
  const input = useMemo(() => assetLayoutInput(graph), [graph])
  const key = useMemo(() => structureKey(input), [input])

  // a layout that fails (or times out) says so, with a retry: never a spinner that never ends
  const [layoutFailure, setLayoutFailure] = useState<{ key: string; message: string } | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let cancelled = false
    const started = performance.now()
    cachedLayout(input)
      .then(({ result, cached }) => {
        if (cancelled) return
        recordMetric('assetLayout', { nodes: input.nodes.length, ms: performance.now() - started, cached })
        setLayout({ key, result })
      })
      .catch((error: unknown) => {
        if (!cancelled) setLayoutFailure({ key, message: error instanceof Error ? error.message : String(error) })
      })
    return () => {
      cancelled = true
    }
    // the layout depends on the structure only: `key` stands for `input`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt])
  // the layout of the graph shown; until it comes the nodes stay as they were: thousands of new
  // nodes without places would all be drawn at once, piled up at the origin
  const layout = laidOut?.key === key ? laidOut : null

  // where the user dragged nodes to, on this layout: kept when the nodes are made again
  const kept = useRef<{ layout: typeof layout; places: Record<string, XY> }>({ layout: null, places: {} })
  useEffect(() => {
    if (!layout) return
    const { positions, groups } = layout.result
    const dragged = kept.current.layout === layout ? kept.current.places : {}
    const frames: Node[] = graph.groups.flatMap((group) => {
      const box = groups[group.id]
      if (!box) return []
      return [
        {
          id: group.id,
          type: 'groupFrame',
          position: { x: box.x, y: box.y },
          width: box.width,
          height: box.height,
          ...known(box.width, box.height, []),
          data: { name: group.name, count: group.count, onToggle: onToggleGroup },
          selectable: false,
          draggable: false,
          zIndex: -1,
        },
      ]
    })
    const items: Node[] = graph.nodes.map((node) => ({
      id: node.id,
      type: node.kind === 'asset' ? 'asset' : 'collapsedGroup',
      position: dragged[node.id] ?? positions[node.id] ?? { x: 0, y: 0 },
      width: ASSET_WIDTH,
      height: ASSET_HEIGHT,
      ...known(ASSET_WIDTH, ASSET_HEIGHT, ASSET_HANDLES),
      data:
        node.kind === 'asset'
          ? { ...node.data, run: runs?.get(node.data.asset.key), ...pickState(picking, node.data.asset.key) }
          : { ...node.data, onToggle: onToggleGroup },
      selected: !picking && node.kind === 'asset' && node.data.asset.key === selectedAsset,
      ...(picking && node.kind === 'asset' ? pickAttributes(picking, node.data.asset.key) : {}),
      ...(!picking && diff?.overlay && node.kind === 'asset' ? diffAttributes(diff.overlay, node.data.asset.key) : {}),
    }))
    const removed = !picking && diff?.overlay ? removedNodes(diff.overlay, items) : []
    setNodes([...frames, ...items, ...removed])
  }, [graph, layout, selectedAsset, onToggleGroup, setNodes, runs, picking, diff?.overlay])

  // after a drag, the edges the move concerns go around the nodes where they stand now; each keeps
  // its route while both its ends are where it was made for (a plain curve while one is dragged)
  const [rerouted, setRerouted] = useState<{ at: Record<string, XY>; routes: Routes } | null>(null)
  const routing = useRef(0)
  const rerouteMoved = (_event: unknown, _node: Node, dragged: Node[]) => {
    if (!layout) return
    const shown = flow.getNodes().filter((n) => n.type === 'asset' || n.type === 'collapsedGroup')
    // the dragged nodes where the drag left them: on a busy page the release can come before the
    // view has taken the last move, and the flow's own copy would still hold the place before it
    const places = {
      ...Object.fromEntries(shown.map((n) => [n.id, n.position])),
      ...Object.fromEntries(dragged.map((n) => [n.id, n.position])),
    }
    const boxes = Object.fromEntries(Object.entries(places).map(([id, at]) => [id, { ...at, width: ASSET_WIDTH, height: ASSET_HEIGHT }]))
    const moved = movedNodes(places, layout.result.positions)
    kept.current = { layout, places: Object.fromEntries(moved.map((id) => [id, places[id]])) }
    const todo = edgesToRoute(boxes, graph.edges, moved)
    const request = ++routing.current
    if (todo.length === 0) {
      setRerouted(null)
      return
    }
    const started = performance.now()
    route({ boxes, edges: todo })
      .then((routes) => {
        recordMetric('edgeRoutes', { nodes: shown.length, edges: todo.length, ms: performance.now() - started })
        if (request === routing.current) setRerouted({ at: places, routes })
      })
      .catch(() => undefined)
  }
  const placeOf = useMemo(() => new Map(nodes.map((n) => [n.id, n.position])), [nodes])
  const routedData: Record<string, RoutedEdgeData> = {}
  for (const [id, points] of Object.entries(rerouted?.routes ?? {})) {
    const [source, target] = id.split('->')
    const still = (node: string) => samePlace(placeOf.get(node), rerouted?.at[node])
    if (still(source) && still(target)) routedData[id] = { route: points, orthogonal: true }
  }
  const routedKey = JSON.stringify(routedData)
  const edges: RoutedFlowEdge[] = useMemo(
    () =>
      graph.edges.map((edge) => ({
        id: edge.id,
        type: 'routed' as const,
        source: edge.source,
        target: edge.target,
        data: routedData[`${edge.source}->${edge.target}`],
        className: edge.id === selectedEdge ? 'dependency-edge selected-edge' : 'dependency-edge',
        interactionWidth: 14,
      })),
    // `routedKey` stands for `routedData`
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graph.edges, selectedEdge, routedKey],
  )
  const keyOf = (node: string) => (node.startsWith('asset:') ? node.slice('asset:'.length) : null)
  const toggle = (key: string | null) => {
    if (picking && key !== null && !picking.unpickable.has(key)) picking.onToggle(key)
  }
  const removeSelectedEdge = () => {
    const edge = graph.edges.find((e) => e.id === selectedEdge)
    const [upstream, downstream] = edge ? [keyOf(edge.source), keyOf(edge.target)] : [null, null]
    if (upstream && downstream) props.onRemoveEdge(upstream, downstream)
    setSelectedEdge(null)
  }

  const initialized = useNodesInitialized()
  usePaintedMetric('assetGraphPainted', 'assets', definitions?.assets.length ?? 0, initialized && layout !== null)

  // zoomed out, a large graph is painted on one canvas: React Flow keeps the nodes, hidden
  const large = nodes.length > VIRTUALIZE_ABOVE
  const painted = large && far
  const shown = useMemo(() => (painted ? nodes.map((n) => ({ ...n, hidden: true })) : nodes), [nodes, painted])

  /** A click on a node, drawn or painted: picked while picking, else its asset selected. */
  const pickNode = (node: Node) => {
    if (picking) toggle(keyOf(node.id))
    else if (node.type === 'asset') {
      const data = node.data as { asset: { key: string }; component: string | null }
      onSelectAsset(data.asset.key, data.component)
    }
  }
  const paintedAt = (event: { clientX: number; clientY: number }) =>
    painted ? nodeAt(nodes, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })) : null

  useFitOnce(flow, nodes.length > 0 && layout !== null)
  // the removed assets stand right of the graph: fit it all in view once they are there
  const ghosts = !picking && diff?.overlay ? diff.overlay.removed.length : 0
  useEffect(() => {
    if (ghosts > 0) window.requestAnimationFrame(() => window.requestAnimationFrame(() => void flow.fitView()))
  }, [ghosts, flow])
  const selectedNode = selectedAsset ? assetNodeId(selectedAsset) : null
  useBringIntoView(flow, container, selectedNode, nodes, ASSET_WIDTH, ASSET_HEIGHT)
  useCanvasCommands(flow, selectedNode)
  useScreenFit(flow, container, nodes)

  return (
    <div
      ref={container}
      className={`canvas ${painted ? 'lod-distant' : ''}`}
      data-testid="asset-canvas"
      onKeyDown={(event) => {
        // React Flow's own Enter/Space selects; picking toggles the focused node instead
        const target = event.target as HTMLElement
        if (!picking || (event.key !== 'Enter' && event.key !== ' ') || !target.classList.contains('react-flow__node')) return
        event.preventDefault()
        toggle(keyOf(target.dataset.id ?? ''))
      }}
    >
      <ReactFlow
        nodes={shown}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={rerouteMoved}
        onNodeClick={(_event, node) => pickNode(node)}
        onPaneClick={(event) => {
          // painted, the nodes are not in the DOM: the click is matched to a box by its place
          const hit = paintedAt(event)
          if (picking) {
            if (hit) pickNode(hit)
            return
          }
          setSelectedEdge(null)
          if (hit?.type === 'asset') pickNode(hit)
          else onSelectAsset(null, null)
        }}
        onPaneMouseMove={(event) => {
          const box = container.current
          if (!box) return
          const hit = paintedAt(event)
          box.toggleAttribute('data-hover', !!hit)
          box.title = hit ? lookOf(hit).title : ''
        }}
        onEdgeClick={(_event, edge) => !picking && setSelectedEdge(edge.id)}
        onConnect={(connection) => {
          const upstream = keyOf(connection.source)
          const downstream = keyOf(connection.target)
          if (upstream && downstream) props.onConnect(upstream, downstream)
        }}
        onMove={(_event, viewport) => setFar(viewport.zoom < FAR_ZOOM)}
        minZoom={0.03}
        maxZoom={2}
        onlyRenderVisibleElements={large}
        nodesConnectable={!picking}
        nodesDraggable={!picking}
        elementsSelectable={!picking}
        proOptions={{ hideAttribution: true }}
        deleteKeyCode={null}
      >
        {!large && <Background gap={24} color="#232838" />}
        {painted && <DistantLayer nodes={nodes} edges={graph.edges} selected={selectedNode} />}
        <Controls showInteractive={false} />
        {large ? (
          <CanvasMiniMap nodes={nodes} color={minimapColor} />
        ) : (
          <MiniMap pannable zoomable maskColor="var(--minimap-mask)" nodeColor={(n) => `var(${minimapColor(n)})`} />
        )}
      </ReactFlow>
      {diff && !picking && <DiffLegend {...diff} />}
      {selectedEdge && (
        <div className="edge-actions" role="toolbar" aria-label="Selected dependency">
          <span className="mono">{selectedEdge.replace(/asset:/g, '').replace('->', ' → ')}</span>
          <button className="button small danger" onClick={removeSelectedEdge}>
            Remove dependency
          </button>
        </div>
      )}
      {!layout && layoutFailure?.key === key && (
        <div className="canvas-status notice error" role="alert">
          The asset graph could not be laid out: {layoutFailure.message}.{' '}
          <button
            className="link-button"
            onClick={() => {
              setLayoutFailure(null)
              setAttempt((n) => n + 1)
            }}
          >
            Try again
          </button>
        </div>
      )}
      {!layout && layoutFailure?.key !== key && (definitions?.assets.length ?? 0) > 0 && (
        <div className="canvas-status">
          <Spinner label={`Laying out ${plural(definitions?.assets.length ?? 0, 'asset')}…`} />
        </div>
      )}
      {definitions && definitions.assets.length === 0 && (
        <div className="canvas-empty">
          <p>Dagster loads no assets from this project yet.</p>
        </div>
      )}
    </div>
  )
}

type XY = { x: number; y: number }

// A node's size and handles are known before it is drawn: React Flow then draws only the nodes
// in view (otherwise it draws every node once, to measure it: thousands at first paint).
const HANDLE = 6
const ASSET_HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Left, x: -HANDLE / 2, y: ASSET_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
  { type: 'source', position: Position.Right, x: ASSET_WIDTH - HANDLE / 2, y: ASSET_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
]
/** The colour variable of a node in the minimap: frames faint, picked assets green. */
const minimapColor = (n: Node) =>
  n.type === 'groupFrame' ? '--panel-2' : (n.data as { picked?: boolean }).picked ? '--ok' : '--accent-strong'
const known = (width: number, height: number, handles: NodeHandle[]) => ({ measured: { width, height }, handles })
const samePlace = (a: XY | undefined, b: XY | undefined) => !!a && !!b && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5

function pickState(picking: AssetPicking | undefined, key: string) {
  return picking ? { picked: picking.picked.has(key), unpickable: picking.unpickable.get(key) ?? null } : {}
}

/** While picking, a node is a checkbox to assistive technology, and says why it cannot be picked. */
function pickAttributes(picking: AssetPicking, key: string): Partial<Node> {
  const why = picking.unpickable.get(key)
  return {
    ariaRole: 'checkbox',
    ariaLabel: `Pick ${key}`,
    domAttributes: { 'aria-checked': picking.picked.has(key), 'aria-disabled': why !== undefined, title: why },
  }
}

export function AssetCanvas(props: AssetCanvasProps) {
  return (
    <ReactFlowProvider>
      <AssetCanvasInner {...props} />
    </ReactFlowProvider>
  )
}
