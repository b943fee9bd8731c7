// The one client of the designer's API: same-origin requests authenticated by the session
// cookie the server set from the ?token= URL; errors carry the server's `detail` sentence.
// `get`/`post`/`put`/`del` are typed by path from the OpenAPI document (schema.gen.ts): the path
// as the document writes it, its parameters, query, JSON body and answer.
import type { paths } from './schema.gen'

export class ApiError extends Error {
  readonly status: number
  readonly body: Record<string, unknown> | null

  constructor(status: number, detail: string, body: Record<string, unknown> | null) {
    super(detail)
    this.status = status
    this.body = body
  }
}

/** The response of a request that succeeded; a failed one throws `ApiError` with the server's
 * `detail`. For answers whose headers matter (ETags) or that are not JSON. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (typeof init.body === 'string' && !headers.has('content-type')) {
    headers.set('content-type', 'application/json')
  }
  const response = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'same-origin' })
  if (response.status === 401) {
    window.location.reload() // the server answers the page with its token form
  }
  if (!response.ok) {
    let body: Record<string, unknown> | null = null
    try {
      body = await response.json()
    } catch {
      body = null
    }
    const detail = typeof body?.detail === 'string' ? body.detail : `${response.status} ${response.statusText}`
    throw new ApiError(response.status, detail, body)
  }
  return response
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** The request failed with one of these HTTP statuses. */
export const isStatus = (error: unknown, ...statuses: number[]): error is ApiError =>
  error instanceof ApiError && statuses.includes(error.status)

export const json = (value: unknown): string => JSON.stringify(value)

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

// ------------------------------------------------------------------------------------------------
// typed by path

type Method = 'get' | 'put' | 'post' | 'delete'
type DocumentPath = keyof paths
type Short<F> = F extends `/api/v1${infer P}` ? P : never
/** A path of the API as the document writes it, without `/api/v1`: `/projects/{project_id}/files`. */
export type ApiPath = Short<DocumentPath>
type PathFor<M extends Method> = { [F in DocumentPath]: paths[F] extends Record<M, unknown> ? Short<F> : never }[DocumentPath]
type Operation<P extends string, M extends Method> = `/api/v1${P}` extends infer F extends DocumentPath
  ? paths[F] extends Record<M, infer O>
    ? O
    : never
  : never

type PathParams<O> = O extends { parameters: { path: infer T } } ? T : undefined
type QueryParams<O> = O extends { parameters: { query?: infer T } } ? T : undefined
type JsonOf<C> = C extends { content: { 'application/json': infer T } } ? T : never
/** The JSON of the answer: 200, 201 or 202; nothing for 204. */
export type Answer<O> = O extends { responses: infer R }
  ? R extends { 200: infer C }
    ? JsonOf<C>
    : R extends { 201: infer C }
      ? JsonOf<C>
      : R extends { 202: infer C }
        ? JsonOf<C>
        : void
  : never

type BodyPart<O> = O extends { requestBody: { content: { 'application/json': infer T } } }
  ? { body: T }
  : O extends { requestBody?: { content: { 'application/json': infer T } } }
    ? { body?: T }
    : { body?: undefined }
type ParamsPart<O> = PathParams<O> extends undefined ? { params?: undefined } : { params: PathParams<O> }
type Options<O> = ParamsPart<O> &
  BodyPart<O> & { query?: QueryParams<O>; headers?: HeadersInit; signal?: AbortSignal; cache?: RequestCache }
type Args<O> = object extends Options<O> ? [options?: Options<O>] : [options: Options<O>]

const encodeSegments = (value: string): string => value.split('/').map(encodeURIComponent).join('/')

/** `path` with its parameters filled (each segment encoded, so a file path keeps its slashes)
 * and the query appended (unset values left out). */
export function apiUrl<P extends ApiPath>(path: P, params?: object, query?: object): string {
  const values = (params ?? {}) as Record<string, string | number>
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegments(String(values[name])))
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `${filled}?${text}` : filled
}

interface CallOptions {
  params?: object
  query?: object
  body?: unknown
  headers?: HeadersInit
  signal?: AbortSignal
  cache?: RequestCache
}

function call(method: Method, path: ApiPath, options: CallOptions = {}) {
  const { params, query, body, ...init } = options
  return request<never>(apiUrl(path, params, query), {
    ...init,
    method: method.toUpperCase(),
    ...(body !== undefined ? { body: json(body) } : {}),
  })
}

export const get = <P extends PathFor<'get'>>(path: P, ...[options]: Args<Operation<P, 'get'>>): Promise<Answer<Operation<P, 'get'>>> =>
  call('get', path, options as CallOptions)
export const post = <P extends PathFor<'post'>>(path: P, ...[options]: Args<Operation<P, 'post'>>): Promise<Answer<Operation<P, 'post'>>> =>
  call('post', path, options as CallOptions)
export const put = <P extends PathFor<'put'>>(path: P, ...[options]: Args<Operation<P, 'put'>>): Promise<Answer<Operation<P, 'put'>>> =>
  call('put', path, options as CallOptions)
export const del = <P extends PathFor<'delete'>>(path: P, ...[options]: Args<Operation<P, 'delete'>>): Promise<Answer<Operation<P, 'delete'>>> =>
  call('delete', path, options as CallOptions)
