import { useEffect, useRef } from 'react'
import type { Asset, AssetCheck } from '../api/types'
import type { Automation } from '../canvas/graphModel'
import { Badge } from '../ui/bits'

interface AssetListProps {
  assets: Asset[]
  checks: AssetCheck[]
  automations: Automation[]
  /** the asset to bring forward (picked in the asset view) */
  highlight?: string | null
}

/** What Dagster loads from one definition: assets with their groups, kinds and
 * dependencies, then its jobs, schedules and sensors. */
export function AssetList({ assets, checks, automations, highlight = null }: AssetListProps) {
  return (
    <>
      {assets.length === 0 && automations.length === 0 && (
        <p className="muted panel-section">Dagster loads no definitions from here.</p>
      )}
      {assets.length > 0 && <Assets assets={assets} checks={checks} highlight={highlight} />}
      {automations.length > 0 && (
        <ul className="asset-list" aria-label="Jobs, schedules and sensors">
          {automations.map((a) => (
            <li key={`${a.kind}:${a.name}`} className="asset-item">
              <div className="asset-head">
                <span className="mono asset-key">{a.name}</span>
                <Badge tone="accent">{a.kind}</Badge>
              </div>
              {a.detail && <div className="asset-description mono">{a.detail}</div>}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function Assets({ assets, checks, highlight }: { assets: Asset[]; checks: AssetCheck[]; highlight: string | null }) {
  const list = useRef<HTMLUListElement>(null)
  useEffect(() => {
    if (highlight) list.current?.querySelector(`[data-asset="${CSS.escape(highlight)}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [highlight])
  return (
    <ul className="asset-list" aria-label="Assets" ref={list}>
      {assets.map((asset) => {
        const assetChecks = checks.filter((c) => c.asset_key === asset.key)
        return (
          <li key={asset.key} className={`asset-item ${asset.key === highlight ? 'highlighted' : ''}`} data-asset={asset.key}>
            <div className="asset-head">
              <span className="mono asset-key">{asset.key}</span>
              {!asset.is_executable && <Badge tone="warn">external</Badge>}
            </div>
            <div className="asset-meta">
              {asset.group && <Badge tone="accent">group: {asset.group}</Badge>}
              {asset.kinds.map((kind) => (
                <Badge key={kind}>{kind}</Badge>
              ))}
              {asset.partitions && <Badge title={asset.partitions}>partitioned</Badge>}
              {asset.automation_condition?.label && <Badge>auto: {asset.automation_condition.label}</Badge>}
              {asset.code_version && <Badge>v{asset.code_version}</Badge>}
            </div>
            {asset.description && <div className="asset-description">{asset.description}</div>}
            {asset.deps.length > 0 && (
              <div className="asset-deps muted">
                depends on <span className="mono">{asset.deps.join(', ')}</span>
              </div>
            )}
            {assetChecks.length > 0 && (
              <div className="asset-deps muted">
                checks <span className="mono">{assetChecks.map((c) => c.name).join(', ')}</span>
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
