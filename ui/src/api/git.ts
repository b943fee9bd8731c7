// The project's git: status, diffs, staging, commits, branches, the log, pull and push, and
// cloning a repository as a new project. Every path is relative to the project's root.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiUrl, json, request } from './client'
import { keys } from './hooks'
import type { components } from './schema.gen'
import type { Project } from './types'

type Schemas = components['schemas']

export type GitState = Schemas['GitStatus']
/** One status per path, as the file tree's badges show it. */
export type GitFileStatus = GitState['files'][string]
/** One changed file: what is staged (index against HEAD) and what is not (working file against the index). */
export type GitChange = Schemas['Change']
/** A file's two sides. Unstaged: original = the index, modified = the working file. Staged:
 * original = HEAD, modified = the index. A side is null when the file is absent there; big or
 * binary files come without texts. */
export type GitDiff = Schemas['FileDiff']
export type GitBranch = Schemas['Branch']
export type GitBranches = Schemas['Branches']
export type GitCommit = Schemas['Commit']
/** A staged change that looks like a secret: the commit is refused unless allowed. */
export type SecretFinding = Schemas['SecretFinding']

/** Why a pull or push was refused (the 409's `reason`). */
export type SyncRefusal = NonNullable<Schemas['GitRefusal']['reason']>

export interface SyncOptions {
  remote?: string
  branch?: string
  /** used for this call only, never stored */
  token?: string
}

export interface CloneRequest {
  git_url: string
  branch?: string
  token?: string
  name?: string
}

function gitUrl(id: string, tail = '', query: Record<string, string | number | boolean> = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString()
  return `${apiUrl('/projects/{project_id}/git', { project_id: id })}${tail}${search ? `?${search}` : ''}`
}

const postJson = <T>(url: string, body: unknown = {}) => request<T>(url, { method: 'POST', body: json(body) })

export const gitState = (id: string) => request<GitState>(gitUrl(id))

export const gitDiff = (id: string, path: string, staged: boolean) =>
  request<GitDiff>(gitUrl(id, '/diff', { path, staged }), { cache: 'no-store' })

export const stagePaths = (id: string, paths: string[]) => postJson<GitState>(gitUrl(id, '/stage'), { paths })

export const unstagePaths = (id: string, paths: string[]) => postJson<GitState>(gitUrl(id, '/unstage'), { paths })

/** Restores the working files from the index; untracked files are deleted. */
export const discardPaths = (id: string, paths: string[]) => postJson<GitState>(gitUrl(id, '/discard'), { paths })

/** Commits what is staged. 409 `{detail, secrets}` when it looks like secrets, unless allowed. */
export const commit = (id: string, message: string, allowSecrets = false) =>
  postJson<{ sha: string }>(gitUrl(id, '/commit'), allowSecrets ? { message, allow_secrets: true } : { message })

export const gitBranches = (id: string) => request<GitBranches>(gitUrl(id, '/branches'))

export const createBranch = (id: string, name: string, switchTo: boolean) =>
  postJson<GitState>(gitUrl(id, '/branches'), { name, switch: switchTo })

export const checkout = (id: string, branch: string) => postJson<GitState>(gitUrl(id, '/checkout'), { branch })

export const gitLog = (id: string, limit = 50) => request<{ commits: GitCommit[] }>(gitUrl(id, '/log', { limit }))

export const pull = (id: string, options: SyncOptions = {}) =>
  postJson<{ ok: true; output: string }>(gitUrl(id, '/pull'), options)

export const push = (id: string, options: SyncOptions = {}) =>
  postJson<{ ok: true; output: string }>(gitUrl(id, '/push'), options)

/** Aborts the merge (or rebase) in progress. */
export const abortOperation = (id: string) => postJson<GitState>(gitUrl(id, '/abort'))

/** Clones into the workspace and opens the clone (202: the project's status shows progress). */
export const cloneProject = (body: CloneRequest) => postJson<Project>('/projects', body)

export function useCloneProject() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: cloneProject,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}
