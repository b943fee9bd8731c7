// Layered layout with dagre's tight-tree ranker (the default network-simplex ranker takes
// tens of seconds at a few thousand nodes). Pure: runs in the layout worker and in tests.
import dagre from '@dagrejs/dagre'

export interface LayoutInput {
  nodes: Array<{ id: string; width: number; height: number }>
  edges: Array<{ source: string; target: string }>
}

export type LayoutOutput = Record<string, { x: number; y: number }>

export function computeLayout({ nodes, edges }: LayoutInput): LayoutOutput {
  const graph = new dagre.graphlib.Graph()
  graph.setGraph({ rankdir: 'LR', ranker: 'tight-tree', nodesep: 28, ranksep: 90, marginx: 20, marginy: 20 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height })
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target)
  }
  dagre.layout(graph)
  const out: LayoutOutput = {}
  for (const node of nodes) {
    const placed = graph.node(node.id)
    // dagre gives centres; React Flow positions are top-left corners
    out[node.id] = { x: placed.x - node.width / 2, y: placed.y - node.height / 2 }
  }
  return out
}
