import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import qs from 'qs'

/** An error that becomes an HTTP answer with a JSON body. */
export class HttpError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly body: unknown) {
    super(typeof body === 'object' ? JSON.stringify(body) : String(body))
  }
}

export function fail(status: ContentfulStatusCode, ...messages: string[]): HttpError {
  return new HttpError(status, { errors: messages })
}

export const notFound = (): HttpError => fail(404, 'The resource wasn\'t found')
export const forbidden = (): HttpError => fail(403, 'You don\'t have appropriate permissions to perform this operation')
export const needUser = (): HttpError => new HttpError(403, { errors: { base: ['Forbidden. Need user.'] } })
export const badFormat = (param: string): HttpError => fail(400, `Incorrect format for parameter "${param}".`)
export const missing = (param: string): HttpError => fail(400, `Parameter "${param}" is required.`)
export const unknownParam = (param: string): HttpError => fail(400, `Unknown parameter "${param}".`)

export type Params = Record<string, unknown>

/** Deepest nesting a JSON body may have (objects and arrays); deeper answers 400 before any parse or walk. */
export const MAX_JSON_DEPTH = 32
/** Deepest bracket nesting of a form body or query string (`a[b][c]` is 2). */
export const MAX_FORM_DEPTH = 6

const QS_OPTIONS = { depth: MAX_FORM_DEPTH, strictDepth: true, arrayLimit: 10000, parameterLimit: 20000, allowPrototypes: false } as const

const tooDeep = (what: string, max: number): HttpError => fail(400, `${what} is nested too deeply (maximum depth is ${max}).`)

/** NUL characters have no business in any parameter, and SQLite's full-text syntax chokes on them. */
function rejectNul(root: unknown): void {
  // An explicit stack, not recursion: the depth limits bound the input, and this holds even without them.
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw fail(400, 'Parameters must not contain NUL characters.')
    }
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push(key, item)
    }
  }
}

/**
 * The deepest nesting of `{`/`[` in JSON text, read character by character (strings skipped), so
 * a hostile depth is found without parsing or recursing; stops counting once past `limit`.
 */
export function jsonDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5C) i++
      else if (ch === 0x22) inString = false
    }
    else if (ch === 0x22) {
      inString = true
    }
    else if (ch === 0x7B || ch === 0x5B) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > limit) return deepest
      }
    }
    else if (ch === 0x7D || ch === 0x5D) {
      depth--
    }
  }
  return deepest
}

/** qs with bracket notation; nesting past MAX_FORM_DEPTH answers 400 (qs throws a RangeError for it). */
function parseForm(text: string, what: string): Params {
  let parsed: Params
  try {
    parsed = qs.parse(text, QS_OPTIONS) as Params
  }
  catch (error) {
    if (error instanceof RangeError) throw tooDeep(what, MAX_FORM_DEPTH)
    throw fail(400, `Malformed ${what.toLowerCase()}.`)
  }
  rejectNul(parsed)
  return parsed
}

/** Query string parsed with bracket notation (`name[ctn]=x`, `filter[]=…`). */
export function readQuery(c: Context): Params {
  const url = c.req.url
  const at = url.indexOf('?')
  if (at < 0) return {}
  return parseForm(url.slice(at + 1), 'Query string')
}

/** Body as JSON (when it looks like JSON) or as a form; empty body is `{}`. */
export async function readBody(c: Context): Promise<Params> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  const type = c.req.header('content-type') ?? ''
  const trimmed = text.trimStart()
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (jsonDepth(text) > MAX_JSON_DEPTH) throw tooDeep('Request body', MAX_JSON_DEPTH)
    const parsed = parseJsonLenient(text)
    if (parsed === undefined) throw fail(400, 'Malformed JSON in request body.')
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw fail(400, 'Request body must be a JSON object.')
    rejectNul(parsed)
    return parsed as Params
  }
  if (type !== '' && !type.includes('x-www-form-urlencoded') && !type.startsWith('text/plain'))
    throw fail(415, 'Unsupported Content-Type; send application/json or application/x-www-form-urlencoded.')
  return parseForm(text, 'Request body')
}

/**
 * JSON.parse, retried once without trailing commas: the official "custom parameters"
 * recipe sends `{"progress":"56",}`, which strict JSON rejects.
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text)
  }
  catch {
    try {
      return JSON.parse(stripTrailingCommas(text))
    }
    catch {
      return undefined
    }
  }
}

function stripTrailingCommas(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (inString) {
      out += ch
      if (ch === '\\') { out += text[i + 1] ?? ''; i++ }
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') { inString = true; out += ch; continue }
    if (ch === ',') {
      let j = i + 1
      while (j < text.length && /\s/.test(text[j]!)) j++
      if (text[j] === '}' || text[j] === ']') continue
    }
    out += ch
  }
  return out
}

/** Reject keys outside `allowed`, so typos and unknown operations fail loudly. */
export function onlyKeys(body: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw unknownParam(key)
  }
}

/** A positive safe integer from a number or a digit string, else undefined. */
export function toId(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) {
    const n = Number(value)
    return n > 0 ? n : undefined
  }
  return undefined
}

/**
 * A list of user ids from `"1,2"`, `"1, 2"`, `[1, 2]`, `["1"]` or a qs index object;
 * throws the given error on anything else. Duplicates are dropped, order kept.
 */
export function toIdList(value: unknown, onError: () => HttpError): number[] {
  let items: unknown[]
  if (typeof value === 'string') items = value.trim() === '' ? [] : value.split(',')
  else if (typeof value === 'number') items = [value]
  else if (Array.isArray(value)) items = value
  else if (value !== null && typeof value === 'object' && Object.keys(value).every(k => /^\d+$/.test(k))) items = Object.values(value)
  else throw onError()
  const out: number[] = []
  for (const item of items) {
    const id = toId(item)
    if (id === undefined) throw onError()
    if (!out.includes(id)) out.push(id)
  }
  return out
}

/** 0/1 flag from 0, 1, "0", "1", true, false; undefined when absent; throws otherwise. */
export function toFlag(value: unknown, param: string): 0 | 1 | undefined {
  if (value === undefined) return undefined
  if (value === 1 || value === '1' || value === true || value === 'true') return 1
  if (value === 0 || value === '0' || value === false || value === 'false') return 0
  throw badFormat(param)
}


/** Ids from a `:ids` path segment (`id1,id2`), trimmed and without repeats; 404 when there are none. */
export function pathIds(c: Context): string[] {
  const ids = [...new Set((c.req.param('ids') ?? '').split(',').map(s => s.trim()).filter(Boolean))]
  if (ids.length === 0) throw notFound()
  return ids
}

export type DeleteOutcome = 'deleted' | 'not_found' | 'forbidden'

/**
 * The answer to `DELETE …/:ids`: one id answers 200 with no body (or its 404/403), several the
 * three id lists, each id in exactly one.
 */
export function deleteAnswer(c: Context, results: readonly (readonly [string, DeleteOutcome])[]): Response {
  if (results.length === 1) {
    const outcome = results[0]![1]
    if (outcome === 'not_found') throw notFound()
    if (outcome === 'forbidden') throw forbidden()
    return c.body(null, 200)
  }
  const pick = (outcome: DeleteOutcome) => results.filter(r => r[1] === outcome).map(r => r[0])
  return c.json({
    SuccessfullyDeleted: { ids: pick('deleted') },
    NotFound: { ids: pick('not_found') },
    WrongPermissions: { ids: pick('forbidden') },
  })
}
