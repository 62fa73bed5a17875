import type { Message } from '@/api/types'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, mockFetch } from '@/test/fetch-mock'
import { useActivityStore } from './activity'
import { matchesFilters, NO_FILTERS, olderCursor, upperBound, useMessagesStore } from './messages'
import { useSessionStore } from './session'

const DIALOG = '672c8eec5eedda7a00000001'

function oid(n: number): string {
  return `aa${n.toString(16).padStart(22, '0')}`
}

function msg(n: number, overrides: Partial<Message> = {}): Message {
  return {
    _id: oid(n),
    chat_dialog_id: DIALOG,
    created_at: null,
    updated_at: null,
    date_sent: 1_700_000_000 + n,
    sender_id: 1002,
    recipient_id: 0,
    message: `m${n}`,
    read_ids: [],
    delivered_ids: [],
    attachments: [],
    read: 0,
    ...overrides,
  }
}

/** A dialog of `count` messages answering GET /chat/Message.json like the emulator (desc, lte, skip). */
function serveDialog(all: Message[]) {
  return mockFetch((call) => {
    const q = call.url.searchParams
    let rows = [...all].sort((a, b) => b.date_sent - a.date_sent || b._id.localeCompare(a._id))
    const lte = q.get('date_sent[lte]')
    if (lte !== null)
      rows = rows.filter(m => m.date_sent <= Number(lte))
    const id = q.get('_id')
    if (id !== null)
      rows = rows.filter(m => m._id === id)
    const skip = Number(q.get('skip') ?? 0)
    const limit = Number(q.get('limit') ?? 100)
    return json({ skip, limit, items: rows.slice(skip, skip + limit) })
  })
}

beforeEach(() => {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.apiKey = 'k'
  session.actingUserId = 1001
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: session.actingUserId }))
})
afterEach(() => vi.unstubAllGlobals())

describe('helpers', () => {
  it('olderCursor skips what is loaded of the oldest second', () => {
    expect(olderCursor([])).toBeNull()
    const items = [msg(3), msg(2, { date_sent: 5 }), msg(1, { date_sent: 5 })]
    expect(olderCursor(items)).toEqual({ sentTo: 5, skip: 2 })
  })

  it('upperBound takes the tighter of the filter end and the jump point', () => {
    expect(upperBound(NO_FILTERS)).toBeUndefined()
    expect(upperBound({ ...NO_FILTERS, to: 50, at: 30 })).toBe(30)
    expect(upperBound({ ...NO_FILTERS, to: 20, at: 30 })).toBe(20)
  })

  it('matchesFilters judges like the server', () => {
    const m = msg(1, { message: 'Hello World', sender_id: 7, date_sent: 100 })
    expect(matchesFilters(m, NO_FILTERS)).toBe(true)
    expect(matchesFilters(m, { ...NO_FILTERS, text: 'world' })).toBe(true)
    expect(matchesFilters(m, { ...NO_FILTERS, text: 'nope' })).toBe(false)
    expect(matchesFilters(m, { ...NO_FILTERS, senderId: 8 })).toBe(false)
    expect(matchesFilters(m, { ...NO_FILTERS, from: 101 })).toBe(false)
    expect(matchesFilters(m, { ...NO_FILTERS, to: 99 })).toBe(false)
  })
})

describe('messages store: browsing', () => {
  it('loads newest first and pages back by date without gaps or repeats; never marks read', async () => {
    // 250 messages, several sharing a second, so keyset paging has to skip within a second.
    const all = Array.from({ length: 250 }, (_, i) => msg(i, { date_sent: 1_700_000_000 + Math.floor(i / 3) }))
    const { calls } = serveDialog(all)
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    expect(store.items).toHaveLength(100)
    expect(store.reachedEnd).toBe(false)
    await store.loadOlder()
    await store.loadOlder()
    expect(store.reachedEnd).toBe(true)
    await store.loadOlder()
    expect(calls).toHaveLength(3)
    expect(new Set(store.items.map(m => m._id)).size).toBe(250)
    const sent = store.items.map(m => m.date_sent)
    expect(sent).toEqual([...sent].sort((a, b) => b - a))
    expect(calls.every(c => c.url.searchParams.get('mark_as_read') === '0')).toBe(true)
    expect(calls[1]!.url.searchParams.get('date_sent[lte]')).toBe(String(store.items[99]!.date_sent))
  })

  it('sends the filters and the jump point to the server', async () => {
    const { calls } = serveDialog([])
    const store = useMessagesStore()
    await store.load(DIALOG, { text: 'hi', senderId: 1003, from: 10, to: 500, at: 400 })
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toMatchObject({
      'message[ctn]': 'hi',
      'sender_id': '1003',
      'date_sent[gte]': '10',
      'date_sent[lte]': '400',
      'sort_desc': 'date_sent',
      'mark_as_read': '0',
    })
    expect(store.reachedEnd).toBe(true)
  })

  it('locates one message by its ID without marking it read, null when it is gone', async () => {
    const { calls } = serveDialog(Array.from({ length: 5 }, (_, i) => msg(i + 1)))
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    expect((await store.locate(oid(3)))?._id).toBe(oid(3))
    expect(await store.locate(oid(99))).toBeNull()
    expect(calls.at(-1)!.url.searchParams.get('_id')).toBe(oid(99))
    expect(calls.every(c => c.url.searchParams.get('mark_as_read') === '0')).toBe(true)
  })

  it('keeps the error of a failed load', async () => {
    mockFetch(() => json({ errors: ['The resource wasn\'t found'] }, 404))
    const store = useMessagesStore()
    await expect(store.load(DIALOG, NO_FILTERS)).rejects.toThrow()
    expect(store.error?.status).toBe(404)
    expect(store.loading).toBe(false)
  })
})

