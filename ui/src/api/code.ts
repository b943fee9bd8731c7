// The code view's requests: files (their reads and writes carry ETags, so they use `send`),
// search, the Python tools, the schema check of unsaved YAML, and terminals.
import { apiUrl, del, get, post, send } from './client'
import { socketUrl } from './socket'
import type { FileText } from './types'

const file = (id: string, path: string) => apiUrl('/projects/{project_id}/files/{path}', { project_id: id, path })

export const listFiles = (id: string) => get('/projects/{project_id}/files', { params: { project_id: id } })

export async function readFile(id: string, path: string): Promise<FileText> {
  const response = await send(file(id, path), { cache: 'no-store' })
  return { text: await response.text(), etag: response.headers.get('ETag') ?? '' }
}

async function writtenEtag(response: Response): Promise<string> {
  const header = response.headers.get('ETag')
  if (header) return header
  return ((await response.json()) as { etag: string }).etag
}

/** Overwrites the version `etag` names; 412 when the file changed since. */
export async function writeFile(id: string, path: string, text: string, etag: string): Promise<string> {
  const response = await send(file(id, path), {
    method: 'PUT',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'If-Match': etag },
    body: text,
  })
  return writtenEtag(response)
}

/** Creates a file that must not exist yet; 412 when it does. */
export async function createFile(id: string, path: string, text = ''): Promise<string> {
  const response = await send(file(id, path), {
    method: 'PUT',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'If-None-Match': '*' },
    body: text,
  })
  return writtenEtag(response)
}

export const createFolder = (id: string, path: string) =>
  post('/projects/{project_id}/folders/{path}', { params: { project_id: id, path } })

export const movePath = (id: string, from: string, to: string) =>
  post('/projects/{project_id}/moves', { params: { project_id: id }, body: { from, to } })

export const deletePath = (id: string, path: string, recursive: boolean) =>
  del('/projects/{project_id}/files/{path}', { params: { project_id: id, path }, query: recursive ? { recursive } : {} })

export const searchContent = (id: string, query: string, signal?: AbortSignal) =>
  get('/projects/{project_id}/search', { params: { project_id: id }, query: { q: query, kind: 'content' }, signal })

export const formatPython = async (id: string, path: string, source: string) =>
  (await post('/projects/{project_id}/python/format', { params: { project_id: id }, body: { path, source } })).source

export const lintPython = (id: string, path: string, source: string) =>
  post('/projects/{project_id}/python/lint', { params: { project_id: id }, body: { path, source } })

/** Starts the project's completion process, so that the first completion is quick. */
export const preparePython = (id: string) => post('/projects/{project_id}/python/prepare', { params: { project_id: id } })

/** Completions at a 1-based line and a 0-based column. */
export const completePython = (
  id: string,
  body: { path: string; source: string; line: number; column: number },
  signal?: AbortSignal,
) => post('/projects/{project_id}/python/complete', { params: { project_id: id }, body, signal })

export const checkDefs = async (id: string, path: string, text: string) =>
  (await post('/projects/{project_id}/defs-check', { params: { project_id: id }, body: { path, text } })).errors

export const listTerminals = (id: string) => get('/projects/{project_id}/terminals', { params: { project_id: id } })

export const createTerminal = (id: string, cols: number, rows: number) =>
  post('/projects/{project_id}/terminals', { params: { project_id: id }, body: { cols, rows } })

export const deleteTerminal = (id: string, terminalId: string) =>
  del('/projects/{project_id}/terminals/{terminal_id}', { params: { project_id: id, terminal_id: terminalId } })

/** Same origin: the page's session cookie authenticates the socket. */
export function terminalSocketUrl(id: string, terminalId: string): string {
  const path = apiUrl('/projects/{project_id}/terminals/{terminal_id}', { project_id: id, terminal_id: terminalId })
  return socketUrl(`/api/v1${path}/ws`)
}
