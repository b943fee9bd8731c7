import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { timeAgo, type AssetRunView } from '../runs/runState'
import { classes, plural } from '../ui/names'
import { WarningMark } from './WarningMark'
import { ASSET_HEIGHT, ASSET_WIDTH, type AssetNodeData, type CollapsedGroupData } from './assetGraph'

export type AssetFlowNode = Node<AssetNodeData, 'asset'>
export type CollapsedGroupFlowNode = Node<CollapsedGroupData & { onToggle: (group: string) => void }, 'collapsedGroup'>
export type GroupFrameFlowNode = Node<{ name: string; count: number; onToggle: (group: string) => void }, 'groupFrame'>

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf('/')
  return at < 0 ? ['', key] : [key.slice(0, at + 1), key.slice(at + 1)]
}

function ownerLabel(owner: { team?: string; email?: string }): string {
  return owner.team ? `team:${owner.team}` : (owner.email ?? '')
}

const RUN_TEXT = {
  never: () => 'Never materialized',
  running: () => 'Materializing…',
  materialized: (at: number | null) => `Materialized ${at === null ? '' : timeAgo(at)}`,
  failed: () => 'Failed',
}

/** Its state in the instance, as Dagster's asset graph shows it; checks as passed of total. */
function RunRow({ run }: { run: AssetRunView }) {
  const { checks } = run
  return (
    <div className={`asset-node-run run-${run.state}`} data-run-state={run.state}>
      <span className="run-dot" aria-hidden />
      <span className="run-text">{RUN_TEXT[run.state](run.materializedAt)}</span>
      {checks.total > 0 && (checks.passed > 0 || checks.failed > 0) && (
        <span
          className={`run-checks ${checks.failed > 0 ? 'failed' : 'passed'}`}
          title={`${checks.passed} passed, ${checks.failed} failed of ${plural(checks.total, 'check')}`}
        >
          {checks.failed > 0 ? `✗ ${checks.failed}` : `✓ ${checks.passed}`}/{checks.total}
        </span>
      )}
    </div>
  )
}

function AssetNodeView({ data, selected }: NodeProps<AssetFlowNode>) {
  const { asset, checks, warnings, matched, run, picked, unpickable } = data
  const [prefix, name] = splitKey(asset.key)
  const className = classes(
    'asset-node',
    selected && 'selected',
    !asset.is_executable && 'external',
    warnings.length > 0 && 'has-warnings',
    matched === true && 'matched',
    matched === false && 'unmatched',
    run && `run-state-${run.state}`,
    picked && 'picked',
    unpickable && 'unpickable',
  )
  const title = unpickable ?? [asset.key, asset.description, asset.defs_path ? `from ${asset.defs_path}` : null].filter(Boolean).join('\n')
  return (
    <div
      className={className}
      data-asset-node={asset.key}
      style={{ width: ASSET_WIDTH, height: ASSET_HEIGHT }}
      title={title}
    >
      {picked && (
        <span className="asset-picked-mark" aria-hidden>
          ✓
        </span>
      )}
      <Handle type="target" position={Position.Left} />
      <div className="asset-node-key">
        <span className="asset-node-prefix">{prefix}</span>
        <span className="asset-node-name">{name}</span>
      </div>
      <div className="asset-node-badges">
        <WarningMark warnings={warnings} />
        {!asset.is_executable && <span className="asset-badge external-badge">external</span>}
        {asset.kinds.slice(0, 2).map((kind) => (
          <span key={kind} className="asset-badge kind-badge">
            {kind}
          </span>
        ))}
        {asset.owners.slice(0, 1).map((owner) => (
          <span key={ownerLabel(owner)} className="asset-badge owner-badge">
            {ownerLabel(owner)}
          </span>
        ))}
        {asset.tags.length > 0 && (
          <span className="asset-badge" title={asset.tags.map((t) => `${t.key}=${t.value}`).join('\n')}>
            {plural(asset.tags.length, 'tag')}
          </span>
        )}
        {checks.length > 0 && (
          <span className="asset-badge check-badge" title={checks.map((c) => c.name).join('\n')}>
            ✓ {checks.length}
          </span>
        )}
      </div>
      <div className="asset-node-source">{asset.defs_path ?? (asset.is_executable ? 'definitions' : 'not defined here')}</div>
      {run && asset.is_executable && <RunRow run={run} />}
      <Handle type="source" position={Position.Right} />
    </div>
  )
}

function CollapsedGroupView({ data, selected }: NodeProps<CollapsedGroupFlowNode>) {
  return (
    <div
      className={classes('asset-node', 'collapsed-group', selected && 'selected', data.matched === 0 && 'unmatched')}
      data-group-node={data.group}
      style={{ width: ASSET_WIDTH, height: ASSET_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} />
      <button className="group-toggle" onClick={() => data.onToggle(data.group)} aria-label={`Expand group ${data.group}`}>
        ▸
      </button>
      <div className="asset-node-key">
        <span className="asset-node-name">{data.group}</span>
      </div>
      <div className="asset-node-badges">
        <span className="asset-badge">{plural(data.count, 'asset')}</span>
        {data.matched !== null && data.matched > 0 && <span className="asset-badge kind-badge">{plural(data.matched, 'match', 'matches')}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}

function GroupFrameView({ data, width, height }: NodeProps<GroupFrameFlowNode>) {
  return (
    <div className="group-frame" style={{ width, height }} data-group-frame={data.name}>
      <div className="group-frame-head">
        <button className="group-toggle" onClick={() => data.onToggle(data.name)} aria-label={`Collapse group ${data.name}`}>
          ▾
        </button>
        <span className="group-frame-name">{data.name}</span>
        <span className="muted">{data.count}</span>
      </div>
    </div>
  )
}

export const AssetNode = memo(AssetNodeView)
export const CollapsedGroupNode = memo(CollapsedGroupView)
export const GroupFrame = memo(GroupFrameView)
