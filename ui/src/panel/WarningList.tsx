import type { WarningItem } from '../api/types'
import type { WarningFixes } from '../project/useWarningFixes'
import { Ticked } from '../ui/Ticked'

interface WarningListProps {
  warnings: WarningItem[]
  /** the one-click fixes; without them the warnings are only told */
  fixes?: WarningFixes
  onOpen?: (warning: WarningItem) => void
}

/** What Dagster loads but will not work as meant, each with where it is written and its fixes. */
export function WarningList({ warnings, fixes, onOpen }: WarningListProps) {
  if (warnings.length === 0) return null
  return (
    <ul className="problem-list" aria-label="Warnings">
      {fixes?.error && (
        <li className="notice error" role="alert">
          {fixes.error}{' '}
          <button className="link-button" onClick={fixes.dismiss}>
            Dismiss
          </button>
        </li>
      )}
      {warnings.map((warning, i) => (
        <WarningRow key={`${warning.key}:${warning.missing ?? warning.kind}:${i}`} warning={warning} fixes={fixes} onOpen={onOpen} />
      ))}
    </ul>
  )
}

function WarningRow({ warning, fixes, onOpen }: { warning: WarningItem; fixes?: WarningFixes; onOpen?: (w: WarningItem) => void }) {
  const where = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ''}` : null
  const keyFixes = warning.kind === 'dangling_key' ? (warning.fixes ?? []) : []
  const script = warning.kind === 'missing_file' ? warning.path : null
  return (
    <li className="problem warning" data-kind={warning.kind ?? 'warning'} data-warning={warning.key ?? ''}>
      <div className="problem-message">
        <span className="warning-mark" aria-label="Warning">
          ▲
        </span>{' '}
        <Ticked text={warning.message} />
      </div>
      {where && (
        <button className="problem-where mono" onClick={() => onOpen?.(warning)} disabled={!onOpen}>
          {where}
          {warning.field ? ` · ${warning.field}` : ''}
        </button>
      )}
      {warning.hint && (
        <div className="problem-hint warning-hint">
          <Ticked text={warning.hint} />
        </div>
      )}
      {fixes && (keyFixes.length > 0 || script) && (
        <div className="warning-fixes">
          {keyFixes.map((fix) => (
            <button key={fix.fix} className="button small" disabled={fixes.pending} onClick={() => fixes.applyKeyFix(fix)}>
              <Ticked text={fix.title} />
            </button>
          ))}
          {script && (
            <button className="button small" disabled={fixes.pending} onClick={() => fixes.createScript(warning)}>
              Create <code>{script}</code>
            </button>
          )}
        </div>
      )}
    </li>
  )
}
