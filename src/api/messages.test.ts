import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '@/test/fetch-mock'
import { configureClient, registerSessionGetter } from './client'
import { createMessage, deleteMessages, getMessage, getUnreadCounts, listMessages, markDialogFor, markMessages, MESSAGE_URL_MAX, messageDeleteChunks, updateMessage } from './messages'

const DIALOG = '5d75393ba28f9a17e1cb0f9e'

function objectId(n: number): string {
  return n.toString(16).padStart(24, '0')
}

function message(id: string) {
  return { _id: id, chat_dialog_id: DIALOG, message: 'hi', sender_id: 1, date_sent: 1, read_ids: [], delivered_ids: [], attachments: [] }
}

beforeEach(() => {
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: 1001 }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 2 })
})
afterEach(() => vi.unstubAllGlobals())

describe('listMessages', () => {
  it('sends mark_as_read=0 on every request, with and without filters', async () => {
    const { calls } = mockFetch(() => json({ skip: 0, limit: 100, items: [] }))
    await listMessages({ chatDialogId: DIALOG })
    await listMessages({ chatDialogId: DIALOG, skip: 100, limit: 100, sort: { field: 'date_sent', order: 'desc' }, textContains: 'x', senderId: 1002, sentFrom: 10, sentTo: 20 })
    await listMessages({ chatDialogId: DIALOG, id: objectId(1) })
    expect(calls).toHaveLength(3)
    for (const call of calls)
      expect(call.url.searchParams.get('mark_as_read')).toBe('0')
  })

  it('maps filters onto the documented parameters', async () => {
    const { calls } = mockFetch(() => json({ skip: 0, limit: 100, items: [] }))
    await listMessages({ chatDialogId: DIALOG, skip: 200, limit: 100, sort: { field: 'date_sent', order: 'desc' }, textContains: ' hello ', senderId: 1002, sentFrom: 1700000000, sentTo: 1700086399 })
    expect(calls[0]!.url.pathname).toBe('/api/chat/Message.json')
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({
      'chat_dialog_id': DIALOG,
      'skip': '200',
      'limit': '100',
      'message[ctn]': 'hello',
      'sender_id': '1002',
      'date_sent[gte]': '1700000000',
      'date_sent[lte]': '1700086399',
      'mark_as_read': '0',
      'sort_desc': 'date_sent',
    })
  })

  it('leaves out filters that are not set', async () => {
    const { calls } = mockFetch(() => json({ skip: 0, limit: 100, items: [] }))
    await listMessages({ chatDialogId: DIALOG, textContains: '   ' })
    expect(calls[0]!.url.search).toBe(`?chat_dialog_id=${DIALOG}&mark_as_read=0`)
  })
})

describe('single messages', () => {
  it('gets one by path', async () => {
    const { calls } = mockFetch(() => json(message(objectId(7))))
    expect((await getMessage(objectId(7)))._id).toBe(objectId(7))
    expect(calls[0]!.url.pathname).toBe(`/api/chat/Message/${objectId(7)}.json`)
  })

  it('creates with send_to_chat as JSON', async () => {
    const { calls } = mockFetch(() => json(message(objectId(8)), 201))
    await createMessage({ chat_dialog_id: DIALOG, message: 'Notice', send_to_chat: 1 })
    expect(calls[0]!.method).toBe('POST')
    expect(JSON.parse(calls[0]!.body!)).toEqual({ chat_dialog_id: DIALOG, message: 'Notice', send_to_chat: 1, desk_client_id: expect.stringMatching(/^[\da-f-]{36}$/) })
  })

  it('edits text with the ID in the path and the dialog in the body; empty 200 is fine', async () => {
    const { calls } = mockFetch(() => new Response('', { status: 200 }))
    await updateMessage(objectId(9), { message: 'fixed', chat_dialog_id: DIALOG })
    expect(`${calls[0]!.method} ${calls[0]!.url.pathname}`).toBe(`PUT /api/chat/Message/${objectId(9)}.json`)
    expect(JSON.parse(calls[0]!.body!)).toEqual({ message: 'fixed', chat_dialog_id: DIALOG })
  })
})

