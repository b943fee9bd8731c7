import type { WarningItem } from '../api/types'

/** The amber mark of a node whose definitions load but will not work as meant. */
export function WarningMark({ warnings }: { warnings: WarningItem[] }) {
  if (warnings.length === 0) return null
  const label = warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`
  return (
    <span className="node-warnings" title={warnings.map((w) => w.message).join('\n')} aria-label={label}>
      ▲ {warnings.length}
    </span>
  )
}
