import { forwardRef } from 'react'
import type { AssetFilter } from './useAssetFilter'
import { plural } from '../ui/names'

export type CanvasView = 'components' | 'assets'

interface CanvasToolbarProps {
  view: CanvasView
  onView: (view: CanvasView) => void
  counts: { components: number; assets: number }
  filter: string
  onFilter: (text: string) => void
  result: AssetFilter
  onCollapseAll?: () => void
  onExpandAll?: () => void
  canUndo: boolean
  canRedo: boolean
  onUndo: () => void
  onRedo: () => void
  onHelp: () => void
}

/** Over the canvas: the view switch, the filter with its live count, undo/redo. */
export const CanvasToolbar = forwardRef<HTMLInputElement, CanvasToolbarProps>(function CanvasToolbar(props, filterRef) {
  const { view, onView, counts, filter, onFilter, result } = props
  const matched = result.matches?.size
  return (
    <div className="canvas-toolbar">
      <div className="segmented" role="tablist" aria-label="View">
        <button role="tab" aria-selected={view === 'components'} onClick={() => onView('components')} title="Components (1)">
          Components <span className="muted">{counts.components}</span>
        </button>
        <button role="tab" aria-selected={view === 'assets'} onClick={() => onView('assets')} title="Assets (2)">
          Assets <span className="muted">{counts.assets}</span>
        </button>
      </div>
      <div className="filter-box">
        <input
          ref={filterRef}
          className="text"
          type="search"
          value={filter}
          aria-label="Filter assets"
          placeholder="Filter: text, or a selection like group:sales+ or kind:dbt and tag:daily   ( / )"
          onChange={(event) => onFilter(event.target.value)}
        />
        {filter.trim() && (
          <span className={`filter-count ${result.error ? 'error' : ''}`} role="status" aria-label="Filter result">
            {result.error
              ? result.error
              : result.pending
                ? 'selecting…'
                : `${matched ?? 0} of ${plural(counts.assets, 'asset')}${result.syntax ? ' (Dagster selection)' : ''}`}
          </span>
        )}
      </div>
      {props.onCollapseAll && (
        <button className="button small" onClick={props.onCollapseAll} title="Collapse every group">
          Collapse groups
        </button>
      )}
      {props.onExpandAll && (
        <button className="button small" onClick={props.onExpandAll} title="Expand every group">
          Expand
        </button>
      )}
      <button className="button small" onClick={props.onUndo} disabled={!props.canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button className="button small" onClick={props.onRedo} disabled={!props.canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      <button className="button small" onClick={props.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  )
})
