import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { classes, humanizeTypeName, plural } from '../ui/names'
import type { rollUp } from '../runs/runState'
import type { GraphNode } from './graphModel'
import { WarningMark } from './WarningMark'

export type ComponentNodeData = GraphNode & {
  loading: boolean
  stale: boolean
  matched: boolean | null
  /** its assets' state in the instance, rolled up; null before it is read or without assets */
  run: ReturnType<typeof rollUp>
}
export type ComponentFlowNode = Node<ComponentNodeData, 'component'>

export const NODE_WIDTH = 250
export const NODE_HEIGHT = 140
const SHOWN_LINES = 3

function typeLabel(data: ComponentNodeData): string {
  const { instance } = data
  if (instance.kind === 'python') return 'Python definitions'
  if (!instance.type) return 'Component'
  const name = instance.type.split('.').pop() ?? instance.type
  return humanizeTypeName(name)
}

function ComponentNodeView({ data, selected }: NodeProps<ComponentFlowNode>) {
  const { instance, assets, checks, automations, problems, warnings, loading, stale, matched, run } = data
  const lines = [
    ...assets.map((a) => ({ key: a.key, text: a.key, title: a.key })),
    ...automations.map((a) => ({
      key: `${a.kind}:${a.name}`,
      text: `${a.kind}: ${a.name}`,
      title: `${a.kind} ${a.name}${a.detail ? ` (${a.detail})` : ''}`,
    })),
  ]
  const title = instance.index ? `${instance.path} [${instance.index}]` : instance.path
  return (
    <div
      className={classes(
        'component-node',
        selected && 'selected',
        problems.length > 0 && 'has-problems',
        warnings.length > 0 && 'has-warnings',
        stale && 'stale',
        matched === true && 'matched',
        matched === false && 'unmatched',
      )}
      data-node={data.id}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="component-node-head">
        <span className={`node-icon node-icon-${instance.kind}`} aria-hidden>
          {instance.kind === 'python' ? 'py' : '◆'}
        </span>
        <div className="node-titles">
          <div className="node-title" title={title}>
            {title}
          </div>
          <div className="node-type" title={instance.type ?? ''}>
            {typeLabel(data)}
          </div>
        </div>
        {problems.length > 0 && (
          <span className="node-problems" title={problems.map((p) => p.message).join('\n')}>
            ⚠ {problems.length}
          </span>
        )}
        <WarningMark warnings={warnings} />
      </div>
      <ul className="node-assets">
        {(lines.length > SHOWN_LINES ? lines.slice(0, SHOWN_LINES - 1) : lines).map((line) => (
          <li key={line.key} title={line.title}>
            {line.text}
          </li>
        ))}
        {lines.length > SHOWN_LINES && <li className="muted">+{lines.length - SHOWN_LINES + 1} more</li>}
        {lines.length === 0 && !loading && <li className="muted">no definitions</li>}
      </ul>
      <div className="node-foot">
        <span className="node-count" data-testid="asset-count">
          {loading ? '…' : `${plural(assets.length, 'asset')}${stale ? ' (last load)' : ''}`}
        </span>
        {checks.length > 0 && (
          <span className="node-count">
            {plural(checks.length, 'check')}
          </span>
        )}
        {automations.length > 0 && (
          <span className="node-count">
            {automations.length} {automations.length === 1 ? automations[0].kind : 'automations'}
          </span>
        )}
        {run && (
          <span
            className={`node-run run-${run.state}`}
            data-run-state={run.state}
            title={`${run.materialized} of ${plural(run.total, 'asset')} materialized${run.state === 'failed' ? '; the last run of one failed' : ''}`}
          >
            <span className="run-dot" aria-hidden />
            {run.state === 'running' ? 'running' : run.state === 'failed' ? 'failed' : `${run.materialized}/${run.total}`}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}

export const ComponentNode = memo(ComponentNodeView)
