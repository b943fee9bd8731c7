// A dependency edge that follows the route the layout engine gave it (around the nodes in
// between), while both its ends are where the engine put them; a plain curve otherwise.
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { routePath } from './routePath'

export type RoutedEdgeData = { route?: Array<{ x: number; y: number }> }
export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>

function RoutedEdgeView(props: EdgeProps<RoutedFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, label, style, interactionWidth } = props
  const route = data?.route
  if (!route?.length) {
    const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })
    return <BaseEdge path={path} labelX={labelX} labelY={labelY} label={label} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
  }
  const middle = route[Math.floor(route.length / 2)]
  return (
    <BaseEdge
      path={routePath([{ x: sourceX, y: sourceY }, ...route, { x: targetX, y: targetY }])}
      labelX={middle.x}
      labelY={middle.y}
      label={label}
      markerEnd={markerEnd}
      style={style}
      interactionWidth={interactionWidth}
    />
  )
}

export const RoutedEdge = memo(RoutedEdgeView)
