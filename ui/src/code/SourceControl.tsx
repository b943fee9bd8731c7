// The Source control side bar: the branch and its distance from the upstream, pull and push, a
// merge or rebase in progress, the staged and unstaged changes (each opens its diff), the commit
// message, and the recent commits. git's status is the file tree's query, so both stay in step.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { errorMessage } from '../api/client'
import {
  abortOperation,
  checkout,
  commit,
  createBranch,
  discardPaths,
  pull,
  push,
  stagePaths,
  unstagePaths,
  type GitState,
  type SecretFinding,
} from '../api/git'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { Spinner } from '../ui/bits'
import { ContextMenu, type MenuItem } from './ContextMenu'
import { BranchDialog, SecretsDialog, TokenDialog } from './GitDialogs'
import { basename, dirname } from './paths'
import { codeKeys, useGitBranches, useGitLog, useGitStatus } from './queries'
import { GIT_LETTERS, groupChanges, operationMessage, secretFindings, syncMessage, syncRefusal, syncSummary, type ChangeRow } from './sourceControl'
import { DefinitionsDiff } from '../defsdiff/DefinitionsDiffSummary'

interface SourceControlProps {
  projectId: string
  /** on screen: the branches and the log are fetched only then */
  active: boolean
  onOpenDiff: (path: string, staged: boolean) => void
  onOpen: (path: string) => void
  /** git rewrote working files (discard, switch, pull, abort): open editors follow the disk */
  onFilesChanged: () => void
}

type Pending =
  | { kind: 'discard'; paths: string[] }
  | { kind: 'secrets'; findings: SecretFinding[] }
  | { kind: 'token'; action: 'pull' | 'push'; refused: boolean }
  | { kind: 'branch-menu'; x: number; y: number }
  | { kind: 'new-branch'; error: string | null }

interface Notice {
  tone: 'ok' | 'error'
  text: string
}

