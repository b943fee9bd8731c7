import { useState } from 'react'
import { useLaunchRun } from '../api/runs'
import type { Job, RunLaunch } from '../api/types'
import { Dialog } from '../ui/Dialog'

export interface LaunchDraft {
  /** a Dagster selection, or empty when a job is launched */
  selection: string
  job: string
  checksOnly: boolean
}

interface LaunchDialogProps {
  projectId: string
  jobs: readonly Job[]
  initial: LaunchDraft
  onClose: () => void
  onLaunched: (runId: string) => void
}

/** What JSON text holds: an object, or why not. */
function parseObject(text: string, what: string): { value: Record<string, unknown> | null; error: string | null } {
  if (!text.trim()) return { value: null, error: null }
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value: value as Record<string, unknown>, error: null }
    return { value: null, error: `The ${what} must be a JSON object.` }
  } catch (failure) {
    return { value: null, error: `The ${what} is not valid JSON: ${failure instanceof Error ? failure.message : String(failure)}` }
  }
}

/** The launchpad: a selection or a job, only the checks, a partition, run config and tags.
 * Dagster checks the request before anything runs: a bad one is refused with its reason. */
export function LaunchDialog({ projectId, jobs, initial, onClose, onLaunched }: LaunchDialogProps) {
  const launch = useLaunchRun(projectId)
  const [target, setTarget] = useState<'selection' | 'job'>(initial.job ? 'job' : 'selection')
  const [selection, setSelection] = useState(initial.selection)
  const [job, setJob] = useState(initial.job || jobs[0]?.name || '')
  const [checksOnly, setChecksOnly] = useState(initial.checksOnly)
  const [partition, setPartition] = useState('')
  const [config, setConfig] = useState('')
  const [tags, setTags] = useState('')
  const parsedConfig = parseObject(config, 'run config')
  const parsedTags = parseObject(tags, 'tags')
  const invalid = parsedConfig.error ?? parsedTags.error
  const ready = !invalid && (target === 'job' ? !!job : !!selection.trim())

  const submit = () => {
    const body: RunLaunch =
      target === 'job' ? { job } : { selection: selection.trim(), checks_only: checksOnly }
    if (partition.trim()) body.partition = partition.trim()
    if (parsedConfig.value) body.config = parsedConfig.value
    if (parsedTags.value) body.tags = Object.fromEntries(Object.entries(parsedTags.value).map(([k, v]) => [k, String(v)]))
    launch.mutate(body, { onSuccess: (answer) => onLaunched(answer.run_id) })
  }

  return (
    <Dialog
      title="Launch a run"
      onClose={onClose}
      width={640}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!ready || launch.isPending} onClick={submit}>
            {launch.isPending ? 'Launching…' : 'Launch'}
          </button>
        </>
      }
    >
      <form
        className="launchpad"
        onSubmit={(event) => {
          event.preventDefault()
          if (ready) submit()
        }}
      >
        <div className="segmented" role="radiogroup" aria-label="What to run">
          <button type="button" role="radio" aria-checked={target === 'selection'} onClick={() => setTarget('selection')}>
            Assets
          </button>
          <button type="button" role="radio" aria-checked={target === 'job'} onClick={() => setTarget('job')} disabled={jobs.length === 0}>
            Job
          </button>
        </div>
        {target === 'selection' ? (
          <>
            <label className="field-label" htmlFor="launch-selection">
              Asset selection
            </label>
            <input
              id="launch-selection"
              className="text mono"
              value={selection}
              placeholder='key:"orders" or group:sales+'
              onChange={(event) => setSelection(event.target.value)}
            />
            <label className="launch-check">
              <input type="checkbox" checked={checksOnly} onChange={(event) => setChecksOnly(event.target.checked)} /> Only
              their checks (materialize nothing)
            </label>
          </>
        ) : (
          <>
            <label className="field-label" htmlFor="launch-job">
              Job
            </label>
            <select id="launch-job" className="text" value={job} onChange={(event) => setJob(event.target.value)}>
              {jobs.map((j) => (
                <option key={j.name} value={j.name}>
                  {j.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label className="field-label" htmlFor="launch-partition">
          Partition <span className="muted">(for partitioned assets)</span>
        </label>
        <input id="launch-partition" className="text mono" value={partition} placeholder="2026-11-30" onChange={(event) => setPartition(event.target.value)} />
        <label className="field-label" htmlFor="launch-config">
          Run config <span className="muted">(JSON, as `dg launch --config-json` takes it)</span>
        </label>
        <textarea
          id="launch-config"
          className="text mono"
          rows={6}
          value={config}
          placeholder='{"ops": {"orders": {"config": {"rows": 10}}}}'
          onChange={(event) => setConfig(event.target.value)}
        />
        <label className="field-label" htmlFor="launch-tags">
          Tags <span className="muted">(JSON object)</span>
        </label>
        <input id="launch-tags" className="text mono" value={tags} placeholder='{"team": "sales"}' onChange={(event) => setTags(event.target.value)} />
        {invalid && <div className="field-error">{invalid}</div>}
        {launch.error && (
          <div className="notice error" role="alert">
            {launch.error.message}
          </div>
        )}
      </form>
    </Dialog>
  )
}
