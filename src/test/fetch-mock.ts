import { vi } from 'vitest'

export interface RecordedCall {
  url: URL
  method: string
  headers: Headers
  body: string | null
}

export type Responder = (call: RecordedCall, index: number) => Response | Promise<Response>

/** JSON response helper. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })
}

/** Replaces global fetch; records every call. */
export function mockFetch(responder: Responder) {
  const calls: RecordedCall[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const call: RecordedCall = {
      url: new URL(raw, 'http://test.local'),
      method: (init?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    }
    calls.push(call)
    const signal = init?.signal
    if (signal?.aborted)
      throw signal.reason ?? new DOMException('Aborted', 'AbortError')
    const response = responder(call, calls.length - 1)
    if (!signal)
      return response
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError')), { once: true })
      Promise.resolve(response).then(resolve, reject)
    })
  })
  vi.stubGlobal('fetch', fn)
  return { calls, fn }
}

/** A dialog with plausible defaults. */
export function makeDialog(overrides: Record<string, unknown> = {}) {
  return {
    _id: '5d75393ba28f9a17e1cb0f9e',
    user_id: 1001,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-02T00:00:00Z',
    type: 2,
    name: 'Team',
    photo: null,
    xmpp_room_jid: null,
    occupants_ids: [1001, 1002],
    admin_ids: [],
    last_message: 'hi',
    last_message_date_sent: 1704153600,
    last_message_id: null,
    last_message_user_id: 1001,
    unread_messages_count: 0,
    is_join_required: 0,
    ...overrides,
  }
}

export function makeUser(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    full_name: `User ${id}`,
    email: null,
    login: `user${id}`,
    phone: null,
    website: null,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    last_request_at: null,
    external_user_id: null,
    facebook_id: null,
    blob_id: null,
    custom_data: null,
    user_tags: null,
    ...overrides,
  }
}
