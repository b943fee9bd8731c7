import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import { plural } from '../ui/names'
import { ASSET_HEIGHT, ASSET_WIDTH } from './assetGraph'
import type { DiffOverlay, RemovedAssetFlowNode } from './diffOverlay'
import './diff.css'

/** A removed asset: a dashed ghost with no edges, since it no longer loads. */
function RemovedAssetView({ data }: NodeProps<RemovedAssetFlowNode>) {
  return (
    <div
      className="asset-node removed-asset"
      data-removed-asset={data.key}
      style={{ width: ASSET_WIDTH, height: ASSET_HEIGHT }}
      title={`${data.key}: in ${data.ref}, no longer in the working tree`}
    >
      <div className="asset-node-key">
        <span className="asset-node-name">{data.key}</span>
      </div>
      <div className="asset-node-source">removed since {data.ref}</div>
    </div>
  )
}

export const RemovedAssetNode = memo(RemovedAssetView)

interface DiffLegendProps {
  gitRef: string
  overlay: DiffOverlay | null
  pending: boolean
  /** why there is no overlay: the ref is unknown, or one side's definitions do not load */
  error: string | null
}

/** The key to the colours, with the counts, and the fields of each changed asset. */
export function DiffLegend({ gitRef, overlay, pending, error }: DiffLegendProps) {
  const changed = overlay ? [...overlay.states].filter(([, found]) => found.state === 'changed') : []
  return (
    <div className="diff-legend" role="region" aria-label={`Changes since ${gitRef}`}>
      <div className="diff-legend-title">Changes since {gitRef}</div>
      {error ? (
        <div className="diff-legend-error" role="alert">
          {error}
        </div>
      ) : pending || !overlay ? (
        <div className="muted">Loading the definitions of {gitRef}…</div>
      ) : (
        <>
          <ul className="diff-legend-counts">
            <li className="diff-swatch-added">{plural(overlay.counts.added, 'added asset', 'added assets')}</li>
            <li className="diff-swatch-changed">{plural(overlay.counts.changed, 'changed asset', 'changed assets')}</li>
            <li className="diff-swatch-removed">{plural(overlay.counts.removed, 'removed asset', 'removed assets')}</li>
          </ul>
          {changed.length > 0 && (
            <ul className="diff-legend-changed">
              {changed.map(([key, found]) => (
                <li key={key}>
                  <span className="mono">{key}</span>: {found.fields.join(', ')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}
