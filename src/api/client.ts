import { FetchError, ofetch } from 'ofetch'
import { ApiError, parseErrorBody } from './errors'

/** What the client needs from the session for every request. */
export interface SessionSnapshot {
  baseURL: string
  apiKey: string | null
  /** User ID sent as `On-Behalf-Of`; null = the API key acts as the account owner. */
  actingUserId: number | null
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]
export type Query = Record<string, QueryValue>
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  query?: Query
  /** A plain object is sent as JSON; a URLSearchParams as a form. */
  body?: Record<string, unknown> | URLSearchParams
  signal?: AbortSignal
  /** Milliseconds for one attempt. */
  timeout?: number
  /** Replaces parts of the session for this call only (the sign-in check runs before a session exists). */
  session?: Partial<SessionSnapshot>
  /** Extra attempts for a transient GET failure, instead of the default. */
  retries?: number
  /**
   * Acts as this user (`On-Behalf-Of`) for this call only, whoever the session acts as: the
   * user page reads a user's inbox as they see it. The session's key stays, and so does the
   * handling of a refused key.
   */
  actAs?: number
}

/** Per-call overrides a resource function may pass through. */
export type RequestOverrides = Pick<RequestOptions, 'session' | 'retries' | 'timeout' | 'actAs'>

export interface ClientSettings {
  timeoutMs: number
  /** Extra attempts for a GET after a transient failure. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  /** A longer `Retry-After` than this is not waited for: the error is shown instead. */
  maxRetryAfterMs: number
}

const settings: ClientSettings = {
  timeoutMs: 15_000,
  retries: 3,
  baseDelayMs: 400,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
}

let readSession: () => SessionSnapshot = () => ({ baseURL: '/api', apiKey: null, actingUserId: null })

let onUnauthorized: () => void = () => {}

/** Registers what happens when the session's own key is refused (401): the key was revoked. */
export function registerUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

/** Registers where the client reads the base URL, API key and acting user. Called once at start-up. */
export function registerSessionGetter(getter: () => SessionSnapshot): void {
  readSession = getter
}

/** The user requests act as now (`On-Behalf-Of`), or null for the account owner. */
export function currentActingUserId(): number | null {
  return readSession().actingUserId
}

/** Adjusts timeouts and retry pacing (tests use short delays). */
export function configureClient(changes: Partial<ClientSettings>): ClientSettings {
  Object.assign(settings, changes)
  return { ...settings }
}

// One instance for the whole app. Retries, timeouts and error mapping are done here, not by
// ofetch, so that writes are never retried and Retry-After is honoured.
const http = ofetch.create({
  retry: false,
  ignoreResponseError: true,
  responseType: 'text',
}, {
  // Looked up on each call so tests can stub the global fetch.
  fetch: (input, init) => globalThis.fetch(input, init),
})

/**
 * Encodes a query the way QuickBlox reads it: `name[ctn]=a`, `filter[]=number id in 1,2`
 * (arrays repeat the key). Empty values are left out.
 */
export function toQueryString(query: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '')
      continue
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number)[])
        params.append(key, String(item))
    }
    else {
      params.append(key, String(value))
    }
  }
  return params.toString()
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    function onAbort() {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Milliseconds asked for by a `Retry-After` header (seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value)
    return null
  const seconds = Number(value)
  if (Number.isFinite(seconds))
    return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function backoff(attempt: number): number {
  const exp = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt)
  return exp / 2 + Math.random() * exp / 2
}

interface Answer {
  status: number
  contentType: string
  /** The body as text: always for JSON requests, only for error answers of binary ones. */
  text: string
  /** The body of a successful binary request. */
  blob?: Blob
  retryAfter: string | null
}

async function attempt(path: string, options: RequestOptions, session: SessionSnapshot, method: HttpMethod, binary = false): Promise<Answer> {
  const headers: Record<string, string> = { Accept: binary ? '*/*' : 'application/json' }
  if (session.apiKey)
    headers.Authorization = `ApiKey ${session.apiKey}`
  if (session.actingUserId !== null)
    headers['On-Behalf-Of'] = String(session.actingUserId)
  if (options.body instanceof URLSearchParams)
    headers['Content-Type'] = 'application/x-www-form-urlencoded'

  // ofetch drops its own timeout when a signal is given, so both are combined here.
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException('Timed out', 'TimeoutError'))
  }, options.timeout ?? settings.timeoutMs)
  const outer = options.signal
  const onOuterAbort = () => controller.abort(outer?.reason)
  if (outer?.aborted)
    onOuterAbort()
  else
    outer?.addEventListener('abort', onOuterAbort, { once: true })

  const qs = options.query ? toQueryString(options.query) : ''
  try {
    const response = await http.raw<string | Blob, 'text' | 'blob'>(qs ? `${path}?${qs}` : path, {
      baseURL: session.baseURL,
      method,
      headers,
      body: options.body instanceof URLSearchParams ? options.body.toString() : options.body,
      signal: controller.signal,
      responseType: binary ? 'blob' : 'text',
    })
    const data = response._data
    const ok = response.status >= 200 && response.status < 300
    const blob = data instanceof Blob ? data : undefined
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      // An error answer of a binary request is read as text, for its error messages.
      text: typeof data === 'string' ? data : blob && !ok ? await blob.text() : '',
      blob: ok ? blob : undefined,
      retryAfter: response.headers.get('retry-after'),
    }
  }
  catch (error) {
    // Keep only the underlying failure: ofetch's error exposes the request options, headers (the key) included.
    const cause = error instanceof FetchError ? error.cause ?? new Error(error.message) : error
    if (outer?.aborted)
      throw new ApiError({ kind: 'abort', method, path, cause })
    if (timedOut)
      throw new ApiError({ kind: 'timeout', method, path, cause })
    throw new ApiError({ kind: 'network', method, path, cause })
  }
  finally {
    clearTimeout(timer)
    outer?.removeEventListener('abort', onOuterAbort)
  }
}

