// Picking assets on the asset graph for a form: the graph over the whole window, the picks
// marked, a bar that says what is picked and for what; Done keeps the picks, Cancel and Escape
// leave the form as it was.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import type { Definitions } from '../api/types'
import { AssetCanvas, type AssetPicking } from '../canvas/AssetCanvas'
import { textMatches } from '../canvas/assetGraph'
import { Spinner } from '../ui/bits'

interface GraphPickerProps {
  definitions: Definitions | undefined
  /** what the picks are for: "Picking assets for job daily_sales" */
  title: string
  picked: ReadonlySet<string>
  unpickable?: ReadonlyMap<string, string>
  /** Dagster is still evaluating the last pick */
  busy?: boolean
  /** what the picks make, or why they did not apply */
  detail?: ReactNode
  onToggle: (key: string) => void
  onDone: () => void
  onCancel: () => void
}

const NONE: ReadonlyMap<string, string> = new Map()

export function GraphPicker({ definitions, title, picked, unpickable = NONE, busy = false, detail, onToggle, onDone, onCancel }: GraphPickerProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const toggleGroup = useCallback((group: string) => {
    setCollapsed((current) => {
      const next = new Set(current)
      if (next.has(group)) next.delete(group)
      else next.add(group)
      return next
    })
  }, [])
  const picking: AssetPicking = useMemo(() => ({ picked, unpickable, onToggle }), [picked, unpickable, onToggle])
  // finding an asset on a large graph: the others dim, as with the canvas filter
  const [find, setFind] = useState('')
  const matches = useMemo(() => (find.trim() ? textMatches(definitions?.assets ?? [], find) : null), [definitions, find])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      // Escape in the find field clears it first
      if (event.target instanceof HTMLInputElement && event.target.value) setFind('')
      else onCancel()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onCancel])
  const ignore = useCallback(() => undefined, [])

  return createPortal(
    <div className="graph-picker" role="region" aria-label={title}>
      <div className="graph-picker-bar" role="toolbar" aria-label="Picking assets">
        <div className="graph-picker-what">
          <span>
            {title}:{' '}
            <strong role="status" aria-label="Picked">
              {picked.size} selected
            </strong>
          </span>
          {busy && <Spinner label="Asking Dagster…" />}
          {detail && <div className="graph-picker-detail">{detail}</div>}
        </div>
        <span className="muted graph-picker-hint">Click an asset, or Enter on it, to pick it or leave it. Esc cancels.</span>
        <input
          className="text graph-picker-find"
          type="search"
          aria-label="Find assets"
          placeholder="Find assets"
          value={find}
          onChange={(event) => setFind(event.target.value)}
        />
        <button className="button" onClick={onCancel}>
          Cancel
        </button>
        <button className="button primary" autoFocus disabled={busy} onClick={onDone}>
          Done
        </button>
      </div>
      <div className="graph-picker-canvas">
        <AssetCanvas
          definitions={definitions}
          collapsed={collapsed}
          onToggleGroup={toggleGroup}
          matches={matches}
          selectedAsset={null}
          onSelectAsset={ignore}
          onConnect={ignore}
          onRemoveEdge={ignore}
          runs={undefined}
          picking={picking}
        />
      </div>
    </div>,
    document.body,
  )
}
