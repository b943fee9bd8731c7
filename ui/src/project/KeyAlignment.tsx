import { useState } from 'react'
import { useAlignKey, useKeyAlignment } from '../api/hooks'

/** Keys that downstream assets name but nothing produces, with the produced key that looks
 * alike (a dbt source `raw/orders` while Sling makes `raw_orders`) and the fix. */
export function KeyAlignment({ projectId, version }: { projectId: string; version: number }) {
  const misses = useKeyAlignment(projectId, true, version)
  const align = useAlignKey(projectId)
  const [hidden, setHidden] = useState<string[]>([])
  const shown = (misses.data ?? []).filter((m) => !hidden.includes(m.missing))
  if (shown.length === 0) return null
  return (
    <div className="key-alignment" role="region" aria-label="Key alignment">
      {shown.map((miss) => {
        const best = miss.candidates[0]
        return (
          <div key={miss.missing} className="notice warn key-miss">
            <div>
              <code>{miss.missing}</code> is used by {miss.used_by.join(', ')}, but nothing produces it. Did you mean{' '}
              <code>{best.key}</code>
              {best.defs_path ? ` (from ${best.defs_path})` : ''}?
              {best.consumers.length > 0 && (
                <span className="muted"> Renaming it changes what {best.consumers.join(', ')} depend on.</span>
              )}
            </div>
            <div className="key-miss-actions">
              <button
                className="button small primary"
                disabled={align.isPending}
                onClick={() => align.mutate({ missing: miss.missing, candidate: best.key })}
              >
                Produce it as {miss.missing}
              </button>
              <button className="button small" onClick={() => setHidden([...hidden, miss.missing])}>
                Dismiss
              </button>
            </div>
          </div>
        )
      })}
      {align.error && <div className="notice error">{align.error.message}</div>}
    </div>
  )
}