describe('markMessages', () => {
  it('follows the four update-message.md recipes', async () => {
    const { calls } = mockFetch(() => new Response('', { status: 200 }))
    await markMessages(DIALOG, 'read', objectId(1))
    await markMessages(DIALOG, 'delivered', objectId(1))
    await markMessages(DIALOG, 'read')
    await markMessages(DIALOG, 'delivered')
    expect(calls.map(c => `${c.method} ${c.url.pathname} ${c.body}`)).toEqual([
      `PUT /api/chat/Message/${objectId(1)}.json {"read":1,"chat_dialog_id":"${DIALOG}"}`,
      `PUT /api/chat/Message/${objectId(1)}.json {"delivered":1,"chat_dialog_id":"${DIALOG}"}`,
      `PUT /api/chat/Message.json {"read":1,"chat_dialog_id":"${DIALOG}"}`,
      `PUT /api/chat/Message.json {"delivered":1,"chat_dialog_id":"${DIALOG}"}`,
    ])
    expect(calls.every(c => c.headers.get('on-behalf-of') === '1001')).toBe(true)
  })
})

describe('deleteMessages', () => {
  it('puts IDs in the path and force=1 in a form body', async () => {
    const answer = { SuccessfullyDeleted: { ids: [objectId(1)] }, NotFound: { ids: [objectId(2)] }, WrongPermissions: { ids: [] } }
    const { calls } = mockFetch(() => json(answer))
    expect(await deleteMessages([objectId(1), objectId(2)], { force: true })).toEqual(answer)
    expect(calls[0]!.url.pathname).toBe(`/api/chat/Message/${objectId(1)},${objectId(2)}.json`)
    expect(calls[0]!.url.search).toBe('')
    expect(calls[0]!.body).toBe('force=1')
    expect(calls[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
  })

  it('sends no body without force and reads an empty answer as null', async () => {
    const { calls } = mockFetch(() => new Response('', { status: 200 }))
    expect(await deleteMessages([objectId(1)])).toBeNull()
    expect(calls[0]!.body).toBeNull()
  })

  it('chunks 1,000 IDs into the fewest paths that stay under the URL limit', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => objectId(i + 1))
    const chunks = messageDeleteChunks(ids)
    expect(chunks.flat()).toEqual(ids)
    const perChunk = chunks[0]!.length
    expect(chunks).toHaveLength(Math.ceil(1000 / perChunk))
    for (const chunk of chunks) {
      const url = `https://api.quickblox.com/chat/Message/${chunk.join(',')}.json`
      expect(url.length).toBeLessThanOrEqual(MESSAGE_URL_MAX)
    }
    // One more ID would not have fitted into the first path.
    expect(`/chat/Message/${[...chunks[0]!, objectId(5000)].join(',')}.json`.length + 200).toBeGreaterThan(MESSAGE_URL_MAX)
  })
})

describe('on behalf of another user', () => {
  it('reads a user\'s messages and unread counts as that user, whoever the session acts as', async () => {
    const { calls } = mockFetch(call => call.url.pathname.endsWith('unread.json') ? json({ total: 3, [DIALOG]: 3 }) : json({ skip: 0, limit: 100, items: [] }))
    await listMessages({ chatDialogId: DIALOG, senderId: 2001 }, undefined, { actAs: 2001 })
    expect(await getUnreadCounts([DIALOG], undefined, { actAs: 2001 })).toEqual({ total: 3, [DIALOG]: 3 })
    expect(calls.map(c => c.headers.get('on-behalf-of'))).toEqual(['2001', '2001'])
    expect(calls[0]!.url.searchParams.get('mark_as_read')).toBe('0')
    expect(calls[1]!.url.searchParams.get('chat_dialog_ids')).toBe(DIALOG)
  })

  it('marks a whole dialog read for a user with PUT /chat/Message.json on their behalf, once', async () => {
    const { calls } = mockFetch(() => new Response(null, { status: 200 }))
    await markDialogFor(2001, DIALOG, 'read')
    await markDialogFor(2001, DIALOG, 'delivered')
    expect(calls.map(c => [c.method, c.url.pathname, c.headers.get('on-behalf-of'), JSON.parse(c.body!)])).toEqual([
      ['PUT', '/api/chat/Message.json', '2001', { read: 1, chat_dialog_id: DIALOG }],
      ['PUT', '/api/chat/Message.json', '2001', { delivered: 1, chat_dialog_id: DIALOG }],
    ])
  })

  it('a lost answer to a mark is reported as safe to repeat, not sent again', async () => {
    const { calls } = mockFetch(() => { throw new TypeError('connection reset') })
    await expect(markDialogFor(2001, DIALOG, 'read')).rejects.toMatchObject({ kind: 'unknown-outcome', repeatable: true })
    expect(calls).toHaveLength(1)
  })
})