describe('messages store: changes', () => {
  it('edits text with the recipe, keeps it locally and records before/after', async () => {
    const all = [msg(1)]
    const { calls } = mockFetch(call => call.method === 'PUT' ? new Response('', { status: 200 }) : json({ skip: 0, limit: 100, items: all }))
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    await store.editText(store.items[0]!, 'fixed')
    expect(calls[1]!.url.pathname).toBe(`/api/chat/Message/${oid(1)}.json`)
    expect(JSON.parse(calls[1]!.body!)).toEqual({ message: 'fixed', chat_dialog_id: DIALOG })
    expect(store.items[0]!.message).toBe('fixed')
    const entry = useActivityStore().entries[0]!
    expect(entry).toMatchObject({ action: 'message.update', before: { message: 'm1' }, after: { message: 'fixed' }, result: 'success' })
  })

  it('marks one message and re-reads it with mark_as_read=0; marks all locally', async () => {
    let readIds: number[] = []
    const { calls } = mockFetch((call) => {
      if (call.method === 'PUT') {
        readIds = [1001]
        return new Response('', { status: 200 })
      }
      return json({ skip: 0, limit: 100, items: [msg(1, { read_ids: readIds }), msg(2, { sender_id: 1001 })] })
    })
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    await store.mark('read', store.items[0])
    expect(calls[1]!.url.pathname).toBe(`/api/chat/Message/${oid(1)}.json`)
    expect(calls[2]!.url.searchParams.get('_id')).toBe(oid(1))
    expect(calls[2]!.url.searchParams.get('mark_as_read')).toBe('0')
    expect(store.items[0]!.read_ids).toEqual([1001])
    await store.mark('delivered')
    expect(calls[3]!.url.pathname).toBe('/api/chat/Message.json')
    expect(JSON.parse(calls[3]!.body!)).toEqual({ delivered: 1, chat_dialog_id: DIALOG })
    expect(store.items[0]!.delivered_ids).toEqual([1001])
    // The acting user's own message never lists them.
    expect(store.items[1]!.delivered_ids).toEqual([])
    expect(useActivityStore().entries.map(e => e.action)).toEqual(['message.delivered', 'message.read'])
  })

  it('deletes 1,000 messages in ceil(1000 / per-path) requests, reports progress and merges the answers', async () => {
    const all = Array.from({ length: 1000 }, (_, i) => msg(i))
    const deletes: string[][] = []
    mockFetch((call) => {
      if (call.method !== 'DELETE')
        return json({ skip: 0, limit: 100, items: all.slice(0, 100) })
      const ids = call.url.pathname.replace('/api/chat/Message/', '').replace('.json', '').split(',')
      deletes.push(ids)
      expect(call.body).toBe('force=1')
      const [notFound, ...rest] = ids
      return json({ SuccessfullyDeleted: { ids: rest }, NotFound: { ids: [notFound] }, WrongPermissions: { ids: [] } })
    })
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    const progress: number[] = []
    const result = await store.remove(all.map(m => m._id), { force: true }, p => progress.push(p.done))
    const perPath = Math.max(...deletes.map(d => d.length))
    expect(deletes).toHaveLength(Math.ceil(1000 / perPath))
    expect(progress.at(-1)).toBe(1000)
    expect(result.NotFound.ids).toHaveLength(deletes.length)
    expect(result.SuccessfullyDeleted.ids).toHaveLength(1000 - deletes.length)
    expect(store.items).toHaveLength(0)
    const entry = useActivityStore().entries[0]!
    expect(entry).toMatchObject({ action: 'message.delete', result: 'partial' })
    expect(entry.target.ids).toHaveLength(1000)
  })

  it('reads a single-ID 404/403 as not found / refused', async () => {
    mockFetch((call) => {
      if (call.method !== 'DELETE')
        return json({ skip: 0, limit: 100, items: [msg(1), msg(2)] })
      return call.url.pathname.includes(oid(1)) ? json({ errors: ['The resource wasn\'t found'] }, 404) : json({ errors: ['nope'] }, 403)
    })
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    expect((await store.remove([oid(1)], { force: false })).NotFound.ids).toEqual([oid(1)])
    expect((await store.remove([oid(2)], { force: false })).WrongPermissions.ids).toEqual([oid(2)])
    expect(store.items.map(m => m._id)).toEqual([oid(2)])
  })

  it('sends with send_to_chat=1 and shows the new message first when it matches', async () => {
    const { calls } = mockFetch(call => call.method === 'POST'
      ? json(msg(9, { message: 'Notice', sender_id: 1001, date_sent: 1_800_000_000 }), 201)
      : json({ skip: 0, limit: 100, items: [msg(1)] }))
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    await store.send('Notice')
    // The client id lets a lost answer be settled by finding the message (api/writes.ts).
    expect(JSON.parse(calls[1]!.body!)).toEqual({ chat_dialog_id: DIALOG, message: 'Notice', send_to_chat: 1, desk_client_id: expect.stringMatching(/^[\w-]{16,}$/) })
    expect(store.items[0]!.message).toBe('Notice')
    expect(useActivityStore().entries[0]!.action).toBe('message.create')
  })

  it('records a failed edit with the server error and keeps the old text', async () => {
    mockFetch(call => call.method === 'PUT'
      ? json({ errors: ['You don\'t have appropriate permissions to perform this operation'] }, 403)
      : json({ skip: 0, limit: 100, items: [msg(1)] }))
    const store = useMessagesStore()
    await store.load(DIALOG, NO_FILTERS)
    await expect(store.editText(store.items[0]!, 'x')).rejects.toThrow()
    expect(store.items[0]!.message).toBe('m1')
    expect(useActivityStore().entries[0]).toMatchObject({ result: 'failure', status: 403 })
  })
})
