import { useCallback, useEffect, useMemo, useState } from 'react'
import { useLineage, useSavePositions, type EdgeChange } from '../api/hooks'
import type { ComponentType, Definitions, Positions } from '../api/types'
import { selectionOf, type AssetRunView } from '../runs/runState'
import { plural } from '../ui/names'
import { AssetCanvas } from '../canvas/AssetCanvas'
import { Canvas } from '../canvas/Canvas'
import { DEFAULT_GROUP } from '../canvas/assetGraph'
import type { ComponentGraph } from '../canvas/graphModel'
import { sendCanvasCommand } from '../canvas/viewport'
import { Spinner } from '../ui/bits'
import { Dialog } from '../ui/Dialog'
import { Palette } from '../palette/Palette'
import { DiffToggle } from '../defsdiff/DiffToggle'
import { useDiffOverlay } from '../defsdiff/useDiffOverlay'
import { bindActions, handleKey, keysText, typing } from './canvasActions'
import { CanvasToolbar, type CanvasView } from './CanvasToolbar'
import { EdgeDialog } from './EdgeDialog'
import { LayoutNotice } from './LayoutNotice'
import { useAssetFilter } from './useAssetFilter'
import type { History } from './useHistory'

export interface Selection {
  /** canvas node of the component view (instance or file) */
  component: string | null
  /** asset key, when an asset was picked in the asset view */
  asset: string | null
}

interface CanvasAreaProps {
  projectId: string
  /** on screen: another mode covers it, and then its keys must not act unseen */
  active: boolean
  /** undo and redo of canvas edits, shared with the warnings' fixes */
  history: History
  graph: ComponentGraph
  definitions: Definitions | undefined
  /** the user's saved node positions; null while they are being read */
  positions: Positions | null
  /** why the saved positions could not be read, in the server's words */
  layoutError: string | null
  loading: boolean
  stale: boolean
  selection: Selection
  onSelect: (selection: Selection) => void
  onDropType: (typeKey: string, position: { x: number; y: number }) => void
  /** the project's component types, to pick one to add */
  types: ComponentType[] | undefined
  onAdd: (type: ComponentType) => void
  /** each asset's state in the instance, once read */
  runs: ReadonlyMap<string, AssetRunView> | undefined
  /** launch a run of the selection; `label` says what it materializes */
  onMaterialize: (selection: string, label: string) => void
  /** a launch is on its way */
  launching: boolean
}

const viewKey = (projectId: string) => `designer-view:${projectId}`

/** The graph part of the project screen: both views, the filter, undo/redo and the actions of
 * `canvasActions`, by key, toolbar and help. */
