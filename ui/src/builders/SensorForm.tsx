// A sensor: what it watches (files, runs of jobs, an asset, or custom code), how often it looks
// and what it launches.
import { useState } from 'react'
import type { DefaultStatus, SensorParams, SensorType, Target } from '../api/builders'
import { BuilderDialog, type FormProps } from './BuilderDialog'
import { useSelectionPicking } from './picking'
import { AssetPicker, DefaultStatusField, DescriptionField, Field, NameField, Radios, TargetPicker } from './fields'
import { fieldError, firstTarget, targetFilled } from './values'

const SHOWN = ['name', 'sensor_type', 'minimum_interval_seconds', 'target', 'description', 'default_status', 'path', 'run_status', 'monitored_jobs', 'asset', 'body']

const TYPES: ReadonlyArray<{ id: SensorType; label: string }> = [
  { id: 'file', label: 'File sensor' },
  { id: 'run_status', label: 'Run status' },
  { id: 'asset', label: 'Asset' },
  { id: 'custom', label: 'Custom Python' },
]

const TYPE_HELP: Record<SensorType, string> = {
  file: 'Requests a run for each new or changed file under a folder or glob.',
  run_status: 'Reacts when runs of jobs succeed or fail.',
  asset: 'Requests a run of a job when an asset is materialized.',
  custom: 'Your own Python: it yields run requests or a skip reason.',
}

