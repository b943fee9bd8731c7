import type { ReactNode } from 'react'
import type { LiveState } from '../api/live'
import type { Project } from '../api/types'
import { navigate } from '../app/router'
import { Badge } from '../ui/bits'
import { plural } from '../ui/names'
import { ThemeSwitch } from '../ui/ThemeSwitch'
import { DagsterUiButton } from '../dagster/DagsterUi'
import { DeployButton } from '../shipping/DeployDialog'
import { DEFINITION_TABS, type DefinitionTab } from '../tabs'
import { ProblemCount } from './ProblemCount'
import { workerBadge, type DefinitionsStatus } from './status'
import { WorkspaceSwitcher } from './WorkspaceSwitcher'

const WORKER_TONE: Record<string, string> = {
  ready: 'ok',
  starting: 'accent',
  restarting: 'warn',
  failed: 'error',
  stopped: 'default',
}

export type Mode = 'graph' | 'code' | 'runs' | DefinitionTab

const MODES: ReadonlyArray<{ id: Mode; label: string }> = [
  { id: 'graph', label: 'Graph' },
  { id: 'code', label: 'Code' },
  { id: 'runs', label: 'Runs' },
  ...DEFINITION_TABS,
]

interface TopBarProps {
  project: Project
  mode: Mode
  onMode: (mode: Mode) => void
  live: LiveState
  status: DefinitionsStatus
  validating: boolean
  onValidate: () => void
  onShowProblems: () => void
  /** the Review button */
  review: ReactNode
}

export function TopBar({ project, mode, onMode, live, status, validating, onValidate, onShowProblems, review }: TopBarProps) {
  const worker = project.worker
  // the worker's badge speaks when there is something to say: not for a worker "stopped" before
  // the first load (not started yet), nor for a ready one (the live badge's tooltip says it)
  const showWorker = worker && !(status.loading && worker.state === 'stopped') && worker.state !== 'ready'
  const badge = worker ? workerBadge(worker) : null
  const following = live.refreshMs !== null ? `: last update took ${Math.round(live.refreshMs)} ms` : ''
  const workerNote = worker?.state === 'ready' && badge ? ` (${badge.label})` : ''
  return (
    <header className="top-bar">
      <button className="link-button top-back" onClick={() => navigate('/')}>
        ← Projects
      </button>
      <h1 className="top-title" title={project.name}>
        {project.name}
      </h1>
      <WorkspaceSwitcher project={project} />
      {/* the tabs come before the path: the path gives way to what fills in at the right, and
          the tabs never move under a pointer about to press one */}
      <div className="segmented top-modes" role="tablist" aria-label="Workspace">
        {MODES.map(({ id, label }) => (
          <button key={id} role="tab" aria-selected={mode === id} onClick={() => onMode(id)}>
            {label}
          </button>
        ))}
      </div>
      <span className="muted mono top-path" title={project.path}>
        {project.path}
      </span>
      <div className="top-spacer" />
      <Badge
        tone={live.connected ? 'ok' : 'warn'}
        title={
          live.connected
            ? `Following the files${following}${workerNote}`
            : 'Reconnecting to the live definitions…'
        }
      >
        {live.connected ? '● live' : '○ offline'}
      </Badge>
      <AssetCount status={status} />
      {status.problems.length + status.warnings.length > 0 && (
        <button className="top-problems" onClick={onShowProblems} title="Show the problems and warnings">
          <ProblemCount problems={status.problems.length} warnings={status.warnings.length} />
        </button>
      )}
      {showWorker && badge && (
        <Badge tone={WORKER_TONE[worker.state] ?? 'default'} title={badge.title}>
          {badge.label}
        </Badge>
      )}
      {review}
      <DagsterUiButton projectId={project.id} />
      <DeployButton projectId={project.id} />
      <button className="button" onClick={onValidate} disabled={validating} title="Run dg check defs in the project">
        {validating ? 'Checking…' : 'Check'}
      </button>
      <ThemeSwitch />
    </header>
  )
}

/** The number of assets the canvas shows, and from which load. */
function AssetCount({ status }: { status: DefinitionsStatus }) {
  if (status.loading) return <Badge tone="accent">loading definitions…</Badge>
  if (!status.shown) return null
  const count = plural(status.shown.assets.length, 'asset')
  if (!status.stale) return <Badge>{count}</Badge>
  return (
    <Badge tone="warn" title="The project does not load now: these are the assets of the last load that did">
      {count} (last load)
    </Badge>
  )
}