function looksLikeHtml(answer: Answer): boolean {
  return answer.contentType.includes('html') || /^\s*</.test(answer.text)
}

function parseSuccess(answer: Answer, method: HttpMethod, path: string): unknown {
  if (!answer.text.trim())
    return undefined
  if (looksLikeHtml(answer)) {
    throw new ApiError({
      kind: 'invalid-response',
      status: answer.status,
      method,
      path,
      messages: ['The server answered with a web page instead of QuickBlox API data. Check the API base URL.'],
    })
  }
  try {
    return JSON.parse(answer.text)
  }
  catch (cause) {
    throw new ApiError({
      kind: 'invalid-response',
      status: answer.status,
      method,
      path,
      cause,
      messages: ['The server\'s answer is not valid JSON, so it is not the QuickBlox API. Check the API base URL.'],
    })
  }
}

/**
 * Sends one request through the shared client. GETs are retried on network errors, 5xx and 429
 * (honouring `Retry-After`); writes are sent once. Every failure becomes an `ApiError`.
 * Resolves to the parsed JSON body, or undefined for an empty body.
 */
export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  return send(path, options, false, (answer, method) => parseSuccess(answer, method, path))
}

/** A file's bytes and the type the server gave them. */
export interface BinaryAnswer {
  blob: Blob
  contentType: string
}

/**
 * A GET whose answer is a file (an image, a PDF), with the same headers, retries and errors as
 * `request`: the API key travels in the Authorization header, never in the URL.
 */
export async function requestBinary(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<BinaryAnswer> {
  return send(path, options, true, (answer, method) => {
    if (looksLikeHtml(answer)) {
      throw new ApiError({
        kind: 'invalid-response',
        status: answer.status,
        method,
        path,
        messages: ['The server answered with a web page instead of the file. Check the API base URL.'],
      })
    }
    return { blob: answer.blob ?? new Blob([]), contentType: answer.contentType }
  })
}

async function send<T>(path: string, options: RequestOptions, binary: boolean, onSuccess: (answer: Answer, method: HttpMethod) => T): Promise<T> {
  const method = options.method ?? 'GET'
  const session = { ...readSession(), ...options.session }
  if (options.actAs !== undefined)
    session.actingUserId = options.actAs
  const retries = method === 'GET' ? options.retries ?? settings.retries : 0
  for (let tries = 0; ; tries++) {
    let error: ApiError
    let waitMs: number | null = null
    try {
      const answer = await attempt(path, options, session, method, binary)
      if (answer.status >= 200 && answer.status < 300)
        return onSuccess(answer, method)
      const parsed = looksLikeHtml(answer) ? parseErrorBody('') : parseErrorBody(answer.text)
      waitMs = parseRetryAfter(answer.retryAfter)
      error = new ApiError({ kind: 'http', status: answer.status, method, path, ...parsed, retryAfterMs: waitMs })
    }
    catch (caught) {
      if (!(caught instanceof ApiError))
        throw caught
      error = caught
    }
    // A probe with a key of its own (sign-in) reports its 401 itself; the session's key being refused ends the session.
    if (error.kind === 'http' && error.status === 401 && !options.session && session.apiKey)
      onUnauthorized()
    if (!error.transient || tries >= retries)
      throw error
    if (waitMs !== null && waitMs > settings.maxRetryAfterMs)
      throw error
    try {
      await sleep(waitMs ?? backoff(tries), options.signal)
    }
    catch (cause) {
      throw new ApiError({ kind: 'abort', method, path, cause })
    }
  }
}

/** Throws an `invalid-response` ApiError unless `check` accepts the body. */
export function expectShape<T>(body: unknown, check: (value: unknown) => value is T, what: string, path: string): T {
  if (check(body))
    return body
  throw new ApiError({
    kind: 'invalid-response',
    status: 200,
    path,
    messages: [`The server answered, but not with ${what} as the QuickBlox API does. Check the API base URL.`],
  })
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
