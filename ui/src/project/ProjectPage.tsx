import { useMemo, useState } from 'react'
import type { WorkerNotice } from '../api/events'
import { useAssetStatus, useLaunchRun } from '../api/runs'
import { useLiveDefinitions } from '../api/live'
import {
  useComponentTypes,
  useDefinitions,
  useDefs,
  useLayout,
  useProject,
  useSavePositions,
  useValidate,
} from '../api/hooks'
import type { ComponentType, Definitions, ProblemItem, ScaffoldResult, WarningItem } from '../api/types'
import { navigate } from '../app/router'
import { buildGraph, nodeId } from '../canvas/graphModel'
import { ScaffoldDialog } from '../canvas/ScaffoldDialog'
import { Palette } from '../palette/Palette'
import { PropertyPanel } from '../panel/PropertyPanel'
import { ProblemList } from '../panel/ProblemList'
import { Spinner } from '../ui/bits'
import { Dialog } from '../ui/Dialog'
import { classes } from '../ui/names'
import { CanvasArea, type Selection } from './CanvasArea'
import { CodeView, useOpenFiles, type OpenRequest } from '../code'
import { ProblemsBar } from './ProblemsBar'
import { RunBanner } from '../runs/RunBanner'
import { assetRunView } from '../runs/runState'
import { RunsView } from '../runs/RunsView'
import { LaunchDialog, type LaunchDraft } from '../runs/LaunchDialog'
import { DefinitionsView, isDefinitionTab } from '../tabs'
import { definitionsStatus } from './status'
import { TopBar, type Mode } from './TopBar'
import { useHistory } from './useHistory'
import { useWarningFixes } from './useWarningFixes'
import { ReviewButton } from '../review/ReviewButton'
import { ReviewPanel } from '../review/ReviewPanel'
import { ReviewTests } from '../review/tests/ReviewTests'
import { useReview } from '../review/queries'
import { targetNode, type Finding } from '../review/review'
import './project.css'
import '../runs/runs.css'

interface Adding {
  type: ComponentType
  position: { x: number; y: number } | null
}

