// Fetch wrapper: same-origin requests authenticated by the session cookie the server set
// from the ?token= URL. Errors carry the server's `detail` sentence.

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
