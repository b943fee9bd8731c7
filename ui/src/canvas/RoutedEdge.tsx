// A dependency edge that follows the route it was given: the layout engine's (around the nodes
// in between) while both its ends are where the engine put them, an orthogonal one around the
// nodes once the user moved some; a plain curve while a node is being dragged; a straight line
// zoomed out far.
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react'
import { memo } from 'react'
import { useFarZoom } from './lod'
import { orthogonalPath, routePath } from './routePath'

export type RoutedEdgeData = { route?: Array<{ x: number; y: number }>; orthogonal?: boolean }
export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>

function RoutedEdgeView(props: EdgeProps<RoutedFlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, label, style, interactionWidth } = props
  const far = useFarZoom()
  const route = data?.route
  if (far) {
    // zoomed out far: a straight line, no marker nor label
    return <BaseEdge path={`M ${sourceX},${sourceY} L ${targetX},${targetY}`} style={style} interactionWidth={interactionWidth} />
  }
  if (!route || (!route.length && !data?.orthogonal)) {
    const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })
    return <BaseEdge path={path} labelX={labelX} labelY={labelY} label={label} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
  }
  const points = [{ x: sourceX, y: sourceY }, ...route, { x: targetX, y: targetY }]
  const middle = route.length
    ? route[Math.floor(route.length / 2)]
    : { x: (sourceX + targetX) / 2, y: (sourceY + targetY) / 2 }
  return (
    <BaseEdge
      path={data?.orthogonal ? orthogonalPath(points) : routePath(points)}
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