export function CanvasArea(props: CanvasAreaProps) {
  const { projectId, history, graph, definitions, selection, onSelect } = props
  const positions = props.positions ?? {}
  const [view, setView] = useState<CanvasView>(
    () => (window.localStorage.getItem(viewKey(projectId)) as CanvasView | null) ?? 'components',
  )
  const [filter, setFilter] = useState('')
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [help, setHelp] = useState(false)
  const [picking, setPicking] = useState(false)
  // the filter field, focused by its key
  const [filterInput, setFilterInput] = useState<HTMLInputElement | null>(null)
  const savePositions = useSavePositions(projectId)
  const result = useAssetFilter(projectId, definitions, filter)
  const lineage = useLineage(projectId)
  const [edgeDialog, setEdgeDialog] = useState<{ mode: 'connect' | 'inspect'; source: string; target: string } | null>(null)
  const [lineageError, setLineageError] = useState<string | null>(null)
  // the ref the asset graph shows its changes since; null: off
  const [diffRef, setDiffRef] = useState<string | null>(null)
  const diff = useDiffOverlay(projectId, view === 'assets' ? diffRef : null, definitions)

  const changeEdges = async (action: 'add' | 'remove', edges: EdgeChange[]) => {
    const inverse = action === 'add' ? 'remove' : 'add'
    const label = `${action === 'add' ? 'Add' : 'Remove'} ${edges.map((e) => `${e.upstream} → ${e.downstream}`).join(', ')}`
    setLineageError(null)
    try {
      await history.perform({
        label,
        undo: () => lineage.mutateAsync({ action: inverse, edges }),
        redo: () => lineage.mutateAsync({ action, edges }),
      })
      setEdgeDialog(null)
    } catch (error) {
      setLineageError(error instanceof Error ? error.message : String(error))
    }
  }
  const node = (id: string) => graph.nodes.find((n) => n.id === id)

  const changeView = useCallback(
    (next: CanvasView) => {
      setView(next)
      window.localStorage.setItem(viewKey(projectId), next)
    },
    [projectId],
  )

  // the component view highlights nodes that hold a matching asset
  const componentMatches = useMemo(() => {
    if (!result.matches) return null
    return new Set(graph.nodes.filter((n) => n.assets.some((a) => result.matches?.has(a.key))).map((n) => n.id))
  }, [graph.nodes, result.matches])

  const groups = useMemo(
    () => [...new Set((definitions?.assets ?? []).map((a) => a.group ?? DEFAULT_GROUP))],
    [definitions],
  )
  const toggleGroup = useCallback((group: string) => {
    setCollapsed((current) => {
      const next = new Set(current)
      if (next.has(group)) next.delete(group)
      else next.add(group)
      return next
    })
  }, [])

  // A move saves the moved nodes and freezes the others where they are shown. Its undo puts the
  // moved nodes back where they were: while nothing was saved, by saving nothing again (the
  // layout is computed); otherwise at their saved or shown places.
  const move = ({ to, from, loose }: { to: Positions; from: Positions; loose: Positions }) => {
    const laidOut = !graph.nodes.some((n) => positions[n.id])
    const redo = { ...loose, ...to }
    const undo = Object.fromEntries(
      Object.keys(redo).map((id) => [id, laidOut || !to[id] ? null : (positions[id] ?? from[id] ?? null)]),
    )
    const names = Object.keys(to)
    void history
      .perform({
        label: names.length === 1 ? `Move ${names[0]}` : `Move ${plural(names.length, 'node')}`,
        undo: () => savePositions.mutateAsync(undo),
        redo: () => savePositions.mutateAsync(redo),
      })
      .catch(() => undefined) // the layout notice says why the positions were not saved
  }

  // Tidy: the saved positions are dropped, so the layout engine places every node again
  const tidy = () => {
    const saved = Object.keys(positions).filter((id) => positions[id])
    if (saved.length === 0) return
    void history
      .perform({
        label: 'Tidy the canvas',
        undo: () => savePositions.mutateAsync(Object.fromEntries(saved.map((id) => [id, positions[id]]))),
        redo: () => savePositions.mutateAsync(Object.fromEntries(saved.map((id) => [id, null]))),
      })
      .then(() => sendCanvasCommand('fit'))
      .catch(() => undefined)
  }

  // Materialize acts on what is picked: an asset, a component's assets, the filter's matches, or all
  const toMaterialize = useMemo((): { keys: string[] | null; label: string } => {
    const executable = (definitions?.assets ?? []).filter((a) => a.is_executable).map((a) => a.key)
    const named = (keys: string[]) => ({ keys, label: keys.length === 1 ? `Materialize ${keys[0]}` : `Materialize ${plural(keys.length, 'asset')}` })
    if (view === 'assets' && selection.asset) return named(executable.includes(selection.asset) ? [selection.asset] : [])
    const component = view === 'components' && selection.component ? graph.nodes.find((n) => n.id === selection.component) : undefined
    if (component) return named(component.assets.filter((a) => a.is_executable).map((a) => a.key))
    if (result.matches) return named(executable.filter((key) => result.matches?.has(key)))
    return { keys: executable.length > 0 ? null : [], label: 'Materialize all' }
  }, [definitions, view, selection, graph.nodes, result.matches])
  const materialize = () => props.onMaterialize(toMaterialize.keys === null ? '*' : selectionOf(toMaterialize.keys), toMaterialize.label)

  const actions = bindActions({
    'components-view': { run: () => changeView('components') },
    'assets-view': { run: () => changeView('assets') },
    add: { run: () => setPicking(true) },
    filter: { run: () => filterInput?.focus() },
    fit: { run: () => sendCanvasCommand('fit') },
    'zoom-selection': { run: () => sendCanvasCommand('zoom-selection') },
    tidy: { run: tidy, enabled: view === 'components' && graph.nodes.some((n) => positions[n.id]) },
    clear: {
      run: (event) => {
        if (event && typing(event.target)) (event.target as HTMLElement).blur()
        setFilter('')
        onSelect({ component: null, asset: null })
      },
    },
    undo: { run: () => void history.undo(), enabled: history.canUndo },
    redo: { run: () => void history.redo(), enabled: history.canRedo },
    materialize: { run: materialize, enabled: toMaterialize.keys?.length !== 0 && !props.launching && !props.stale },
    'collapse-groups': { run: () => setCollapsed(new Set(groups)), enabled: view === 'assets' },
    'expand-groups': { run: () => setCollapsed(new Set()), enabled: view === 'assets' && collapsed.size > 0 },
    help: { run: () => setHelp(true) },
  })

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => void (props.active && handleKey(actions, event))
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <>
      <CanvasToolbar
        ref={setFilterInput}
        view={view}
        actions={actions}
        counts={{ components: graph.nodes.length, assets: definitions?.assets.length ?? 0 }}
        filter={filter}
        onFilter={setFilter}
        result={result}
        materializeLabel={toMaterialize.label}
        diffControl={<DiffToggle gitRef={diffRef} onChange={setDiffRef} />}
      />
      {view === 'components' ? (
        <Canvas
          graph={graph}
          positions={props.positions}
          loading={props.loading}
          matches={componentMatches}
          stale={props.stale}
          selected={selection.component}
          onSelect={(component) => onSelect({ component, asset: null })}
          onMove={move}
          onPlace={(placed) => void savePositions.mutateAsync(placed).catch(() => undefined)}
          onDropType={props.onDropType}
          onConnectNodes={(source, target) => {
            const from = node(source)
            const to = node(target)
            if (from?.assets.length === 1 && to?.assets.length === 1) {
              void changeEdges('add', [{ upstream: from.assets[0].key, downstream: to.assets[0].key }])
            } else if (from && to && source !== target) {
              setEdgeDialog({ mode: 'connect', source, target })
            }
          }}
          onEdgePicked={(source, target) => setEdgeDialog({ mode: 'inspect', source, target })}
          runs={props.runs}
        />
      ) : (
        <AssetCanvas
          definitions={definitions}
          collapsed={collapsed}
          onToggleGroup={toggleGroup}
          matches={result.matches}
          selectedAsset={selection.asset}
          onSelectAsset={(asset, component) => onSelect({ component, asset })}
          onConnect={(upstream, downstream) => void changeEdges('add', [{ upstream, downstream }])}
          onRemoveEdge={(upstream, downstream) => void changeEdges('remove', [{ upstream, downstream }])}
          runs={props.runs}
          diff={diffRef === null ? undefined : { gitRef: diffRef, ...diff }}
        />
      )}
      <div className="canvas-bottom">
        {history.error && (
          <div className="notice error" role="alert">
            {history.error}{' '}
            <button className="link-button" onClick={history.clearError}>
              Dismiss
            </button>
          </div>
        )}
        <LayoutNotice projectId={projectId} loadError={props.layoutError} />
        {lineageError && !edgeDialog && (
          <div className="notice error lineage-error" role="alert">
            {lineageError}{' '}
            <button className="link-button" onClick={() => setLineageError(null)}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      {edgeDialog && node(edgeDialog.source) && node(edgeDialog.target) && (
        <EdgeDialog
          mode={edgeDialog.mode}
          source={node(edgeDialog.source)!}
          target={node(edgeDialog.target)!}
          busy={lineage.isPending}
          error={lineageError}
          onApply={(action, edges) => void changeEdges(action, edges)}
          onClose={() => {
            setEdgeDialog(null)
            setLineageError(null)
          }}
        />
      )}
      {props.loading && (
        <div className="canvas-status">
          <Spinner label="Loading definitions…" />
        </div>
      )}
      {help && (
        <Dialog title="Keyboard shortcuts" onClose={() => setHelp(false)} width={440}>
          <table className="shortcuts">
            <tbody>
              {actions
                .filter((action) => action.keys.length > 0)
                .map((action) => (
                  <tr key={action.id}>
                    <td>
                      <kbd>{keysText(action)}</kbd>
                    </td>
                    <td>{action.label}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Dialog>
      )}
      {picking && (
        <Dialog title="Add a component" onClose={() => setPicking(false)} width={440}>
          <div className="add-dialog">
            <Palette
              types={props.types}
              loading={props.types === undefined}
              error={null}
              onAdd={(type) => {
                setPicking(false)
                props.onAdd(type)
              }}
            />
          </div>
        </Dialog>
      )}
    </>
  )
}