export function SensorForm(form: FormProps<'sensor'>) {
  const initial = form.editing?.params
  const [type, setType] = useState<SensorType>(initial?.sensor_type ?? 'file')
  const [name, setName] = useState(initial?.name ?? '')
  const [description, setDescription] = useState(initial?.description ?? '')
  const [interval, setIntervalText] = useState(String(initial?.minimum_interval_seconds ?? 30))
  const [target, setTarget] = useState<Target | null>(initial ? (initial.target ?? null) : firstTarget(form.definitions))
  const [status, setStatus] = useState<DefaultStatus>(initial?.default_status ?? 'STOPPED')
  const [path, setPath] = useState(initial?.path ?? '')
  const [runStatus, setRunStatus] = useState<'SUCCESS' | 'FAILURE'>(initial?.run_status ?? 'FAILURE')
  const [monitored, setMonitored] = useState<string[]>(initial?.monitored_jobs ?? [])
  const [asset, setAsset] = useState<string[]>(initial?.asset ? [initial.asset] : [])
  const [body, setBody] = useState('')

  const editing = form.editing !== null
  const jobs = form.definitions?.jobs ?? []
  const needsTarget = type === 'file' || type === 'asset'
  const seconds = Number(interval)
  const problem = !name.trim()
    ? 'Name the sensor.'
    : !Number.isInteger(seconds)
      ? 'The interval is a whole number of seconds.'
      : type === 'file' && !path.trim()
        ? 'Enter the folder or glob to watch.'
        : type === 'asset' && asset.length === 0
          ? 'Pick the asset to watch.'
          : needsTarget && !target
            ? 'Pick what it launches.'
            : target && !targetFilled(target)
              ? 'Pick what it launches.'
              : null
  const params: SensorParams | null = problem
    ? null
    : {
        name: name.trim(),
        sensor_type: type,
        minimum_interval_seconds: seconds,
        target,
        description,
        default_status: status,
        ...(type === 'file' ? { path: path.trim() } : {}),
        ...(type === 'run_status' ? { run_status: runStatus, monitored_jobs: monitored } : {}),
        ...(type === 'asset' ? { asset: asset[0] } : {}),
        ...(type === 'custom' && !editing && body.trim() ? { body } : {}),
      }
  const pickType = (next: SensorType) => {
    setType(next)
    // an asset sensor launches a job
    if (next === 'asset' && target?.job === undefined) setTarget({ job: jobs[0]?.name ?? '' })
  }

  const picking = useSelectionPicking({
    projectId: form.projectId,
    definitions: form.definitions,
    what: `sensor ${name.trim() || '(unnamed)'}`,
    text: target?.selection ?? '',
    onPicked: (selection) => setTarget({ selection }),
  })

  return (
    <BuilderDialog kind="sensor" noun="sensor" form={form} params={params} problem={problem} shown={SHOWN} picker={picking.picker}>
      {(errors) => (
        <>
          <Field label="Type" error={fieldError(errors, 'sensor_type')} help={TYPE_HELP[type]}>
            <Radios label="Sensor type" options={TYPES} value={type} onChange={pickType} />
          </Field>
          <NameField id="sensor-name" value={name} onChange={setName} error={fieldError(errors, 'name')} />
          {type === 'file' && (
            <Field label="Watch path" id="sensor-path" error={fieldError(errors, 'path')} help="A folder or a glob, relative to the project: `data/incoming/*.csv`.">
              <input id="sensor-path" className="text mono" value={path} placeholder="data/incoming/*.parquet" onChange={(event) => setPath(event.target.value)} />
            </Field>
          )}
          {type === 'run_status' && (
            <>
              <Field label="When a run" error={fieldError(errors, 'run_status')}>
                <Radios
                  label="Run status"
                  options={[
                    { id: 'FAILURE', label: 'fails' },
                    { id: 'SUCCESS', label: 'succeeds' },
                  ]}
                  value={runStatus}
                  onChange={setRunStatus}
                />
              </Field>
              <Field label="Of the jobs" error={fieldError(errors, 'monitored_jobs')} help="None picked: every job.">
                <div className="builder-choices" role="group" aria-label="Monitored jobs">
                  {jobs.map((job) => (
                    <label key={job.name}>
                      <input
                        type="checkbox"
                        checked={monitored.includes(job.name)}
                        onChange={(event) =>
                          setMonitored(event.target.checked ? [...monitored, job.name] : monitored.filter((n) => n !== job.name))
                        }
                      />{' '}
                      <span className="mono">{job.name}</span>
                    </label>
                  ))}
                  {jobs.length === 0 && <span className="muted">The project has no job.</span>}
                </div>
              </Field>
            </>
          )}
          {type === 'asset' && (
            <AssetPicker
              label="Watched asset"
              id="sensor-asset"
              single
              keys={(form.definitions?.assets ?? []).map((a) => a.key)}
              selected={asset}
              onChange={setAsset}
              error={fieldError(errors, 'asset')}
            />
          )}
          {type === 'custom' &&
            (editing ? (
              <p className="muted">Its code stays as it is in the file: edit it in the Code view.</p>
            ) : (
              <Field label="Function body" id="sensor-body" error={fieldError(errors, 'body')} help="Python; left empty, the builder writes a starting point.">
                <textarea id="sensor-body" className="text mono" rows={6} spellCheck={false} value={body} onChange={(event) => setBody(event.target.value)} />
              </Field>
            ))}
          <Field label="Check interval" id="sensor-interval" error={fieldError(errors, 'minimum_interval_seconds')} help="Seconds between evaluations: 5 to 86400.">
            <input
              id="sensor-interval"
              className="text builder-number"
              type="number"
              min={5}
              max={86400}
              value={interval}
              onChange={(event) => setIntervalText(event.target.value)}
            />
          </Field>
          <TargetPicker
            projectId={form.projectId}
            definitions={form.definitions}
            idPrefix="sensor"
            onPickOnGraph={picking.start}
            value={target}
            onChange={setTarget}
            optional={!needsTarget}
            jobOnly={type === 'asset'}
            error={fieldError(errors, 'target')}
          />
          <DescriptionField id="sensor-description" value={description} onChange={setDescription} error={fieldError(errors, 'description')} />
          <DefaultStatusField value={status} onChange={setStatus} />
        </>
      )}
    </BuilderDialog>
  )
}
