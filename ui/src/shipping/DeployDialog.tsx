import { useState } from 'react'
import { errorMessage } from '../api/client'
import { useProject } from '../api/hooks'
import { Dialog } from '../ui/Dialog'
import {
  EMPTY_FORM,
  configureBody,
  formProblem,
  offerOf,
  useAddPackage,
  useConfigureDeploy,
  useDeployState,
  useStartDeploy,
  type BuildStrategy,
  type DeployForm,
} from './shipping'

/** Deploy to Dagster+ with `dg plus deploy`: organization, deployment, API token (sent with this
 * deploy only, never stored), build strategy; its output follows while it runs. */
export function DeployDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const [form, setForm] = useState<DeployForm>(EMPTY_FORM)
  const project = useProject(projectId)
  const state = useDeployState(projectId, true)
  const start = useStartDeploy(projectId)
  const configure = useConfigureDeploy(projectId)
  const addPackage = useAddPackage(projectId)
  const running = state.data?.state === 'running'
  const problem = formProblem(form)
  const offer = offerOf(start.error)
  const adding = project.data?.integration?.state === 'running'
  const set = (patch: Partial<DeployForm>) => setForm((current) => ({ ...current, ...patch }))
  const deploy = () => {
    if (!problem && !running) start.mutate(form)
  }
  const last = state.data && state.data.state !== 'none' ? state.data : null
  return (
    <Dialog
      title="Deploy to Dagster+"
      width={680}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Close
          </button>
          <button className="button primary" disabled={!!problem || running || start.isPending} onClick={deploy}>
            {running ? 'Deploying…' : 'Deploy'}
          </button>
        </>
      }
    >
      <form
        className="deploy-form"
        onSubmit={(event) => {
          event.preventDefault()
          deploy()
        }}
      >
        <label className="field-label" htmlFor="deploy-organization">
          Organization
        </label>
        <input
          id="deploy-organization"
          className="text"
          autoFocus
          value={form.organization}
          placeholder="acme (from acme.dagster.cloud)"
          onChange={(event) => set({ organization: event.target.value })}
        />
        <label className="field-label" htmlFor="deploy-deployment">
          Deployment
        </label>
        <input
          id="deploy-deployment"
          className="text"
          value={form.deployment}
          onChange={(event) => set({ deployment: event.target.value })}
        />
        <label className="field-label" htmlFor="deploy-token">
          API token
        </label>
        <input
          id="deploy-token"
          className="text"
          type="password"
          autoComplete="off"
          value={form.token}
          onChange={(event) => set({ token: event.target.value })}
        />
        <div className="field-help">Sent with this deploy only; the designer never stores it or shows it in output.</div>
        <label className="field-label" htmlFor="deploy-build">
          Build
        </label>
        <select
          id="deploy-build"
          className="text"
          value={form.buildStrategy}
          onChange={(event) => set({ buildStrategy: event.target.value as BuildStrategy })}
        >
          <option value="python-executable">Python executable (serverless, fast)</option>
          <option value="docker">Docker image</option>
        </select>
        <label className="field-label" htmlFor="deploy-location">
          Code location (optional)
        </label>
        <input
          id="deploy-location"
          className="text"
          value={form.locationName}
          placeholder="the project's own"
          onChange={(event) => set({ locationName: event.target.value })}
        />
        {form.token && problem && <div className="field-error">{problem}</div>}
      </form>
      {start.error && (
        <div className="notice error" role="alert">
          <p>{errorMessage(start.error)}</p>
          {offer?.action === 'add_package' && (
            <button
              className="button small"
              disabled={adding || addPackage.isPending}
              onClick={() => addPackage.mutate(offer.package, { onSuccess: () => start.reset() })}
            >
              {adding ? `Adding ${offer.package}…` : `Add ${offer.package}`}
            </button>
          )}
          {offer?.action === 'configure' && (
            <button
              className="button small"
              disabled={configure.isPending}
              onClick={() => configure.mutate(configureBody(form), { onSuccess: () => start.reset() })}
            >
              {configure.isPending ? 'Configuring…' : 'Configure the deploy (dg plus deploy configure)'}
            </button>
          )}
        </div>
      )}
      {addPackage.error && <div className="field-error">{errorMessage(addPackage.error)}</div>}
      {adding && <div className="field-help">Adding the package: the project's progress shows uv's output.</div>}
      {configure.data && (
        <div className={`notice ${configure.data.ok ? '' : 'error'}`}>
          {configure.data.ok
            ? `Configured: ${configure.data.files.length ? configure.data.files.join(', ') : 'nothing to write for this build'}.`
            : 'dg plus deploy configure failed:'}
          {!configure.data.ok && <pre className="log">{configure.data.output}</pre>}
        </div>
      )}
      {configure.error && <div className="field-error">{errorMessage(configure.error)}</div>}
      {last && (
        <section className="deploy-output" aria-label="Deploy output">
          <div className="field-label">
            Last deploy: {last.state} · {last.organization}/{last.deployment}
          </div>
          <pre className="log">{(last.output ?? []).join('\n') || '…'}</pre>
          {last.error && <div className="field-error">{last.error}</div>}
        </section>
      )}
    </Dialog>
  )
}

/** The top bar's Deploy button and its dialog. */
export function DeployButton({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button className="button" onClick={() => setOpen(true)} title="Deploy the project to Dagster+ (dg plus deploy)">
        Deploy
      </button>
      {open && <DeployDialog projectId={projectId} onClose={() => setOpen(false)} />}
    </>
  )
}
