import type { RecordedCall } from '@/test/fetch-mock'
import type { OutcomeEvent } from './writes'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { configureClient, registerSessionGetter } from './client'
import { createDialog, deleteDialogs, matchesCreated, showsUpdate, updateDialog } from './dialogs'
import { ApiError } from './errors'
import { CLIENT_ID_FIELD, createMessage, markMessages, updateMessage } from './messages'
import { configureWrites, forgetUnresolvedWrites, mayHaveLanded, registerOutcomeListener } from './writes'

const DIALOG = '5d75393ba28f9a17e1cb0f9e'
const events: OutcomeEvent[] = []

/** What a connection reset looks like to fetch. */
function reset(): never {
  throw new TypeError('Failed to fetch')
}

function message(overrides: Record<string, unknown> = {}) {
  return { _id: 'm1', chat_dialog_id: DIALOG, message: 'hi', sender_id: 1001, date_sent: 1, read_ids: [], delivered_ids: [], attachments: [], ...overrides }
}

const posts = (calls: RecordedCall[]) => calls.filter(c => c.method === 'POST')

beforeEach(() => {
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: 1001 }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 2, retries: 0 })
  configureWrites({ settleMs: 0 })
  events.length = 0
  registerOutcomeListener(e => events.push(e))
  forgetUnresolvedWrites()
})
afterEach(() => vi.unstubAllGlobals())

describe('mayHaveLanded', () => {
  it('is true for writes with no answer or a gateway/server error, false for refusals and reads', () => {
    expect(mayHaveLanded(new ApiError({ kind: 'network', method: 'POST' }))).toBe(true)
    expect(mayHaveLanded(new ApiError({ kind: 'timeout', method: 'PUT' }))).toBe(true)
    expect(mayHaveLanded(new ApiError({ kind: 'http', status: 502, method: 'PUT' }))).toBe(true)
    expect(mayHaveLanded(new ApiError({ kind: 'http', status: 503, method: 'PUT' }))).toBe(false)
    expect(mayHaveLanded(new ApiError({ kind: 'http', status: 422, method: 'POST' }))).toBe(false)
    expect(mayHaveLanded(new ApiError({ kind: 'network', method: 'GET' }))).toBe(false)
    expect(mayHaveLanded(new Error('x'))).toBe(false)
  })
})

