import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '@/test/fetch-mock'
import { configureClient, parseRetryAfter, registerSessionGetter, registerUnauthorizedHandler, request, toQueryString } from './client'
import { ApiError } from './errors'

let acting: number | null = null

beforeEach(() => {
  acting = null
  registerSessionGetter(() => ({ baseURL: 'http://qb.test/api', apiKey: 'secret-key', actingUserId: acting }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 5, retries: 3, timeoutMs: 1000 })
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  }
  catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected a failure')
}

describe('headers and URL', () => {
  it('sends the API key and no On-Behalf-Of as the account owner', async () => {
    const { calls } = mockFetch(() => json({ ok: true }))
    await request('/chat/Dialog.json')
    expect(calls[0]!.url.href).toBe('http://qb.test/api/chat/Dialog.json')
    expect(calls[0]!.headers.get('authorization')).toBe('ApiKey secret-key')
    expect(calls[0]!.headers.has('on-behalf-of')).toBe(false)
  })

  it('sends On-Behalf-Of when acting as a user, read on every call', async () => {
    const { calls } = mockFetch(() => json({}))
    acting = 1005
    await request('/users.json')
    acting = null
    await request('/users.json')
    expect(calls[0]!.headers.get('on-behalf-of')).toBe('1005')
    expect(calls[1]!.headers.has('on-behalf-of')).toBe(false)
  })

  it('acts as another user for one call (actAs), and a refused key still ends the session', async () => {
    const { calls } = mockFetch((_, i) => i === 0 ? json({}) : json({ errors: ['Unauthorized'] }, 401))
    let refused = 0
    registerUnauthorizedHandler(() => refused++)
    acting = 1005
    await request('/chat/Dialog.json', { actAs: 2001 })
    await failure(request('/chat/Dialog.json', { actAs: 2001 }))
    expect(calls.map(c => c.headers.get('on-behalf-of'))).toEqual(['2001', '2001'])
    expect(refused).toBe(1)
    registerUnauthorizedHandler(() => {})
  })

  it('never puts the key in the URL', async () => {
    const { calls } = mockFetch(() => json({}))
    await request('/chat/Dialog.json', { query: { limit: 1 } })
    expect(calls[0]!.url.href).not.toContain('secret-key')
  })

  it('encodes filters with brackets, repeated array keys and skips empty values', () => {
    const qs = toQueryString({ 'name[ctn]': 'a b&c', 'filter[]': ['number id in 1,2', 'string login eq x'], skip: 0, empty: '', none: undefined })
    const params = new URLSearchParams(qs)
    expect(params.get('name[ctn]')).toBe('a b&c')
    expect(params.getAll('filter[]')).toEqual(['number id in 1,2', 'string login eq x'])
    expect(params.get('skip')).toBe('0')
    expect(params.has('empty')).toBe(false)
    expect(params.has('none')).toBe(false)
  })

  it('sends JSON bodies for writes', async () => {
    const { calls } = mockFetch(() => json({}))
    await request('/chat/Dialog.json', { method: 'POST', body: { type: 2, name: 'x' } })
    expect(calls[0]!.method).toBe('POST')
    expect(calls[0]!.headers.get('content-type')).toContain('application/json')
    expect(JSON.parse(calls[0]!.body!)).toEqual({ type: 2, name: 'x' })
  })
})

describe('answers', () => {
  it('returns undefined for an empty success body', async () => {
    mockFetch(() => new Response('', { status: 200 }))
    expect(await request('/chat/Message/1.json', { method: 'PUT', body: {} })).toBeUndefined()
  })

  it('maps an HTML success to invalid-response', async () => {
    mockFetch(() => new Response('<!doctype html><html></html>', { status: 200, headers: { 'content-type': 'text/html' } }))
    const error = await failure(request('/users.json'))
    expect(error.kind).toBe('invalid-response')
  })

  it('maps an HTTP error body to messages and field errors', async () => {
    mockFetch(() => json({ errors: { name: ['is too long'] } }, 422))
    const error = await failure(request('/chat/Dialog.json', { method: 'POST', body: {} }))
    expect(error).toMatchObject({ kind: 'http', status: 422, fieldErrors: { name: ['is too long'] } })
    expect(error.message).toBe('name is too long')
  })

  it('gives a readable message for an HTML error page', async () => {
    mockFetch(() => new Response('<html>Bad gateway</html>', { status: 404, headers: { 'content-type': 'text/html' } }))
    const error = await failure(request('/x.json'))
    expect(error.status).toBe(404)
    expect(error.messages).toEqual(['Not found (404).'])
  })
})

