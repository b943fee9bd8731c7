import { useMemo, useState } from 'react'
import type { Asset, AssetStatus } from '../api/types'
import { textMatches } from '../canvas/assetGraph'
import { assetRunView, selectionOf, timeAgo } from '../runs/runState'
import { Empty } from '../ui/bits'
import { RowButtons, SourceLink, type RowActions } from './parts'
import { ownerText } from './rows'

const STATE_TEXT = { never: 'never materialized', running: 'materializing…', materialized: 'materialized', failed: 'last run failed' }

interface AssetsTabProps {
  assets: readonly Asset[]
  statuses: readonly AssetStatus[] | undefined
  actions: RowActions
}

/** Every asset the definitions hold, whoever wrote it: what it is, its last materialization,
 * Materialize. */
export function AssetsTab({ assets, statuses, actions }: AssetsTabProps) {
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    if (!filter.trim()) return assets
    const found = textMatches([...assets], filter)
    return assets.filter((a) => found.has(a.key))
  }, [assets, filter])
  const byKey = useMemo(() => new Map((statuses ?? []).map((s) => [s.key, s])), [statuses])
  if (assets.length === 0) return <Empty>The project defines no assets yet.</Empty>
  return (
    <>
      <input
        className="text def-filter"
        type="search"
        aria-label="Filter the assets"
        placeholder="Filter by key, group, kind, owner, tag or description"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <table className="def-table">
        <thead>
          <tr>
            <th>Key</th>
            <th>Group</th>
            <th>Kinds</th>
            <th>Owners</th>
            <th>Description</th>
            <th>Last materialization</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((asset) => {
            const view = assetRunView(byKey.get(asset.key))
            return (
              <tr key={asset.key} data-definition={asset.key}>
                <td>
                  <div className="mono def-name">{asset.key}</div>
                  <SourceLink source={asset.source} actions={actions} />
                </td>
                <td>{asset.group}</td>
                <td>
                  {asset.kinds.map((kind) => (
                    <span key={kind} className="badge">
                      {kind}
                    </span>
                  ))}
                </td>
                <td className="def-owners">{asset.owners.map(ownerText).join(', ')}</td>
                <td>
                  <div className="def-description" title={asset.description ?? undefined}>
                    {asset.description}
                  </div>
                </td>
                <td className={`run-${view.state}`}>
                  <span className="def-state">
                    <span className="run-dot" aria-hidden /> {STATE_TEXT[view.state]}
                    {view.materializedAt !== null && ` ${timeAgo(view.materializedAt)}`}
                  </span>
                  {view.lastRunId && (
                    <button className="link-button" onClick={() => actions.openRun(view.lastRunId!)}>
                      last run
                    </button>
                  )}
                </td>
                <td>
                  <RowButtons target={{ kinds: ['asset', 'sql_asset'], name: asset.key_parts.at(-1) ?? asset.key, source: asset.source, label: `asset ${asset.key}` }} actions={actions}>
                    {asset.is_executable && (
                      <button
                        className="button small primary"
                        disabled={actions.launching}
                        onClick={() => actions.run({ selection: selectionOf([asset.key]) }, `Materialize ${asset.key}`)}
                      >
                        Materialize
                      </button>
                    )}
                  </RowButtons>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {shown.length === 0 && <Empty>No asset matches.</Empty>}
    </>
  )
}
