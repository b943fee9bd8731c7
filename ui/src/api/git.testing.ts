// Complete git answers for tests: each builder fills what a test does not care about.
import type { GitChange, GitState } from './git'

export const aChange = (path: string, staged: GitChange['staged'], unstaged: GitChange['unstaged'] = null): GitChange => ({
  path,
  staged,
  unstaged,
})

/** A repository on `main`, up to date with `origin/main`, with `changes` (the file tree's map follows them). */
export function aGitState(changes: GitChange[] = [], extra: Partial<GitState> = {}): GitState {
  const files = Object.fromEntries(changes.map((change) => [change.path, change.unstaged ?? change.staged!]))
  return {
    repository: true,
    branch: 'main',
    upstream: 'origin/main',
    ahead: 0,
    behind: 0,
    files,
    changes,
    operation: null,
    conflicts: [],
    ...extra,
  }
}

type Refusal = { status: number; body: Record<string, unknown> }

/** The git routes of one project, with a status the actions change as git would, and refusals a
 * test queues per route ("/commit", "/push") for its next calls. */
export class FakeGit {
  state: GitState
  log: Array<{ method: string; route: string; body: Record<string, unknown> | null }> = []
  refusals = new Map<string, Refusal[]>()
  diffs = new Map<string, { original: string | null; modified: string | null }>()
  branches = ['main', 'feature']

  constructor(state: GitState = aGitState()) {
    this.state = state
  }

  refuse(route: string, status: number, body: Record<string, unknown>) {
    this.refusals.set(route, [...(this.refusals.get(route) ?? []), { status, body }])
  }

  calls(route: string) {
    return this.log.filter((call) => call.route === route)
  }

  private update(changes: GitChange[], extra: Partial<GitState> = {}): Response {
    const kept = changes.filter((change) => change.staged || change.unstaged)
    this.state = { ...this.state, ...extra, changes: kept, files: aGitState(kept).files }
    return Response.json(this.state)
  }

  private change(paths: unknown, apply: (change: GitChange) => GitChange): Response {
    const chosen = new Set(paths as string[])
    return this.update(this.state.changes.map((change) => (chosen.has(change.path) ? apply(change) : change)))
  }

  /** The answer to `route` (the part after `/api/v1/projects/{id}/git`), or null when it is none of git's. */
  handle(route: string, method: string, body: Record<string, unknown> | null): Response | null {
    this.log.push({ method, route, body })
    const queued = this.refusals.get(route.split('?')[0])?.shift()
    if (queued) return Response.json(queued.body, { status: queued.status })
    if (route === '' && method === 'GET') return Response.json(this.state)
    if (route.startsWith('/diff?')) {
      const query = new URLSearchParams(route.slice('/diff?'.length))
      const path = query.get('path')!
      const texts = this.diffs.get(`${path}:${query.get('staged')}`) ?? { original: '', modified: '' }
      return Response.json({ path, diff: '', binary: false, ...texts })
    }
    if (route === '/stage') {
      return this.change(body?.paths, (c) => ({ ...c, staged: c.unstaged === 'untracked' ? 'added' : (c.unstaged ?? c.staged), unstaged: null }))
    }
    if (route === '/unstage') {
      return this.change(body?.paths, (c) => ({ ...c, staged: null, unstaged: c.staged === 'added' ? 'untracked' : (c.unstaged ?? c.staged) }))
    }
    if (route === '/discard') return this.change(body?.paths, (c) => ({ ...c, unstaged: null }))
    if (route === '/commit') {
      this.update(this.state.changes.map((c) => ({ ...c, staged: null })), { ahead: this.state.ahead + 1 })
      return Response.json({ sha: '0123456789abcdef' })
    }
    if (route === '/branches' && method === 'GET') {
      const current = this.state.branch
      return Response.json({ current, branches: this.branches.map((name) => ({ name, current: name === current, upstream: null })), remotes: ['origin'] })
    }
    if (route === '/branches') {
      this.branches.push(String(body?.name))
      return this.update(this.state.changes, body?.switch ? { branch: String(body.name), upstream: null } : {})
    }
    if (route === '/checkout') return this.update(this.state.changes, { branch: String(body?.branch) })
    if (route.startsWith('/log')) {
      return Response.json({ commits: [{ sha: 'a'.repeat(40), short: 'aaaaaaa', subject: 'First commit', author: 'Ada', date: '2026-01-01T00:00:00Z' }] })
    }
    if (route === '/pull' || route === '/push') return Response.json({ ok: true, output: '' })
    if (route === '/abort') return this.update(this.state.changes.filter((c) => !this.state.conflicts.includes(c.path)), { operation: null, conflicts: [] })
    return null
  }
}
