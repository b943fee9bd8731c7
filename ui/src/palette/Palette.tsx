import { useMemo, useState } from 'react'
import type { ComponentType } from '../api/types'
import { DRAG_TYPE } from '../canvas/Canvas'
import { IntegrationsDialog } from '../integrations/IntegrationsDialog'
import { Badge, Spinner } from '../ui/bits'
import { Dialog } from '../ui/Dialog'
import { InlineDocs } from '../ui/Docs'
import { plainText } from '../ui/docs'
import { TypeDocs } from '../ui/TypeDocs'
import { displayName, groupTypes } from './paletteModel'
import './palette.css'

interface PaletteProps {
  types: ComponentType[] | undefined
  loading: boolean
  error: string | null
  onAdd: (type: ComponentType) => void
  /** folds the palette to a rail; none where it cannot fold (the add dialog) */
  onCollapse?: () => void
  /** the project whose integrations the palette's "Integrations" button opens */
  projectId?: string
}

export function Palette({ types, loading, error, onAdd, onCollapse, projectId }: PaletteProps) {
  const [query, setQuery] = useState('')
  const [library, setLibrary] = useState(false)
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({})
  const [docs, setDocs] = useState<ComponentType | null>(null)
  const groups = useMemo(() => groupTypes(types ?? [], query), [types, query])
  return (
    <aside className="palette" aria-label="Component palette">
      <div className="palette-search">
        <input
          className="text"
          type="search"
          placeholder="Search components…"
          aria-label="Search components"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {projectId && (
          <button className="button small palette-integrations" onClick={() => setLibrary(true)}>
            Integrations
          </button>
        )}
        {onCollapse && (
          <button className="icon-button" aria-label="Hide the component palette" aria-expanded title="Hide the palette" onClick={onCollapse}>
            «
          </button>
        )}
      </div>
      {projectId && library && <IntegrationsDialog projectId={projectId} onClose={() => setLibrary(false)} />}
      <div className="palette-list">
        {loading && <Spinner label="Reading the project's component registry…" />}
        {error && <div className="notice error">{error}</div>}
        {!loading && types && groups.length === 0 && <p className="muted palette-none">Nothing matches “{query}”.</p>}
        {groups.map((group) => (
          <section key={group.id} className="palette-group">
            <button
              className="palette-group-head"
              aria-expanded={!collapsed[group.id]}
              onClick={() => setCollapsed((c) => ({ ...c, [group.id]: !c[group.id] }))}
            >
              <span>{collapsed[group.id] ? '▸' : '▾'}</span>
              <span className="palette-group-label">{group.label}</span>
              <Badge>{group.types.length}</Badge>
            </button>
            {!collapsed[group.id] &&
              group.types.map((type) => (
                <div
                  key={type.key}
                  className="palette-item"
                  draggable
                  data-type={type.key}
                  title={plainText(type.description ?? type.summary ?? type.key)}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(DRAG_TYPE, type.key)
                    event.dataTransfer.effectAllowed = 'copy'
                  }}
                >
                  <div className="palette-item-main">
                    <div className="palette-item-name">{displayName(type)}</div>
                    <div className="palette-item-summary">
                      <InlineDocs text={type.summary ?? type.key} />
                    </div>
                  </div>
                  <button className="icon-button palette-add palette-docs" aria-label={`Docs of ${displayName(type)}`} onClick={() => setDocs(type)}>
                    ?
                  </button>
                  <button className="icon-button palette-add" aria-label={`Add ${displayName(type)}`} onClick={() => onAdd(type)}>
                    +
                  </button>
                </div>
              ))}
          </section>
        ))}
      </div>
      {docs && (
        <Dialog title={displayName(docs)} onClose={() => setDocs(null)} width={640}>
          <TypeDocs type={docs} />
        </Dialog>
      )}
    </aside>
  )
}
