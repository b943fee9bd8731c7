// The workspace's requests, through the app's one client: JSON endpoints with `request`; file
// reads and writes need the ETag header, so they use `send`.
import { json, request, send } from '../api/client'
import { encodePath } from './paths'
import type {
  DefsCheckError,
  FileEntry,
  FileText,
  GitStatus,
  LintItem,
  PythonCompletion,
  SearchHit,
  TerminalInfo,
} from './types'

const project = (id: string) => `/projects/${encodeURIComponent(id)}`

export const listFiles = (id: string) => request<FileEntry[]>(`${project(id)}/files`)

export async function readFile(id: string, path: string): Promise<FileText> {
  const response = await send(`${project(id)}/files/${encodePath(path)}`, { cache: 'no-store' })
  return { text: await response.text(), etag: response.headers.get('ETag') ?? '' }
}

async function writtenEtag(response: Response): Promise<string> {
  const header = response.headers.get('ETag')
  if (header) return header
  return ((await response.json()) as { etag: string }).etag
}

/** Overwrites the version `etag` names; 412 when the file changed since. */
export async function writeFile(id: string, path: string, text: string, etag: string): Promise<string> {
  const response = await send(`${project(id)}/files/${encodePath(path)}`, {
    method: 'PUT',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'If-Match': etag },
    body: text,
  })
  return writtenEtag(response)
}

/** Creates a file that must not exist yet; 412 when it does. */
export async function createFile(id: string, path: string, text = ''): Promise<string> {
  const response = await send(`${project(id)}/files/${encodePath(path)}`, {
    method: 'PUT',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'If-None-Match': '*' },
    body: text,
  })
  return writtenEtag(response)
}

export const createFolder = (id: string, path: string) =>
  request<unknown>(`${project(id)}/folders/${encodePath(path)}`, { method: 'POST' })

export const movePath = (id: string, from: string, to: string) =>
  request<unknown>(`${project(id)}/moves`, { method: 'POST', body: json({ from, to }) })

export const deletePath = (id: string, path: string, recursive: boolean) =>
  request<void>(`${project(id)}/files/${encodePath(path)}${recursive ? '?recursive=true' : ''}`, { method: 'DELETE' })

export const searchContent = (id: string, query: string, signal?: AbortSignal) =>
  request<SearchHit[]>(`${project(id)}/search?${new URLSearchParams({ q: query, kind: 'content' })}`, { signal })

export const gitStatus = (id: string) => request<GitStatus>(`${project(id)}/git`)

export const formatPython = async (id: string, path: string, source: string) =>
  (await request<{ source: string }>(`${project(id)}/python/format`, { method: 'POST', body: json({ path, source }) }))
    .source

export const lintPython = (id: string, path: string, source: string) =>
  request<LintItem[]>(`${project(id)}/python/lint`, { method: 'POST', body: json({ path, source }) })

/** Starts the project's completion process, so that the first completion is quick. */
export const preparePython = (id: string) => request<unknown>(`${project(id)}/python/prepare`, { method: 'POST' })

/** Completions at a 1-based line and a 0-based column. */
export const completePython = (
  id: string,
  body: { path: string; source: string; line: number; column: number },
  signal?: AbortSignal,
) => request<PythonCompletion[]>(`${project(id)}/python/complete`, { method: 'POST', body: json(body), signal })

export const checkDefs = async (id: string, path: string, text: string) =>
  (await request<{ errors: DefsCheckError[] }>(`${project(id)}/defs-check`, { method: 'POST', body: json({ path, text }) }))
    .errors

export const listTerminals = (id: string) => request<TerminalInfo[]>(`${project(id)}/terminals`)

export const createTerminal = (id: string, cols: number, rows: number) =>
  request<TerminalInfo>(`${project(id)}/terminals`, { method: 'POST', body: json({ cols, rows }) })

export const deleteTerminal = (id: string, terminalId: string) =>
  request<void>(`${project(id)}/terminals/${encodeURIComponent(terminalId)}`, { method: 'DELETE' })

/** Same origin: the page's session cookie authenticates the socket. */
export function terminalSocketUrl(id: string, terminalId: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/api/v1${project(id)}/terminals/${encodeURIComponent(terminalId)}/ws`
}
