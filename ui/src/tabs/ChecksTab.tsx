import { useMemo } from 'react'
import type { AssetCheck, AssetStatus } from '../api/types'
import { selectionOf } from '../runs/runState'
import { Empty } from '../ui/bits'
import { plural } from '../ui/names'
import { RowButtons, SourceLink, type RowActions } from './parts'
import { checkResult, groupChecks } from './rows'

interface ChecksTabProps {
  checks: readonly AssetCheck[]
  statuses: readonly AssetStatus[] | undefined
  actions: RowActions
}

/** Every asset check, under its asset, with its last result; Run now runs the asset's checks
 * without materializing it. */
export function ChecksTab({ checks, statuses, actions }: ChecksTabProps) {
  const groups = useMemo(() => groupChecks(checks), [checks])
  if (checks.length === 0) return <Empty>The project has no asset checks yet.</Empty>
  return (
    <div className="def-groups">
      {groups.map((group) => (
        <section key={group.asset} className="def-group" aria-label={`Checks of ${group.asset}`}>
          <h3>
            <span className="mono">{group.asset}</span> <span className="muted">({plural(group.checks.length, 'check')})</span>
          </h3>
          <div className="def-cards">
            {group.checks.map((check) => {
              const result = checkResult(statuses, check)
              return (
                <article key={check.key} className="def-card no-switch" data-definition={check.key} aria-label={`Check ${check.key}`}>
                  <div className="def-card-main">
                    <div className="def-card-title">
                      <span className={`check-result ${result ? (result.passed ? 'passed' : 'failed') : ''}`} aria-hidden>
                        {result ? (result.passed ? '✓' : '✗') : '○'}
                      </span>
                      <strong className="mono">{check.name}</strong>
                      <SourceLink source={check.source} actions={actions} />
                    </div>
                    {check.description && <div>{check.description}</div>}
                    <div className="muted">
                      Last result:{' '}
                      {result ? `${result.passed ? 'passed' : 'failed'}${result.severity ? ` (${result.severity})` : ''}` : 'not evaluated yet'}
                    </div>
                  </div>
                  <RowButtons target={{ kinds: ['asset_check'], name: check.key, source: check.source, label: `check ${check.key}` }} actions={actions}>
                    <button
                      className="button small primary"
                      disabled={actions.launching}
                      title={`Run the checks of ${check.asset_key} without materializing it`}
                      onClick={() => actions.run({ selection: selectionOf([check.asset_key]), checks_only: true }, `Checks of ${check.asset_key}`)}
                    >
                      Run now
                    </button>
                  </RowButtons>
                </article>
              )
            })}
          </div>
        </section>
      ))}
    </div>
  )
}