describe('retries', () => {
  it('retries a GET on 503 and succeeds', async () => {
    const { calls } = mockFetch((_, i) => i < 2 ? json({ errors: ['busy'] }, 503) : json({ ok: 1 }))
    expect(await request('/users.json')).toEqual({ ok: 1 })
    expect(calls).toHaveLength(3)
  })

  it('retries a GET after a network error', async () => {
    const { calls } = mockFetch((_, i) => {
      if (i === 0)
        throw new TypeError('Failed to fetch')
      return json({ ok: 1 })
    })
    expect(await request('/users.json')).toEqual({ ok: 1 })
    expect(calls).toHaveLength(2)
  })

  it('gives up after the configured retries with the last error', async () => {
    const { calls } = mockFetch(() => json({ errors: ['down'] }, 500))
    const error = await failure(request('/users.json'))
    expect(calls).toHaveLength(4)
    expect(error).toMatchObject({ status: 500, messages: ['down'] })
  })

  it('never retries a POST', async () => {
    const { calls } = mockFetch(() => json({ errors: ['busy'] }, 503))
    const error = await failure(request('/chat/Dialog.json', { method: 'POST', body: { type: 2 } }))
    expect(calls).toHaveLength(1)
    expect(error.status).toBe(503)
  })

  it('never retries a POST after a network error', async () => {
    const { calls } = mockFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    const error = await failure(request('/chat/Dialog.json', { method: 'POST', body: { type: 2 } }))
    expect(calls).toHaveLength(1)
    expect(error.kind).toBe('network')
  })

  it('does not retry a 4xx', async () => {
    const { calls } = mockFetch(() => json({ errors: ['Unauthorized'] }, 401))
    const error = await failure(request('/users.json'))
    expect(calls).toHaveLength(1)
    expect(error.messages).toEqual(['Unauthorized'])
  })

  it('honours Retry-After on 429', async () => {
    const started = Date.now()
    const { calls } = mockFetch((_, i) => i === 0 ? json({ errors: ['Too Many Requests'] }, 429, { 'retry-after': '0.2' }) : json({ ok: 1 }))
    await request('/users.json')
    expect(calls).toHaveLength(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(180)
  })

  it('does not wait for a Retry-After longer than the cap', async () => {
    configureClient({ maxRetryAfterMs: 100 })
    const { calls } = mockFetch(() => json({ errors: ['Too Many Requests'] }, 429, { 'retry-after': '60' }))
    const error = await failure(request('/users.json'))
    expect(calls).toHaveLength(1)
    expect(error.status).toBe(429)
    configureClient({ maxRetryAfterMs: 30_000 })
  })

  it('a write turned away with 429 is not retried, and the error carries how long to wait', async () => {
    const { calls } = mockFetch(() => json({ errors: ['Too Many Requests'] }, 429, { 'retry-after': '2' }))
    const error = await failure(request('/chat/Dialog/x.json', { method: 'PUT', body: {} }))
    expect(calls).toHaveLength(1)
    expect([error.status, error.retryAfterMs]).toEqual([429, 2000])
  })

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 5_000)).toBe(5000)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
  })
})

describe('abort and timeout', () => {
  it('passes the abort signal through and reports abort', async () => {
    const { calls } = mockFetch(() => new Promise<Response>(() => {}))
    const controller = new AbortController()
    const pending = request('/users.json', { signal: controller.signal })
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    controller.abort()
    const error = await failure(pending)
    expect(error.kind).toBe('abort')
    expect(calls).toHaveLength(1)
  })

  it('does not start when already aborted', async () => {
    mockFetch(() => json({}))
    const controller = new AbortController()
    controller.abort()
    expect((await failure(request('/users.json', { signal: controller.signal }))).kind).toBe('abort')
  })

  it('stops waiting between retries when aborted', async () => {
    configureClient({ baseDelayMs: 10_000, maxDelayMs: 10_000 })
    const { calls } = mockFetch(() => json({}, 503))
    const controller = new AbortController()
    const pending = request('/users.json', { signal: controller.signal })
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    controller.abort()
    expect((await failure(pending)).kind).toBe('abort')
  })

  it('reports a timeout', async () => {
    configureClient({ retries: 0 })
    mockFetch(() => new Promise<Response>(() => {}))
    const error = await failure(request('/users.json', { timeout: 20 }))
    expect(error.kind).toBe('timeout')
  })
})

describe('secrets', () => {
  it('keeps the request headers out of errors', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    configureClient({ retries: 0 })
    const error = await failure(request('/users.json'))
    const seen = new Set<unknown>()
    function dump(value: unknown, depth = 0): string {
      if (depth > 4 || value === null || typeof value !== 'object' || seen.has(value))
        return String(value)
      seen.add(value)
      const own = Object.getOwnPropertyNames(value).map(k => `${k}:${dump((value as Record<string, unknown>)[k], depth + 1)}`)
      return own.join(',')
    }
    expect(dump(error)).not.toContain('secret-key')
    expect(error.message).not.toContain('secret-key')
  })
})
