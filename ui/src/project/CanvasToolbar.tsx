import { forwardRef, type ReactNode } from 'react'
import type { AssetFilter } from './useAssetFilter'
import { plural } from '../ui/names'
import { titleOf, type CanvasAction, type CanvasActionId } from './canvasActions'

export type CanvasView = 'components' | 'assets'

interface CanvasToolbarProps {
  view: CanvasView
  actions: readonly CanvasAction[]
  counts: { components: number; assets: number }
  filter: string
  onFilter: (text: string) => void
  result: AssetFilter
  /** what the Materialize button does, in words: "Materialize orders" */
  materializeLabel: string
  /** the control of the changes since a commit, in the asset view */
  diffControl?: ReactNode
}

/** Over the canvas: the view switch, the filter with its live count, adding, undo/redo; the
 * buttons run the screen's actions, with their keys in their tooltips. */
export const CanvasToolbar = forwardRef<HTMLInputElement, CanvasToolbarProps>(function CanvasToolbar(props, filterRef) {
  const { view, actions, counts, filter, onFilter, result, materializeLabel, diffControl } = props
  const matched = result.matches?.size
  const action = (id: CanvasActionId) => actions.find((a) => a.id === id)!
  const button = (id: CanvasActionId, text: string, extra: { label?: string; primary?: boolean } = {}) => {
    const a = action(id)
    return (
      <button
        className={`button small${extra.primary ? ' primary' : ''}`}
        onClick={() => a.run()}
        disabled={!a.enabled}
        title={titleOf(a)}
        aria-label={extra.label}
      >
        {text}
      </button>
    )
  }
  const components = action('components-view')
  const assets = action('assets-view')
  return (
    <div className="canvas-toolbar">
      <div className="segmented" role="tablist" aria-label="View">
        <button role="tab" aria-selected={view === 'components'} onClick={() => components.run()} title={titleOf(components)}>
          Components <span className="muted">{counts.components}</span>
        </button>
        <button role="tab" aria-selected={view === 'assets'} onClick={() => assets.run()} title={titleOf(assets)}>
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
      {view === 'assets' && button('collapse-groups', 'Collapse groups')}
      {action('expand-groups').enabled && button('expand-groups', 'Expand')}
      {view === 'components' && button('tidy', 'Tidy')}
      {view === 'assets' && diffControl}
      {button('add', '+ Add', { label: 'Add a component' })}
      {button('materialize', `▶ ${materializeLabel}`, { primary: true, label: materializeLabel })}
      {button('undo', 'Undo')}
      {button('redo', 'Redo')}
      {button('help', '?', { label: 'Keyboard shortcuts' })}
    </div>
  )
})
