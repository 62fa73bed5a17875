import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { configureClient, registerSessionGetter } from './client'
import { deleteDialogs, getDialog, listDialogs, updateDialog } from './dialogs'
import { getUnreadCounts, listMessages } from './messages'

beforeEach(() => {
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 2 })
})
afterEach(() => vi.unstubAllGlobals())

describe('listDialogs', () => {
  it('maps the typed query onto skip/limit/sort and filters', async () => {
    const { calls } = mockFetch(() => json({ total_entries: 0, skip: 50, limit: 25, items: [] }))
    await listDialogs({
      skip: 50,
      limit: 25,
      sort: { field: 'updated_at', order: 'asc' },
      type: 2,
      nameContains: ' support ',
      occupantsAll: [1001, 1002],
      updatedSince: 1700000000,
      updatedBefore: 1700086399,
      customClass: 'Ticket',
    })
    const url = calls[0]!.url
    expect(url.pathname).toBe('/api/chat/Dialog.json')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'skip': '50',
      'limit': '25',
      'sort_asc': 'updated_at',
      'type': '2',
      'name[ctn]': 'support',
      'occupants_ids[all]': '1001,1002',
      'updated_at[gte]': '1700000000',
      'updated_at[lte]': '1700086399',
      'data[class_name]': 'Ticket',
    })
  })

  it('asks for one dialog by ID and for several types', async () => {
    const { calls } = mockFetch(() => json({ total_entries: 0, skip: 0, limit: 25, items: [] }))
    await listDialogs({ id: '65f1a2b3c4d5e6f708192a3b', typeIn: [1, 2] })
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({ '_id': '65f1a2b3c4d5e6f708192a3b', 'type[in]': '1,2' })
  })

  it('sends no filter that is not set', async () => {
    const { calls } = mockFetch(() => json({ total_entries: 0, skip: 0, limit: 10, items: [] }))
    await listDialogs({ limit: 10, sort: { field: 'last_message_date_sent', order: 'desc' }, nameContains: '  ', occupantsAll: [] })
    expect(calls[0]!.url.search).toBe('?limit=10&sort_desc=last_message_date_sent')
  })

  it('returns the envelope and rejects a foreign one', async () => {
    mockFetch(() => json({ total_entries: 1, skip: 0, limit: 10, items: [makeDialog()] }))
    expect((await listDialogs()).items[0]!._id).toBe('5d75393ba28f9a17e1cb0f9e')
    mockFetch(() => json({ data: [] }))
    await expect(listDialogs()).rejects.toMatchObject({ kind: 'invalid-response' })
  })
})

describe('dialog by ID', () => {
  it('gets, updates and deletes by path', async () => {
    const { calls } = mockFetch(call => call.method === 'DELETE' ? new Response('', { status: 200 }) : json(makeDialog()))
    await getDialog('abc')
    await updateDialog('abc', { name: 'New' })
    expect(await deleteDialogs(['a', 'b'], { force: true })).toBeNull()
    expect(calls.map(c => `${c.method} ${c.url.pathname}`)).toEqual([
      'GET /api/chat/Dialog/abc.json',
      'PUT /api/chat/Dialog/abc.json',
      'DELETE /api/chat/Dialog/a,b.json',
    ])
    expect(JSON.parse(calls[1]!.body!)).toEqual({ name: 'New' })
    expect(calls[2]!.body).toBe('force=1')
    expect(calls[2]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
  })
})

describe('messages', () => {
  it('always lists with mark_as_read=0', async () => {
    const { calls } = mockFetch(() => json({ skip: 0, limit: 100, items: [] }))
    await listMessages({ chatDialogId: 'd1', sort: { field: 'date_sent', order: 'desc' } })
    expect(calls[0]!.url.searchParams.get('mark_as_read')).toBe('0')
    expect(calls[0]!.url.searchParams.get('chat_dialog_id')).toBe('d1')
    expect(calls[0]!.url.searchParams.get('sort_desc')).toBe('date_sent')
  })

  it('asks unread counts with a comma list', async () => {
    const { calls } = mockFetch(() => json({ total: 3, a: 1, b: 2 }))
    expect((await getUnreadCounts(['a', 'b'])).total).toBe(3)
    expect(calls[0]!.url.searchParams.get('chat_dialog_ids')).toBe('a,b')
  })
})
