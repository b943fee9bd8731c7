import { useRuns } from '../api/runs'
import type { Job } from '../api/types'
import { Empty } from '../ui/bits'
import { plural } from '../ui/names'
import { LastRun, RowButtons, SourceLink, type RowActions } from './parts'
import { runCounts } from './rows'

/** The history is read 200 runs at a time: beyond, the counts are of the latest 200. */
const HISTORY = 200

/** Every job: its assets, how its runs went, Run now. */
export function JobsTab({ projectId, jobs, actions }: { projectId: string; jobs: readonly Job[]; actions: RowActions }) {
  if (jobs.length === 0) return <Empty>The project has no jobs yet.</Empty>
  return (
    <div className="def-cards">
      {jobs.map((job) => (
        <JobCard key={job.name} projectId={projectId} job={job} actions={actions} />
      ))}
    </div>
  )
}

function JobCard({ projectId, job, actions }: { projectId: string; job: Job; actions: RowActions }) {
  const runs = useRuns(projectId, { job: job.name })
  const counts = runCounts(runs.data ?? [])
  return (
    <article className="def-card no-switch" data-definition={job.name} aria-label={`Job ${job.name}`}>
      <div className="def-card-main">
        <div className="def-card-title">
          <strong className="mono">{job.name}</strong>
          <SourceLink source={job.source} actions={actions} />
        </div>
        {job.description && <div>{job.description}</div>}
        <div className="muted" title={job.asset_keys.join('\n')}>
          {plural(job.asset_keys.length, 'asset')}
          {job.asset_keys.length > 0 && `: ${job.asset_keys.slice(0, 6).join(', ')}${job.asset_keys.length > 6 ? ', …' : ''}`}
        </div>
        {runs.data && (
          <div className="def-last" aria-label={`Runs of ${job.name}`}>
            Runs: {counts.total}
            {counts.total === HISTORY ? '+' : ''} · Success: {counts.succeeded} · Failed: {counts.failed} · Last run:{' '}
            <LastRun run={counts.last} actions={actions} />
          </div>
        )}
        {runs.error && <div className="notice error">{runs.error.message}</div>}
      </div>
      <RowButtons target={{ kinds: ['job'], name: job.name, source: job.source, label: `job ${job.name}` }} actions={actions}>
        <button className="button small primary" disabled={actions.launching} onClick={() => actions.run({ job: job.name }, `Job ${job.name}`)}>
          Run now
        </button>
      </RowButtons>
    </article>
  )
}