describe('a message whose answer was lost', () => {
  it('is found by its client id and not sent again', async () => {
    let stored: Record<string, unknown> | null = null
    const { calls } = mockFetch((call) => {
      if (call.method === 'POST') {
        stored = message({ [CLIENT_ID_FIELD]: JSON.parse(call.body!)[CLIENT_ID_FIELD] })
        reset()
      }
      return json({ skip: 0, limit: 100, items: stored ? [message({ _id: 'other' }), stored] : [] })
    })
    const sent = await createMessage({ chat_dialog_id: DIALOG, message: 'hi', send_to_chat: 1 })
    expect(sent._id).toBe('m1')
    expect(posts(calls)).toHaveLength(1)
    const check = calls.find(c => c.method === 'GET')!
    expect(check.url.searchParams.get('sender_id')).toBe('1001')
    expect(check.url.searchParams.get('mark_as_read')).toBe('0')
    expect(check.url.searchParams.get('sort_desc')).toBe('date_sent')
    expect(events.map(e => e.phase)).toEqual(['landed'])
  })

  it('that did not land says so, and a second send reuses the client id after checking again', async () => {
    let attempt = 0
    const { calls } = mockFetch((call) => {
      if (call.method === 'POST') {
        attempt++
        if (attempt === 1)
          reset()
        return json(message({ [CLIENT_ID_FIELD]: JSON.parse(call.body!)[CLIENT_ID_FIELD] }), 201)
      }
      return json({ skip: 0, limit: 100, items: [] })
    })
    const input = { chat_dialog_id: DIALOG, message: 'hi', send_to_chat: 1 as const }
    await expect(createMessage(input)).rejects.toMatchObject({ kind: 'not-applied' })
    expect(events.map(e => e.phase)).toEqual(['not-applied'])
    await createMessage(input)
    const [first, second] = posts(calls)
    expect(JSON.parse(second!.body!)[CLIENT_ID_FIELD]).toBe(JSON.parse(first!.body!)[CLIENT_ID_FIELD])
    // POST, check, check again before the repeat, POST
    expect(calls.map(c => c.method)).toEqual(['POST', 'GET', 'GET', 'POST'])
    // Sent and answered: the same words again are a new message.
    await createMessage(input)
    expect(JSON.parse(posts(calls)[2]!.body!)[CLIENT_ID_FIELD]).not.toBe(JSON.parse(first!.body!)[CLIENT_ID_FIELD])
  })

  it('that cannot be checked is unknown, and the repeat checks before it sends', async () => {
    let online = false
    const { calls } = mockFetch((call) => {
      if (!online)
        reset()
      if (call.method === 'GET')
        return json({ skip: 0, limit: 100, items: [message({ [CLIENT_ID_FIELD]: 'x' })] })
      return json(message(), 201)
    })
    const input = { chat_dialog_id: DIALOG, message: 'hi' }
    const error = await createMessage(input).catch(e => e as ApiError)
    expect(error).toMatchObject({ kind: 'unknown-outcome', repeatable: false })
    expect((error as ApiError).message).toMatch(/couldn't confirm whether this went through/)
    online = true
    await createMessage(input)
    expect(calls.map(c => c.method)).toEqual(['POST', 'GET', 'GET', 'POST'])
  })

  it('a refusal is a plain failure: nothing is checked', async () => {
    const { calls } = mockFetch(() => json({ errors: ['Forbidden'] }, 403))
    await expect(createMessage({ chat_dialog_id: DIALOG, message: 'hi' })).rejects.toMatchObject({ kind: 'http', status: 403 })
    expect(calls).toHaveLength(1)
    expect(events).toEqual([])
  })
})

describe('an edit whose answer was lost', () => {
  it('reads the message back and accepts the new text', async () => {
    const { calls } = mockFetch((call) => {
      if (call.method === 'PUT')
        reset()
      return json({ skip: 0, limit: 1, items: [message({ message: 'fixed' })] })
    })
    await updateMessage('m1', { chat_dialog_id: DIALOG, message: 'fixed' })
    expect(calls.map(c => c.method)).toEqual(['PUT', 'GET'])
    expect(calls[1]!.url.searchParams.get('_id')).toBe('m1')
  })
})

describe('repeatable writes', () => {
  it('say that repeating is safe instead of checking', async () => {
    const { calls } = mockFetch(() => reset())
    const error = await markMessages(DIALOG, 'read').catch(e => e as ApiError)
    expect(error).toMatchObject({ kind: 'unknown-outcome', repeatable: true })
    expect((error as ApiError).message).toMatch(/Doing it again is safe/)
    await expect(deleteDialogs([DIALOG])).rejects.toMatchObject({ kind: 'unknown-outcome', repeatable: true })
    expect(calls).toHaveLength(2)
    expect(events.map(e => e.phase)).toEqual(['repeatable', 'repeatable'])
  })
})

describe('a dialog whose creation answer was lost', () => {
  it('is looked up by type, name, occupants and creation time', async () => {
    const now = new Date().toISOString()
    const { calls } = mockFetch((call) => {
      if (call.method === 'POST')
        reset()
      return json({
        total_entries: 2,
        skip: 0,
        limit: 100,
        items: [
          makeDialog({ _id: 'a'.repeat(24), name: 'Support', occupants_ids: [1001, 1002, 1009], created_at: now }),
          makeDialog({ _id: 'b'.repeat(24), name: 'Support', occupants_ids: [1001, 1002, 1003], created_at: now }),
        ],
      })
    })
    const created = await createDialog({ type: 2, name: 'Support', occupants_ids: '1002,1003' })
    expect(created._id).toBe('b'.repeat(24))
    const check = calls[1]!.url.searchParams
    expect(check.get('type')).toBe('2')
    expect(check.get('name[ctn]')).toBe('Support')
    expect(check.get('occupants_ids[all]')).toBe('1002,1003')
    expect(Number(check.get('created_at[gte]'))).toBeGreaterThan(Date.now() / 1000 - 700)
    expect(posts(calls)).toHaveLength(1)
  })

  it('matches only what that create would have made', () => {
    const since = Date.parse('2024-01-01T00:00:00Z')
    const d = makeDialog({ name: ' Team ', occupants_ids: [1001, 1002], created_at: '2024-01-01T00:00:05Z' }) as Parameters<typeof matchesCreated>[0]
    expect(matchesCreated(d, { type: 2, name: 'Team', occupants_ids: [1002] }, 1001, since)).toBe(true)
    expect(matchesCreated(d, { type: 2, name: 'Team', occupants_ids: [1002, 1003] }, 1001, since)).toBe(false)
    expect(matchesCreated(d, { type: 2, name: 'Other', occupants_ids: [1002] }, 1001, since)).toBe(false)
    expect(matchesCreated(d, { type: 1, name: 'Team', occupants_ids: [1002] }, 1001, since)).toBe(false)
    expect(matchesCreated(d, { type: 2, name: 'Team', occupants_ids: [1002] }, 1001, since + 60_000)).toBe(false)
  })
})

describe('an update whose answer was lost', () => {
  it('is accepted when the dialog read back shows every change', async () => {
    const { calls } = mockFetch((call) => {
      if (call.method === 'PUT')
        reset()
      return json(makeDialog({ name: 'Help desk', occupants_ids: [1001, 1002, 1005] }))
    })
    const updated = await updateDialog(DIALOG, { name: 'Help desk', push_all: { occupants_ids: [1005] } })
    expect(updated.name).toBe('Help desk')
    expect(calls.map(c => c.method)).toEqual(['PUT', 'GET'])
  })

  it('is not-applied when the dialog does not show it', async () => {
    mockFetch((call) => {
      if (call.method === 'PUT')
        return json({ errors: ['Bad gateway'] }, 502)
      return json(makeDialog({ name: 'Team' }))
    })
    await expect(updateDialog(DIALOG, { name: 'Help desk' })).rejects.toMatchObject({ kind: 'not-applied' })
  })

  it('compares what was sent, trimmed, with what the server shows', () => {
    const d = makeDialog({ name: 'Help ', admin_ids: [1002], data: { class_name: 'C', tier: '2' } }) as Parameters<typeof showsUpdate>[0]
    expect(showsUpdate(d, { name: 'Help' })).toBe(true)
    expect(showsUpdate(d, { push_all: { admin_ids: [1002] } })).toBe(true)
    expect(showsUpdate(d, { pull_all: { admin_ids: [1002] } })).toBe(false)
    expect(showsUpdate(d, { data: { class_name: 'C', tier: 2 } })).toBe(true)
    expect(showsUpdate(d, { data: { class_name: 'C', tier: 3 } })).toBe(false)
    expect(showsUpdate(d, { is_join_required: 1 })).toBe(false)
  })
})
