import type { LiveState } from '../api/live'
import type { Project } from '../api/types'
import { navigate } from '../app/router'
import { Badge } from '../ui/bits'

const WORKER_TONE: Record<string, string> = {
  ready: 'ok',
  starting: 'accent',
  restarting: 'warn',
  failed: 'error',
  stopped: 'default',
}

interface TopBarProps {
  project: Project
  mode: 'graph' | 'code'
  onMode: (mode: 'graph' | 'code') => void
  live: LiveState
  assetCount: number | null
  validating: boolean
  onValidate: () => void
}

export function TopBar({ project, mode, onMode, live, assetCount, validating, onValidate }: TopBarProps) {
  const worker = project.worker
  return (
    <header className="top-bar">
      <button className="link-button top-back" onClick={() => navigate('/')}>
        ← Projects
      </button>
      <h1 className="top-title">{project.name}</h1>
      <span className="muted mono top-path" title={project.path}>
        {project.path}
      </span>
      <div className="segmented top-modes" role="tablist" aria-label="Workspace">
        <button role="tab" aria-selected={mode === 'graph'} onClick={() => onMode('graph')}>
          Graph
        </button>
        <button role="tab" aria-selected={mode === 'code'} onClick={() => onMode('code')}>
          Code
        </button>
      </div>
      <div className="top-spacer" />
      <Badge
        tone={live.connected ? 'ok' : 'warn'}
        title={
          live.connected
            ? `Following the files${live.refreshMs !== null ? `: last update took ${Math.round(live.refreshMs)} ms` : ''}`
            : 'Reconnecting to the live definitions…'
        }
      >
        {live.connected ? '● live' : '○ offline'}
      </Badge>
      {assetCount !== null && <Badge>{assetCount} assets</Badge>}
      {worker && (
        <Badge tone={WORKER_TONE[worker.state] ?? 'default'} title={worker.detail ?? `worker ${worker.state}`}>
          worker {worker.state}
          {worker.restarts ? ` · ${worker.restarts} restart${worker.restarts === 1 ? '' : 's'}` : ''}
        </Badge>
      )}
      <button className="button" onClick={onValidate} disabled={validating} title="Run dg check defs in the project">
        {validating ? 'Checking…' : 'Check (dg check defs)'}
      </button>
    </header>
  )
}
