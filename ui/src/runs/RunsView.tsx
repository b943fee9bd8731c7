import { useState } from 'react'
import { useRuns, type RunFilters } from '../api/runs'
import type { RunStatus } from '../api/types'
import { Empty, Spinner } from '../ui/bits'
import { RunPage, RunStatusLabel } from './RunPage'
import { RunTarget } from './RunTarget'
import { Automations } from './Automations'
import { Tabs } from '../ui/Tabs'
import { duration, timeAgo } from './runState'

const STATUSES: RunStatus[] = ['STARTED', 'SUCCESS', 'FAILURE', 'CANCELED', 'QUEUED']

interface RunsViewProps {
  projectId: string
  projectRoot: string
  /** the run shown; null: the newest */
  runId: string | null
  onRunId: (runId: string) => void
  onOpenFile: (path: string, line: number) => void
  /** open the launchpad */
  onLaunchpad: () => void
}

/** Run history, filterable by status, asset and job, beside the run picked; or the schedules
 * and sensors. */
export function RunsView({ projectId, projectRoot, runId, onRunId, onOpenFile, onLaunchpad }: RunsViewProps) {
  const [filters, setFilters] = useState<RunFilters>({})
  const [pane, setPane] = useState<'run' | 'automations'>('run')
  // a run opened from elsewhere (a launch, a link) is shown whatever pane was open
  const [opened, setOpened] = useState(runId)
  if (runId !== opened) {
    setOpened(runId)
    setPane('run')
  }
  const runs = useRuns(projectId, filters)
  const shown = runId ?? runs.data?.[0]?.run_id ?? null
  return (
    <div className="runs-view">
      <aside className="runs-list" aria-label="Runs">
        <div className="runs-tabs">
          <Tabs
            label="Runs view"
            tabs={[
              { id: 'run', label: 'Run history' },
              { id: 'automations', label: 'Schedules and sensors' },
            ]}
            active={pane}
            onChange={setPane}
          />
        </div>
        <div className="runs-launch">
          <RunTarget projectId={projectId} />
          <button className="button small primary" onClick={onLaunchpad}>
            Launch a run…
          </button>
        </div>
        <div className="runs-filters">
          <select
            className="text"
            aria-label="Status"
            value={filters.status ?? ''}
            onChange={(e) => setFilters({ ...filters, status: (e.target.value || undefined) as RunStatus | undefined })}
          >
            <option value="">Every status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <input
            className="text"
            type="search"
            aria-label="Asset"
            placeholder="Asset key"
            value={filters.asset ?? ''}
            onChange={(e) => setFilters({ ...filters, asset: e.target.value.trim() || undefined })}
          />
          <input
            className="text"
            type="search"
            aria-label="Job"
            placeholder="Job"
            list="runs-jobs"
            value={filters.job ?? ''}
            onChange={(e) => setFilters({ ...filters, job: e.target.value.trim() || undefined })}
          />
          <datalist id="runs-jobs">
            {[...new Set(runs.data?.map((r) => r.job_name))].map((job) => (
              <option key={job} value={job} />
            ))}
          </datalist>
        </div>
        {runs.isPending && <Spinner label="Reading the history…" />}
        {runs.error && <div className="notice error">{runs.error.message}</div>}
        {runs.data?.length === 0 && <Empty>No runs{filters.status || filters.asset ? ' match' : ' yet: materialize assets from the graph'}.</Empty>}
        <ul>
          {runs.data?.map((run) => (
            <li key={run.run_id}>
              <button className={`runs-item ${run.run_id === shown ? 'selected' : ''}`} onClick={() => {
                  setPane('run')
                  onRunId(run.run_id)
                }} data-run={run.run_id}>
                <span className="runs-item-top">
                  <RunStatusLabel status={run.status} />
                  <span className="mono muted">{run.run_id.slice(0, 8)}</span>
                </span>
                <span className="runs-item-assets" title={run.asset_keys.join('\n')}>
                  {run.asset_keys.length > 0 ? run.asset_keys.join(', ') : run.job_name}
                </span>
                <span className="muted runs-item-time">
                  {run.start_time ? `${timeAgo(run.start_time)} · ${duration(run.start_time, run.end_time)}` : 'not started'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <main className="runs-detail">
        {pane === 'automations' ? (
          <Automations projectId={projectId} />
        ) : shown ? (
          <RunPage key={shown} projectId={projectId} projectRoot={projectRoot} runId={shown} onOpenFile={onOpenFile} onOpenRun={onRunId} />
        ) : (
          !runs.isPending && <Empty>Pick a run.</Empty>
        )}
      </main>
    </div>
  )
}
