/**
 * What went wrong, independent of the HTTP status. For a write whose answer never came:
 * `unknown-outcome` when the desk could not find out whether it went through, `not-applied`
 * when it checked and the write did not land (so it is safe to send again).
 */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'abort' | 'invalid-response' | 'unknown-outcome' | 'not-applied'

export interface ApiErrorInit {
  kind: ApiErrorKind
  status?: number
  messages?: string[]
  fieldErrors?: Record<string, string[]>
  code?: string | number | null
  method?: string
  path?: string
  cause?: unknown
  /** Repeating the request changes nothing twice (deletes, push_all/pull_all, mark read). */
  repeatable?: boolean
  /** How long the server asked to wait (`Retry-After`), in ms, when it said. */
  retryAfterMs?: number | null
}

/** The one error every `api/` function throws. `message` is readable as is. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind
  /** HTTP status, or 0 when no answer arrived. */
  readonly status: number
  readonly messages: string[]
  readonly fieldErrors: Record<string, string[]>
  readonly code: string | number | null
  readonly method: string
  readonly path: string
  /** Repeating the request changes nothing twice: the UI may offer to do it again as it is. */
  readonly repeatable: boolean
  /** How long the server asked to wait before trying again (`Retry-After`), in ms; null when it did not say. */
  readonly retryAfterMs: number | null

  constructor(init: ApiErrorInit) {
    const messages = init.messages?.length ? init.messages : [defaultMessage(init.kind, init.status ?? 0)]
    super(messages.join(' '), init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'ApiError'
    this.kind = init.kind
    this.status = init.status ?? 0
    this.messages = messages
    this.fieldErrors = init.fieldErrors ?? {}
    this.code = init.code ?? null
    this.method = init.method ?? 'GET'
    this.path = init.path ?? ''
    this.repeatable = init.repeatable ?? false
    this.retryAfterMs = init.retryAfterMs ?? null
  }

  /** True for failures worth retrying for a GET: no answer, 5xx, 429. */
  get transient(): boolean {
    return this.kind === 'network' || (this.kind === 'http' && (this.status >= 500 || this.status === 429))
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The server rejected the request as malformed.',
  401: 'The server did not accept the API key (401 Unauthorized).',
  403: 'You don\'t have permission to do this (403 Forbidden).',
  404: 'Not found (404).',
  422: 'The server could not process the data (422).',
  429: 'Too many requests; the server asks to slow down (429).',
  500: 'The server had an internal error (500).',
  502: 'Bad gateway (502): the server behind the proxy did not answer properly.',
  503: 'The server is unavailable (503).',
  504: 'Gateway timeout (504): the server behind the proxy did not answer in time.',
}

function defaultMessage(kind: ApiErrorKind, status: number): string {
  switch (kind) {
    case 'network': return 'Could not reach the server. Check the API base URL and your connection.'
    case 'timeout': return 'The server did not answer in time.'
    case 'abort': return 'The request was cancelled.'
    case 'invalid-response': return 'The server\'s answer does not look like the QuickBlox API.'
    case 'unknown-outcome': return 'We couldn\'t confirm whether this went through: the request was sent, but no answer came.'
    case 'not-applied': return 'It did not go through: the answer was lost, and a check shows the server did not apply it. Nothing was changed; you can try again.'
    default: return STATUS_TEXT[status] ?? `The server answered with HTTP ${status}.`
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toStrings(value: unknown): string[] | null {
  if (typeof value === 'string')
    return [value]
  if (Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number'))
    return value.map(String)
  return null
}

/** Field errors read as a sentence, Rails style: `type` + `is wrong.` → "type is wrong." */
function fieldSentences(fields: Record<string, string[]>): string[] {
  return Object.entries(fields).flatMap(([field, list]) => list.map(m => `${field} ${m}`))
}

/** Splits a `{field: [...]}` map into `base` messages and field errors; null when it is no such map. */
function readFieldMap(map: Record<string, unknown>): { messages: string[], fieldErrors: Record<string, string[]> } | null {
  const entries = Object.entries(map)
  if (!entries.length)
    return null
  const fieldErrors: Record<string, string[]> = {}
  const messages: string[] = []
  for (const [key, value] of entries) {
    const list = toStrings(value)
    if (!list)
      return null
    if (key === 'base')
      messages.push(...list)
    else
      fieldErrors[key] = list
  }
  return { messages: [...messages, ...fieldSentences(fieldErrors)], fieldErrors }
}

export interface ParsedErrorBody {
  messages: string[]
  fieldErrors: Record<string, string[]>
  code: string | number | null
}

/**
 * Reads every documented error body: `{errors: [...]}`, `{errors: {base: [...]}}`,
 * `{errors: {field: [...]}}`, a top-level field map `{type: ["is wrong."]}`, `{code, message}`,
 * and tolerates empty or non-JSON bodies (no messages then).
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const empty: ParsedErrorBody = { messages: [], fieldErrors: {}, code: null }
  if (typeof body === 'string') {
    const text = body.trim()
    if (!text)
      return empty
    try {
      return parseErrorBody(JSON.parse(text))
    }
    catch {
      return empty
    }
  }
  if (!isRecord(body))
    return { ...empty, messages: toStrings(body) ?? [] }

  if ('errors' in body) {
    const errors = body.errors
    const list = toStrings(errors)
    if (list)
      return { ...empty, messages: list }
    if (isRecord(errors)) {
      const map = readFieldMap(errors)
      if (map)
        return { ...empty, ...map }
    }
  }
  if (typeof body.message === 'string') {
    const code = typeof body.code === 'string' || typeof body.code === 'number' ? body.code : null
    return { ...empty, messages: [body.message], code }
  }
  if (typeof body.error === 'string')
    return { ...empty, messages: [body.error] }
  const map = readFieldMap(body)
  if (map)
    return { ...empty, ...map }
  return empty
}

/** Whether an error is an `ApiError` of the given kind(s). */
export function isApiError(error: unknown, ...kinds: ApiErrorKind[]): error is ApiError {
  return error instanceof ApiError && (!kinds.length || kinds.includes(error.kind))
}
