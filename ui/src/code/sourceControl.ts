// The Source control view's logic: git's changes grouped as the view lists them, and git's
// refusals (a pull's conflict, a rejected push, secrets in a commit) in words with what to do.
import { ApiError } from '../api/client'
import type { GitChange, GitFileStatus, GitState, SecretFinding, SyncRefusal } from '../api/git'

/** The letter of each status, as the file tree's badges and the change lists show it. */
export const GIT_LETTERS: Record<GitFileStatus, string> = {
  modified: 'M',
  added: 'A',
  untracked: 'U',
  deleted: 'D',
  renamed: 'R',
  conflicted: 'C',
}

/** A file's git diff shown as a tab: its staged or its unstaged changes. */
export interface DiffTab {
  path: string
  staged: boolean
}

export const diffTabKey = (tab: DiffTab): string => `${tab.staged ? 'staged' : 'changes'}:${tab.path}`

export interface ChangeRow {
  path: string
  status: GitFileStatus
}

export interface ChangeGroups {
  /** files a merge or rebase left with conflicts: resolved by editing, then staging */
  conflicts: ChangeRow[]
  /** index against HEAD: what a commit takes */
  staged: ChangeRow[]
  /** working files against the index */
  unstaged: ChangeRow[]
}

const byPath = (a: ChangeRow, b: ChangeRow) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/** The lists of the view; a file with staged and further unstaged edits is in both, a conflicted
 * file only among the conflicts. */
export function groupChanges(state: Pick<GitState, 'changes' | 'conflicts'>): ChangeGroups {
  const conflicted = new Set(state.conflicts)
  const rows = (side: (change: GitChange) => GitFileStatus | null) =>
    state.changes
      .filter((change) => !conflicted.has(change.path) && side(change) !== null)
      .map((change) => ({ path: change.path, status: side(change)! }))
      .sort(byPath)
  return {
    conflicts: [...conflicted].sort().map((path) => ({ path, status: 'conflicted' as const })),
    staged: rows((change) => change.staged),
    unstaged: rows((change) => change.unstaged),
  }
}

/** The side bar's badge: how many files have changes of any kind. */
export function changeCount(state: Pick<GitState, 'changes' | 'conflicts'> | undefined): number {
  if (!state) return 0
  return new Set([...state.changes.map((change) => change.path), ...state.conflicts]).size
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** The branch's distance from its upstream, in words (the view shows it as arrows). */
export function syncSummary(state: Pick<GitState, 'upstream' | 'ahead' | 'behind'>): string {
  if (!state.upstream) return 'No upstream branch: Push publishes this branch.'
  if (!state.ahead && !state.behind) return `Up to date with ${state.upstream}.`
  const parts = [
    state.ahead ? `${plural(state.ahead, 'commit')} to push` : null,
    state.behind ? `${plural(state.behind, 'commit')} to pull` : null,
  ]
  return `${parts.filter(Boolean).join(', ')} (${state.upstream}).`
}

/** What a stopped merge or rebase means and how to get out of it. */
export function operationMessage(operation: 'merge' | 'rebase', conflicts: number): string {
  const what = operation === 'merge' ? 'A merge' : 'A rebase'
  const files = conflicts ? ` with conflicts in ${plural(conflicts, 'file')}` : ''
  return `${what} is in progress${files}. Edit each file to keep what you want, stage it, then commit; or abort the ${operation} to return to where you were.`
}

/** The reason of a refused pull or push, when the server gave one. */
export function syncRefusal(error: unknown): SyncRefusal | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const reason = error.body?.reason
  return reason === 'conflict' || reason === 'rejected' || reason === 'auth' || reason === 'no-remote' ? reason : null
}

/** A refused pull or push in words, with what to do next; git's own sentence follows. */
export function syncMessage(action: 'pull' | 'push', reason: SyncRefusal | null, detail: string): string {
  const verb = action === 'pull' ? 'Pull' : 'Push'
  const advice: Record<SyncRefusal, string> = {
    conflict:
      'The changes from the remote conflict with yours. The conflicted files are listed below: resolve each, stage it and commit, or abort the merge.',
    rejected:
      'The remote has commits you do not have yet. Pull first, resolve any conflicts, then push again.',
    auth: 'The remote refused the credentials. Try again with an access token that can write to the repository.',
    'no-remote': 'This repository has no remote to sync with. Add one in a terminal (git remote add origin URL), then try again.',
  }
  const head = reason ? `${verb} failed. ${advice[reason]}` : `${verb} failed.`
  return detail && detail !== head ? `${head}\n${detail}` : head
}

/** The staged lines that look like secrets, when the server refused a commit for them. */
export function secretFindings(error: unknown): SecretFinding[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const secrets = error.body?.secrets
  return Array.isArray(secrets) && secrets.length > 0 ? (secrets as SecretFinding[]) : null
}
