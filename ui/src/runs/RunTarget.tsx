import { useState } from 'react'
import { errorMessage } from '../api/client'
import { useRunTarget, useSetRunTarget, type RunTarget as Target } from '../api/runTarget'
import { Dialog } from '../ui/Dialog'

/** The "Run target" control: where runs go, and a dialog to send them to a remote Dagster. */
export function RunTarget({ projectId }: { projectId: string }) {
  const target = useRunTarget(projectId)
  const [editing, setEditing] = useState(false)
  const remote = target.data?.kind === 'remote' ? target.data : null
  return (
    <div className="run-target" style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '6px 8px', minWidth: 0 }}>
      <span className="muted">Run target</span>
      <button className="button" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }} onClick={() => setEditing(true)} title={remote ? `Code location ${remote.location}` : undefined}>
        {target.isPending ? '…' : remote ? remote.url : 'This machine'}
      </button>
      {remote && !remote.has_token && remote.url.includes('dagster.cloud') && <span className="field-error">No API token</span>}
      {editing && target.data && <RunTargetDialog projectId={projectId} current={target.data} onClose={() => setEditing(false)} />}
    </div>
  )
}

function RunTargetDialog({ projectId, current, onClose }: { projectId: string; current: Target; onClose: () => void }) {
  const save = useSetRunTarget(projectId)
  const remote = current.kind === 'remote' ? current : null
  const [url, setUrl] = useState(remote?.url ?? '')
  const [location, setLocation] = useState(remote?.location ?? '')
  const [deployment, setDeployment] = useState(remote?.deployment ?? '')
  const [token, setToken] = useState('')
  const submit = () =>
    save.mutate(
      // an empty token field keeps the token already set for this address
      { kind: 'remote', url, location: location || null, deployment: deployment || null, token: token || null },
      { onSuccess: onClose },
    )
  return (
    <Dialog
      title="Run target"
      onClose={onClose}
      footer={
        <>
          {remote && (
            <button className="button" disabled={save.isPending} onClick={() => save.mutate({ kind: 'local' }, { onSuccess: onClose })}>
              Run on this machine
            </button>
          )}
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!url.trim() || save.isPending} onClick={submit}>
            Run remotely
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (url.trim() && !save.isPending) submit()
        }}
      >
        <label className="field-label" htmlFor="run-target-url">
          Dagster webserver URL
        </label>
        <input id="run-target-url" className="text mono" autoFocus value={url} placeholder="http://localhost:3000" onChange={(e) => setUrl(e.target.value)} />
        <label className="field-label" htmlFor="run-target-location">
          Code location
        </label>
        <input id="run-target-location" className="text mono" value={location} placeholder="the project's" onChange={(e) => setLocation(e.target.value)} />
        <label className="field-label" htmlFor="run-target-deployment">
          Deployment (Dagster+)
        </label>
        <input id="run-target-deployment" className="text mono" value={deployment} placeholder="prod" onChange={(e) => setDeployment(e.target.value)} />
        <label className="field-label" htmlFor="run-target-token">
          API token (Dagster+)
        </label>
        <input
          id="run-target-token"
          className="text mono"
          type="password"
          autoComplete="off"
          value={token}
          placeholder={remote?.has_token ? 'set (leave empty to keep it)' : 'none'}
          onChange={(e) => setToken(e.target.value)}
        />
        <div className="field-help">
          Runs launch on the deployment's code location through its GraphQL API. The token stays in the designer's memory only (give it again after a restart), or
          put <code>DAGSTER_CLOUD_API_TOKEN</code> in the project's <code>.env</code>.
        </div>
        {save.error && <div className="field-error">{errorMessage(save.error)}</div>}
      </form>
    </Dialog>
  )
}