export function SourceControl({ projectId, active, onOpenDiff, onOpen, onFilesChanged }: SourceControlProps) {
  const client = useQueryClient()
  const git = useGitStatus(projectId)
  const [definitionsOpen, setDefinitionsOpen] = useState(false)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [logOpen, setLogOpen] = useState(false)
  const branches = useGitBranches(projectId, active && pending?.kind === 'branch-menu')
  const log = useGitLog(projectId, active && logOpen)
  const branchButton = useRef<HTMLButtonElement>(null)
  const state = git.data
  const groups = useMemo(() => (state ? groupChanges(state) : null), [state])
  const close = useCallback(() => setPending(null), [])
  const refetch = git.refetch

  // git run in a terminal changes no working file, so no push tells of it: read it when shown
  useEffect(() => {
    if (active) void refetch()
  }, [active, refetch])

  /** A new status from the server; what depends on it (diffs, the log) is fetched again. */
  const applied = (next: GitState) => {
    client.setQueryData(codeKeys.git(projectId), next)
    void client.invalidateQueries({ queryKey: codeKeys.git(projectId), predicate: (query) => query.queryKey.length > 3 })
  }
  /** git changed files: the file list, git and every open file are read again. */
  const filesChanged = () => {
    void client.invalidateQueries({ queryKey: codeKeys.all(projectId) })
    onFilesChanged()
  }

  /** Runs one action at a time; its error is shown in the view. */
  const run = async (label: string, action: () => Promise<void>) => {
    if (busy) return
    setBusy(label)
    setNotice(null)
    try {
      await action()
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    } finally {
      setBusy(null)
    }
  }

  const stage = (paths: string[]) => run('stage', async () => applied(await stagePaths(projectId, paths)))
  const unstage = (paths: string[]) => run('unstage', async () => applied(await unstagePaths(projectId, paths)))
  const discard = (paths: string[]) =>
    run('discard', async () => {
      setPending(null)
      applied(await discardPaths(projectId, paths))
      filesChanged()
    })

  const doCommit = (allowSecrets = false) =>
    run('commit', async () => {
      if (!message.trim()) throw new Error('Write a commit message first: a line that says what the change does.')
      try {
        const { sha } = await commit(projectId, message, allowSecrets)
        setMessage('')
        setPending(null)
        setNotice({ tone: 'ok', text: `Committed ${sha.slice(0, 7)}.` })
        void client.invalidateQueries({ queryKey: codeKeys.git(projectId) })
      } catch (error) {
        const findings = secretFindings(error)
        if (!findings) throw error
        setPending({ kind: 'secrets', findings })
      }
    })

  const sync = (action: 'pull' | 'push', token?: string) =>
    run(action, async () => {
      setPending(null)
      try {
        await (action === 'pull' ? pull : push)(projectId, token ? { token } : {})
        setNotice({ tone: 'ok', text: action === 'pull' ? 'Pulled: the branch has the remote commits.' : 'Pushed: the remote has your commits.' })
      } catch (error) {
        const reason = syncRefusal(error)
        if (reason === 'auth') setPending({ kind: 'token', action, refused: token !== undefined })
        else setNotice({ tone: 'error', text: syncMessage(action, reason, errorMessage(error)) })
      } finally {
        filesChanged()
      }
    })

  const switchTo = (branch: string) =>
    run('checkout', async () => {
      applied(await checkout(projectId, branch))
      filesChanged()
    })

  const newBranch = (name: string) =>
    run('branch', async () => {
      try {
        applied(await createBranch(projectId, name, true))
        setPending(null)
      } catch (error) {
        setPending({ kind: 'new-branch', error: errorMessage(error) })
      }
    })

  const abort = () =>
    run('abort', async () => {
      applied(await abortOperation(projectId))
      filesChanged()
    })

  const onMessageKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault()
      void doCommit()
    }
  }

  const openBranchMenu = () => {
    const rect = branchButton.current?.getBoundingClientRect()
    setPending({ kind: 'branch-menu', x: rect?.left ?? 0, y: rect?.bottom ?? 0 })
  }

  const branchItems = (): MenuItem[] => [
    { label: 'Create a branch…', onSelect: () => setPending({ kind: 'new-branch', error: null }) },
    ...(branches.data?.branches ?? [])
      .filter((branch) => !branch.current)
      .map((branch) => ({ label: `Switch to ${branch.name}`, onSelect: () => void switchTo(branch.name) })),
  ]

  if (git.error) return <div className="notice error ws-explorer-error">{errorMessage(git.error)}</div>
  if (!state || !groups) return <Spinner label="Reading git's status…" />
  if (!state.repository) {
    return (
      <div className="ws-scm">
        <p className="muted ws-scm-empty">
          This project is not in a git repository. Run <code>git init</code> in a terminal to start tracking its changes.
        </p>
      </div>
    )
  }

  const hasChanges = groups.staged.length + groups.unstaged.length + groups.conflicts.length > 0
  return (
    <div className="ws-scm" aria-busy={busy !== null}>
      <div className="ws-explorer-header">
        <button
          ref={branchButton}
          className="ws-scm-branch"
          aria-haspopup="menu"
          aria-expanded={pending?.kind === 'branch-menu'}
          aria-label={`Branch ${state.branch ?? '(detached)'}: switch or create`}
          title="Switch or create a branch"
          onClick={openBranchMenu}
          disabled={busy !== null}
        >
          ⎇ {state.branch ?? '(detached)'} ▾
        </button>
        <button className="ws-icon-button" onClick={() => void client.invalidateQueries({ queryKey: codeKeys.git(projectId) })} aria-label="Refresh git's status" title="Refresh">
          ↻
        </button>
      </div>
      <div className="ws-scm-sync">
        <button className="button small" onClick={() => void sync('pull')} disabled={busy !== null} title="Pull the remote's commits">
          <span aria-hidden>↓ </span>Pull{state.behind ? ` ${state.behind}` : ''}
        </button>
        <button className="button small" onClick={() => void sync('push')} disabled={busy !== null} title="Push your commits to the remote">
          <span aria-hidden>↑ </span>Push{state.ahead ? ` ${state.ahead}` : ''}
        </button>
        <span className="muted ws-scm-upstream">{syncSummary(state)}</span>
      </div>
      {busy && <Spinner label="Working…" />}
      {notice && (
        <div className={`notice ${notice.tone} ws-scm-notice`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}{' '}
          <button className="ws-link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {state.operation && (
        <div className="notice warn ws-scm-notice" role="alert">
          {operationMessage(state.operation, state.conflicts.length)}{' '}
          <button className="button small" onClick={() => void abort()} disabled={busy !== null}>
            Abort {state.operation}
          </button>
        </div>
      )}
      <div className="ws-scm-commit">
        <textarea
          className="text"
          aria-label="Commit message"
          placeholder="Message (Ctrl+Enter to commit)"
          rows={3}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          onKeyDown={onMessageKey}
        />
        <button
          className="button primary small"
          onClick={() => void doCommit()}
          disabled={busy !== null || groups.staged.length === 0}
          title={groups.staged.length ? 'Commit the staged changes (Ctrl+Enter)' : 'Stage changes to commit them'}
        >
          Commit
        </button>
      </div>
      <div className="ws-scm-lists">
        {!hasChanges && <p className="muted ws-scm-empty">No changes since the last commit.</p>}
        <ChangeList
          title="Conflicts"
          rows={groups.conflicts}
          onClick={(row) => onOpen(row.path)}
          clickAction="edit the conflicts"
          actions={(row) => [{ label: `Mark ${row.path} resolved (stage it)`, text: '+', onClick: () => void stage([row.path]) }]}
        />
        <ChangeList
          title="Staged changes"
          rows={groups.staged}
          onClick={(row) => onOpenDiff(row.path, true)}
          clickAction="staged changes"
          all={{ label: 'Unstage all', onClick: () => void unstage(groups.staged.map((row) => row.path)) }}
          actions={(row) => [
            { label: `Open ${row.path}`, text: '↗', onClick: () => onOpen(row.path), hidden: row.status === 'deleted' },
            { label: `Unstage ${row.path}`, text: '−', onClick: () => void unstage([row.path]) },
          ]}
        />
        <ChangeList
          title="Changes"
          rows={groups.unstaged}
          onClick={(row) => onOpenDiff(row.path, false)}
          clickAction="changes"
          all={{ label: 'Stage all', onClick: () => void stage(groups.unstaged.map((row) => row.path)) }}
          actions={(row) => [
            { label: `Open ${row.path}`, text: '↗', onClick: () => onOpen(row.path), hidden: row.status === 'deleted' },
            { label: `Discard changes to ${row.path}`, text: '↶', onClick: () => setPending({ kind: 'discard', paths: [row.path] }) },
            { label: `Stage ${row.path}`, text: '+', onClick: () => void stage([row.path]) },
          ]}
        />
        <details className="ws-scm-log" onToggle={(event) => setDefinitionsOpen(event.currentTarget.open)}>
          <summary>Definitions changed since HEAD</summary>
          {/* loaded only when opened: the first diff loads HEAD's definitions with Dagster */}
          {definitionsOpen && <DefinitionsDiff projectId={projectId} gitRef="HEAD" />}
        </details>
        <details className="ws-scm-log" onToggle={(event) => setLogOpen(event.currentTarget.open)}>
          <summary>Recent commits</summary>
          {log.isLoading && <Spinner />}
          {log.error && <div className="notice error">{errorMessage(log.error)}</div>}
          {log.data && log.data.commits.length === 0 && <p className="muted ws-scm-empty">No commits yet.</p>}
          <ol aria-label="Recent commits">
            {log.data?.commits.map((entry) => (
              <li key={entry.sha} title={`${entry.sha}\n${entry.author}, ${entry.date}`}>
                <span className="mono muted">{entry.short}</span> {entry.subject}
                <span className="muted ws-scm-author"> · {entry.author}</span>
              </li>
            ))}
          </ol>
        </details>
      </div>
      {pending?.kind === 'branch-menu' && (
        <ContextMenu x={pending.x} y={pending.y} label="Branches" items={branchItems()} onClose={close} />
      )}
      {pending?.kind === 'new-branch' && <BranchDialog busy={busy !== null} error={pending.error} onSubmit={(name) => void newBranch(name)} onClose={close} />}
      {pending?.kind === 'discard' && (
        <ConfirmDialog
          title="Discard changes"
          error={null}
          onClose={close}
          actions={[{ label: 'Discard', danger: true, onClick: () => void discard(pending.paths) }]}
        >
          <p>
            Discard the unstaged changes to <span className="mono">{pending.paths.join(', ')}</span>? The file goes back to its staged
            (or last committed) version; a new file is deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'secrets' && (
        <SecretsDialog findings={pending.findings} busy={busy !== null} onCommitAnyway={() => void doCommit(true)} onClose={close} />
      )}
      {pending?.kind === 'token' && (
        <TokenDialog action={pending.action} refused={pending.refused} onSubmit={(token) => void sync(pending.action, token)} onClose={close} />
      )}
    </div>
  )
}