export function ProjectPage({ id, notice }: { id: string; notice: WorkerNotice | null }) {
  const project = useProject(id)
  const ready = project.data?.status === 'ready'
  const types = useComponentTypes(id, ready)
  const defs = useDefs(id, ready)
  const definitions = useDefinitions(id, ready)
  const layout = useLayout(id, ready)
  const savePositions = useSavePositions(id)
  const validate = useValidate(id)
  const [selection, setSelection] = useState<Selection>({ component: null, asset: null })
  const selected = selection.component
  const setSelected = (component: string | null) => setSelection({ component, asset: null })
  const [adding, setAdding] = useState<Adding | null>(null)
  const [showValidation, setShowValidation] = useState(false)
  const [mode, setModeState] = useState<Mode>('graph')
  // the code view mounts when first shown and then stays, keeping its tabs and terminals
  const [codeShown, setCodeShown] = useState(false)
  const setMode = (next: Mode) => {
    if (next === 'code') setCodeShown(true)
    setModeState(next)
  }
  const [openRequest, setOpenRequest] = useState<OpenRequest | null>(null)
  const defsFolder = project.data?.defs_path ?? ''
  const live = useLiveDefinitions(id, ready, defsFolder)
  // read again at each version of the definitions the live channel brings
  const review = useReview(id, live.version, ready)
  const [reviewOpen, setReviewOpen] = useState(false)
  // one buffer per file, whether the code editor or the property panel's YAML tab edits it
  const files = useOpenFiles({ projectId: id, defsFolder, definitions: definitions.data, componentTypes: types.data })

  // While the project does not load, the canvas keeps the last definitions that did, dimmed,
  // with today's problems: a typo must not make the whole graph vanish.
  const [lastGood, setLastGood] = useState<Definitions | undefined>(undefined)
  if (definitions.data && definitions.data.errors.length === 0 && definitions.data !== lastGood) setLastGood(definitions.data)
  const status = useMemo(
    () => definitionsStatus(definitions.data, lastGood, definitions.error),
    [definitions.data, lastGood, definitions.error],
  )
  const { shown, stale, problems, warnings } = status
  // canvas edits and warning fixes share one undo history
  const history = useHistory()
  const fixes = useWarningFixes(id, history.perform, warnings)
  const [problemsOpen, setProblemsOpen] = useState(false)
  const [paletteOpen, setPaletteOpen] = useState(true)
  const graph = useMemo(() => buildGraph(defs.data ?? [], shown, defsFolder), [defs.data, shown, defsFolder])
  const selectedNode = graph.nodes.find((n) => n.id === selected) ?? null
  const assetStatus = useAssetStatus(id, ready)
  const runs = useMemo(
    () => (assetStatus.data ? new Map(assetStatus.data.map((s) => [s.key, assetRunView(s)])) : undefined),
    [assetStatus.data],
  )
  const launch = useLaunchRun(id)
  const [launched, setLaunched] = useState<{ runId: string; label: string } | null>(null)
  const [runId, setRunId] = useState<string | null>(null)
  const [launchpad, setLaunchpad] = useState<LaunchDraft | null>(null)

  if (project.isPending) return <Spinner label="Opening the project…" />
  if (project.error || !project.data) {
    return (
      <div className="page-message">
        <div className="notice error">{project.error?.message ?? 'Not found'}</div>
        <button className="button" onClick={() => navigate('/')}>
          Back to projects
        </button>
      </div>
    )
  }
  if (!ready) {
    return (
      <div className="page-message">
        <h2>{project.data.name}</h2>
        {project.data.status === 'creating' ? (
          <Spinner label="The project is still being created…" />
        ) : (
          <pre className="log">{project.data.error}</pre>
        )}
        <button className="button" onClick={() => navigate('/')}>
          Back to projects
        </button>
      </div>
    )
  }

  const onCreated = (result: ScaffoldResult) => {
    if (result.instance) {
      const created = nodeId(result.instance)
      if (adding?.position) savePositions.mutate({ [created]: adding.position })
      setSelected(created)
    }
    setAdding(null)
  }

  const openProblem = (problem: ProblemItem) => {
    if (mode !== 'graph' && mode !== 'code') setMode('graph')
    if (mode === 'code' && problem.file) {
      setOpenRequest({ path: problem.file, line: problem.line ?? undefined })
      return
    }
    const node = graph.nodes.find((n) => n.problems.includes(problem) || n.warnings.includes(problem as WarningItem))
    if (node) setSelected(node.id)
  }
  const materialize = (selection: string, label: string, checksOnly = false) => {
    setLaunched(null)
    launch.mutate(
      { selection, checks_only: checksOnly },
      { onSuccess: (answer) => setLaunched({ runId: answer.run_id, label }) },
    )
  }
  const openRun = (run: string) => {
    setRunId(run)
    setMode('runs')
  }
  const openInEditor = (path: string, line?: number) => {
    setOpenRequest({ path, line })
    setMode('code')
  }
  const showInGraph = (path: string) => {
    const inDefs = path.startsWith(`${defsFolder}/`) ? path.slice(defsFolder.length + 1) : null
    const node = inDefs ? graph.nodes.find((n) => n.instance.files.includes(inDefs)) : undefined
    if (node) setSelected(node.id)
    setMode('graph')
  }

  // a finding shows its node on the graph, else its file at the line
  const showFinding = (finding: Finding) => {
    const node = targetNode(finding, graph.nodes)
    if (node) {
      setSelection(node)
      setMode('graph')
    } else if (finding.file) {
      openInEditor(finding.file, finding.line ?? undefined)
    }
  }

  const showNotice = notice && notice.projectId === id && project.data.worker?.state !== 'ready'

  return (
    <div
      className={classes('project-page', selectedNode && mode === 'graph' && 'with-panel', !paletteOpen && 'palette-collapsed', `mode-${mode}`)}
    >
      <TopBar
        project={project.data}
        mode={mode}
        onMode={setMode}
        live={live}
        status={status}
        validating={validate.isPending}
        onValidate={() => {
          setShowValidation(true)
          validate.mutate()
        }}
        onShowProblems={() => setProblemsOpen(true)}
        review={<ReviewButton findings={review.data} open={reviewOpen} onToggle={() => setReviewOpen(!reviewOpen)} />}
      />
      {stale && (
        <div className="notice error worker-notice" role="status">
          The project does not load right now: the canvas shows the last definitions that did.
          See the problems below.
        </div>
      )}
      {showNotice && (
        <div className="notice warn worker-notice" role="alert">
          The project's worker {notice.state === 'failed' ? 'could not start' : 'is restarting'}: {notice.detail}
        </div>
      )}
      {codeShown && (
        <main className="project-code" hidden={mode !== 'code'}>
          <CodeView
            projectId={id}
            projectName={project.data.name}
            defsFolder={defsFolder}
            files={files}
            open={openRequest}
            visible={mode === 'code'}
            onShowInGraph={showInGraph}
          />
        </main>
      )}
      <div className="project-palette">
        {paletteOpen ? (
          <Palette
            types={types.data}
            loading={types.isPending}
            error={types.error?.message ?? null}
            onAdd={(type) => setAdding({ type, position: null })}
            onCollapse={() => setPaletteOpen(false)}
            projectId={id}
          />
        ) : (
          <button className="palette-rail" aria-expanded={false} aria-label="Show the component palette" onClick={() => setPaletteOpen(true)}>
            <span aria-hidden>»</span>
            <span className="palette-rail-label" aria-hidden>
              Components
            </span>
          </button>
        )}
      </div>
      <main className="project-canvas">
        <CanvasArea
          projectId={id}
          active={mode === 'graph'}
          history={history}
          graph={graph}
          definitions={shown}
          positions={layout.data ?? (layout.isError ? {} : null)}
          layoutError={layout.error?.message ?? null}
          loading={definitions.isFetching}
          stale={stale}
          selection={selection}
          onSelect={setSelection}
          onDropType={(key, position) => {
            const type = types.data?.find((t) => t.key === key)
            if (type) setAdding({ type, position })
          }}
          types={types.data}
          onAdd={(type) => setAdding({ type, position: null })}
          runs={runs}
          onMaterialize={materialize}
          launching={launch.isPending}
        />
        <div className="run-notices">
          {launch.error && (
            <div className="notice error" role="alert">
              The run was not launched: {launch.error.message}{' '}
              <button className="link-button" onClick={() => launch.reset()}>
                Dismiss
              </button>
            </div>
          )}
          {launched && (
            <RunBanner
              projectId={id}
              runId={launched.runId}
              label={launched.label}
              onView={() => openRun(launched.runId)}
              onDismiss={() => setLaunched(null)}
            />
          )}
        </div>
      </main>
      {isDefinitionTab(mode) && (
        <div className="project-defs">
          <DefinitionsView projectId={id} tab={mode} definitions={shown} onOpenFile={openInEditor} onOpenRun={openRun} />
        </div>
      )}
      {mode === 'runs' && (
        <div className="project-runs">
          <RunsView
            projectId={id}
            projectRoot={project.data.path}
            runId={runId}
            onRunId={setRunId}
            onOpenFile={(path, line) => openInEditor(path, line)}
            onLaunchpad={() => setLaunchpad({ selection: '*', job: '', checksOnly: false })}
          />
        </div>
      )}
      {selectedNode && (
        <div className="project-panel">
          <PropertyPanel
            projectId={id}
            node={selectedNode}
            asset={selection.asset}
            onOpenFile={(file) => openInEditor(`${defsFolder}/${file}`)}
            types={types.data}
            defsFolder={defsFolder}
            files={files}
            fixes={fixes}
            visible={mode === 'graph'}
            onClose={() => setSelected(null)}
            runs={runs}
            onMaterialize={materialize}
            launching={launch.isPending}
            onOpenRun={openRun}
            onLaunchpad={(selection) => setLaunchpad({ selection, job: '', checksOnly: false })}
          />
        </div>
      )}
      <div className="project-problems">
        <ProblemsBar
          problems={problems}
          warnings={warnings}
          loading={status.loading}
          open={problemsOpen}
          onToggle={() => setProblemsOpen(!problemsOpen)}
          onOpen={openProblem}
          fixes={fixes}
        />
      </div>
      {reviewOpen && (
        <ReviewPanel
          projectId={id}
          findings={review.data}
          loading={review.isFetching}
          error={review.error}
          onShow={showFinding}
          onOpenFile={(file, line) => openInEditor(file, line ?? undefined)}
          onClose={() => setReviewOpen(false)}
          tests={<ReviewTests projectId={id} assets={selection.asset ? [selection.asset] : (selectedNode?.assets.map((a) => a.key) ?? [])} />}
        />
      )}
      {adding && (
        <ScaffoldDialog
          projectId={id}
          type={adding.type}
          instances={defs.data ?? []}
          onClose={() => setAdding(null)}
          onCreated={onCreated}
        />
      )}
      {launchpad && (
        <LaunchDialog
          projectId={id}
          jobs={shown?.jobs ?? []}
          initial={launchpad}
          onClose={() => setLaunchpad(null)}
          onLaunched={(run) => {
            setLaunchpad(null)
            openRun(run)
          }}
        />
      )}
      {showValidation && (
        <Dialog title="dg check defs" onClose={() => setShowValidation(false)} width={720}>
          {validate.isPending && <Spinner label="Running dg check defs in the project's environment…" />}
          {validate.error && <div className="notice error">{validate.error.message}</div>}
          {validate.data && (
            <>
              <div className={`notice ${validate.data.ok ? 'ok' : 'error'}`}>
                {validate.data.ok ? 'Dagster accepts the project.' : 'Dagster reports problems.'}{' '}
                <span className="muted">({(validate.data.duration_ms / 1000).toFixed(1)} s)</span>
              </div>
              <ProblemList problems={validate.data.errors} />
              <pre className="log validate-output">{validate.data.output}</pre>
            </>
          )}
        </Dialog>
      )}
    </div>
  )
}
