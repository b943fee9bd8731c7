import { DagsterUiLink } from '../dagster/DagsterUi'
import { MetadataTable } from './MetadataTable'
import { selectionOf, timeAgo, type AssetRunView } from './runState'
import { plural } from '../ui/names'

const STATE_TEXT = { never: 'Never materialized', running: 'Materializing…', materialized: 'Materialized', failed: 'Last run failed' }
const SHOWN = 8

/** The asset's page in Dagster's UI. */
const assetPage = (key: string) => `/assets/${key.split('/').map(encodeURIComponent).join('/')}`

interface AssetRunsProps {
  projectId: string
  /** the assets the panel shows: one picked, or a component's */
  keys: string[]
  runs: ReadonlyMap<string, AssetRunView> | undefined
  launching: boolean
  onMaterialize: (selection: string, label: string, checksOnly?: boolean) => void
  onOpenRun: (runId: string) => void
  /** open the launchpad on these assets (partition, config, tags) */
  onLaunchpad: (selection: string) => void
}

/** In the property panel: the state of its assets in the instance, their checks, and Materialize. */
export function AssetRuns({ projectId, keys, runs, launching, onMaterialize, onOpenRun, onLaunchpad }: AssetRunsProps) {
  if (keys.length === 0) return null
  const label = keys.length === 1 ? `Materialize ${keys[0]}` : `Materialize ${plural(keys.length, 'asset')}`
  const hasChecks = keys.some((key) => (runs?.get(key)?.checks.total ?? 0) > 0)
  return (
    <section className="asset-runs" aria-label="Runs of its assets">
      <div className="asset-runs-head">
        <h3>Runs</h3>
        <span className="asset-runs-actions">
          {hasChecks && (
            <button
              className="button small"
              disabled={launching}
              title="Run the checks of these assets without materializing them"
              onClick={() => onMaterialize(selectionOf(keys), `Checks of ${keys.length === 1 ? keys[0] : plural(keys.length, 'asset')}`, true)}
            >
              Run checks
            </button>
          )}
          <button className="button small" title="Launch with a partition, run config or tags" onClick={() => onLaunchpad(selectionOf(keys))}>
            Launch…
          </button>
          <button className="button small primary" disabled={launching} onClick={() => onMaterialize(selectionOf(keys), label)}>
            ▶ {label}
          </button>
        </span>
      </div>
      <ul>
        {keys.slice(0, SHOWN).map((key) => {
          const view = runs?.get(key)
          return (
            <li key={key} className={`asset-run run-${view?.state ?? 'never'}`} data-asset-run={key} data-run-state={view?.state ?? 'unknown'}>
              <span className="run-dot" aria-hidden />
              {keys.length > 1 && <span className="mono asset-run-key">{key}</span>}
              <span>
                {view ? STATE_TEXT[view.state] : 'Reading…'}
                {view?.materializedAt != null && ` ${timeAgo(view.materializedAt)}`}
              </span>
              {view?.lastRunId && (
                <button className="link-button" onClick={() => onOpenRun(view.lastRunId!)}>
                  last run
                </button>
              )}
              {keys.length === 1 && (
                <DagsterUiLink projectId={projectId} page={assetPage(key)}>
                  in Dagster UI ↗
                </DagsterUiLink>
              )}
              {(view?.checkResults ?? []).map((check) => (
                <span
                  key={check.name}
                  className={`asset-badge check-result ${check.passed === true ? 'passed' : check.passed === false ? 'failed' : ''}`}
                  title={check.passed === null ? 'not evaluated yet' : `${check.passed ? 'passed' : 'failed'} (${check.severity})`}
                >
                  {check.passed === true ? '✓' : check.passed === false ? '✗' : '○'} {check.name}
                </span>
              ))}
              {keys.length === 1 && view && view.metadata.length > 0 && <MetadataTable entries={view.metadata} />}
            </li>
          )
        })}
        {keys.length > SHOWN && <li className="muted">and {keys.length - SHOWN} more</li>}
      </ul>
    </section>
  )
}
