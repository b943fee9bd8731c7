// Layered layout with dagre's tight-tree ranker (the default network-simplex ranker takes
// tens of seconds at a few thousand nodes). Nodes may belong to a group: dagre then lays the
// group out as a cluster and gives its box. Pure: runs in the layout worker and in tests.
import dagre from '@dagrejs/dagre'

export interface LayoutInput {
  nodes: Array<{ id: string; width: number; height: number; parent?: string }>
  edges: Array<{ source: string; target: string }>
  /** ids of groups (clusters); nodes name theirs in `parent` */
  groups?: string[]
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export type LayoutOutput = Record<string, { x: number; y: number }>

export interface LayoutResult {
  positions: LayoutOutput
  groups: Record<string, Box>
  /** each edge's route between its ends ("source->target"): bends that go around the nodes */
  routes?: Record<string, Array<{ x: number; y: number }>>
}

export function computeLayout({ nodes, edges, groups = [] }: LayoutInput): LayoutResult {
  const compound = groups.length > 0
  const graph = new dagre.graphlib.Graph({ compound })
  graph.setGraph({ rankdir: 'LR', ranker: 'tight-tree', nodesep: 28, ranksep: 90, marginx: 20, marginy: 20 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const group of groups) graph.setNode(group, { paddingTop: 36, paddingLeft: 16, paddingRight: 16, paddingBottom: 16 })
  for (const node of nodes) {
    graph.setNode(node.id, { width: node.width, height: node.height })
    if (node.parent && compound) graph.setParent(node.id, node.parent)
  }
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target)
  }
  dagre.layout(graph)
  const positions: LayoutOutput = {}
  for (const node of nodes) {
    const placed = graph.node(node.id)
    // dagre gives centres; React Flow positions are top-left corners
    positions[node.id] = { x: placed.x - node.width / 2, y: placed.y - node.height / 2 }
  }
  const routes: Record<string, Array<{ x: number; y: number }>> = {}
  for (const edge of edges) {
    const points: Array<{ x: number; y: number }> | undefined = graph.hasEdge(edge.source, edge.target)
      ? graph.edge(edge.source, edge.target)?.points
      : undefined
    // the first and last points are on the nodes' borders; the handles take their place
    if (points && points.length > 2) routes[`${edge.source}->${edge.target}`] = points.slice(1, -1).map(({ x, y }) => ({ x, y }))
  }
  const boxes: Record<string, Box> = {}
  for (const group of groups) {
    const placed = graph.node(group)
    if (placed?.width) {
      boxes[group] = {
        x: placed.x - placed.width / 2,
        y: placed.y - placed.height / 2,
        width: placed.width,
        height: placed.height,
      }
    }
  }
  return { positions, groups: boxes, routes }
}