interface RowAction {
  label: string
  text: string
  onClick: () => void
  hidden?: boolean
}

interface ChangeListProps {
  title: string
  rows: readonly ChangeRow[]
  onClick: (row: ChangeRow) => void
  /** what clicking a row shows, the end of its name (which starts with its visible text) */
  clickAction: string
  all?: { label: string; onClick: () => void }
  actions: (row: ChangeRow) => RowAction[]
}

function ChangeList({ title, rows, onClick, clickAction, all, actions }: ChangeListProps) {
  if (rows.length === 0) return null
  return (
    <section className="ws-scm-group" aria-label={title}>
      <div className="ws-scm-group-header">
        <h3>
          {title} <span className="tab-badge">{rows.length}</span>
        </h3>
        {all && (
          <button className="ws-link-button" onClick={all.onClick}>
            {all.label}
          </button>
        )}
      </div>
      <ul>
        {rows.map((row) => (
          <li key={row.path} className="ws-scm-row" data-path={row.path}>
            <button className="ws-scm-file" onClick={() => onClick(row)} aria-label={`${[basename(row.path), dirname(row.path)].filter(Boolean).join(' ')}, ${clickAction}`} title={`${row.path} (${row.status})`}>
              <span className="ws-scm-name">{basename(row.path)}</span>{' '}
              <span className="ws-scm-folder muted">{dirname(row.path)}</span>
            </button>
            {actions(row)
              .filter((action) => !action.hidden)
              .map((action) => (
                <button key={action.label} className="ws-icon-button ws-scm-action" aria-label={action.label} title={action.label} onClick={action.onClick}>
                  {action.text}
                </button>
              ))}
            <span className={`ws-git ws-git-${row.status}`} title={row.status} aria-label={row.status}>
              {GIT_LETTERS[row.status]}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
