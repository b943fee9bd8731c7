// The Source control view's questions: an access token for one pull or push, a new branch's
// name, and whether to commit lines that look like secrets.
import { useState } from 'react'
import type { SecretFinding } from '../api/git'
import { Dialog } from '../ui/Dialog'
import { FieldDialog } from '../ui/FieldDialog'

interface TokenDialogProps {
  action: 'pull' | 'push'
  /** a token was already tried and refused */
  refused: boolean
  onSubmit: (token: string) => void
  onClose: () => void
}

/** The token stays in this dialog's state until it is sent with the one request, never stored. */
export function TokenDialog({ action, refused, onSubmit, onClose }: TokenDialogProps) {
  const [token, setToken] = useState('')
  const verb = action === 'pull' ? 'Pull' : 'Push'
  return (
    <Dialog
      title={`${verb} with an access token`}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" type="submit" form="git-token-form" disabled={!token}>
            {verb}
          </button>
        </>
      }
    >
      <form
        id="git-token-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (token) onSubmit(token)
        }}
      >
        <p>The remote asks for credentials. Enter an access token (for GitHub, a personal access token with access to this repository).</p>
        <label className="field-label" htmlFor="git-token">
          Access token
        </label>
        <input id="git-token" className="text mono" type="password" autoComplete="off" autoFocus value={token} onChange={(event) => setToken(event.target.value)} />
        <div className="field-help">Used for this {action} only: it is not saved anywhere.</div>
        {refused && <div className="field-error">The remote refused the token. Check that it is valid and may {action === 'pull' ? 'read' : 'write to'} the repository.</div>}
      </form>
    </Dialog>
  )
}

interface BranchDialogProps {
  busy: boolean
  error: string | null
  onSubmit: (name: string) => void
  onClose: () => void
}

export function BranchDialog({ busy, error, onSubmit, onClose }: BranchDialogProps) {
  const [name, setName] = useState('')
  return (
    <FieldDialog
      title="Create a branch"
      label="Branch name"
      inputId="git-new-branch"
      value={name}
      onChange={setName}
      placeholder="feature/new-assets"
      mono
      help="Made from the current commit and switched to; your changes come along."
      error={error}
      submitLabel="Create and switch"
      busy={busy}
      onSubmit={() => onSubmit(name.trim())}
      onClose={onClose}
    />
  )
}

interface SecretsDialogProps {
  findings: readonly SecretFinding[]
  busy: boolean
  onCommitAnyway: () => void
  onClose: () => void
}

export function SecretsDialog({ findings, busy, onCommitAnyway, onClose }: SecretsDialogProps) {
  return (
    <Dialog
      title="Possible secrets in the commit"
      width={600}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button danger" onClick={onCommitAnyway} disabled={busy}>
            Commit anyway
          </button>
        </>
      }
    >
      <p>These staged lines look like passwords, tokens or keys. A secret in a commit stays in the repository's history. Move it to an environment variable, or commit anyway if it is not a secret.</p>
      <ul className="ws-scm-secrets" aria-label="Possible secrets">
        {findings.map((finding) => (
          <li key={`${finding.path}:${finding.line}:${finding.reason}`}>
            <span className="mono">
              {finding.path}:{finding.line}
            </span>{' '}
            {finding.reason}
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
