import type { Message, MessageList } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUsers, apiKey, client, putDialog, putMessage, startTestEmulator } from './helpers'

// List, get, create, delete messages and unread counts (rest-contract.md §5).
let emu: TestEmulator
const call = client(() => emu.url)
const GROUP = 'dddddddddddddddddddddd01'
const PUBLIC = 'dddddddddddddddddddddd02'
const mid = (n: number) => `eeeeeeeeeeeeeeeeeeee${n.toString(16).padStart(4, '0')}`

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [1, 2, 3, 9])
  putDialog(emu, { id: GROUP, type: 2, owner: 1, occupants: [1, 2, 3], admins: [3] })
  putDialog(emu, { id: PUBLIC, type: 1, owner: 1, occupants: [] })
  for (let n = 1; n <= 12; n++)
    putMessage(emu, { id: mid(n), dialogId: GROUP, sender: n % 2 ? 1 : 2, text: n === 5 ? 'hello guys' : `message ${n}`, dateSent: 1568000000 + n * 10 })
})
afterAll(() => emu.stop())

async function list(query: string, headers = apiKey()): Promise<MessageList> {
  const r = await call('GET', `/chat/Message.json?chat_dialog_id=${GROUP}&${query}`, { headers })
  expect(r.status, r.text).toBe(200)
  return r.json() as MessageList
}

describe('list messages', () => {
  it('returns {skip, limit, items} oldest first', async () => {
    const l = await list('mark_as_read=0')
    expect(Object.keys(l)).toEqual(['skip', 'limit', 'items'])
    expect(l.items.map(m => m._id)).toEqual(Array.from({ length: 12 }, (_, i) => mid(i + 1)))
    const m = l.items[0]!
    expect(Object.keys(m)).toEqual(['_id', 'attachments', 'chat_dialog_id', 'created_at', 'date_sent', 'delivered_ids', 'message', 'read_ids', 'recipient_id', 'sender_id', 'updated_at', 'read', 'markable'])
    expect(m).toMatchObject({ chat_dialog_id: GROUP, date_sent: 1568000010, sender_id: 1, recipient_id: 0, attachments: [], read: 0 })
  })

  it('pages, sorts and filters', async () => {
    expect((await list('limit=3&skip=2&mark_as_read=0')).items.map(m => m._id)).toEqual([mid(3), mid(4), mid(5)])
    expect((await list('sort_desc=date_sent&limit=1')).items[0]!._id).toBe(mid(12))
    expect((await list('message[ctn]=guys')).items.map(m => m._id)).toEqual([mid(5)])
    expect((await list('sender_id=2')).items).toHaveLength(6)
    expect((await list('sender_id[in]=1,2')).items).toHaveLength(12)
    expect((await list('date_sent[gte]=1568000100&date_sent[lt]=1568000120')).items.map(m => m._id)).toEqual([mid(10), mid(11)])
    expect((await list(`_id=${mid(7)}`)).items.map(m => m._id)).toEqual([mid(7)])
    expect((await list('date_sent[nin]=1568000010,1568000020')).items).toHaveLength(10)
  })

  it('marks retrieved messages as read by default, not with mark_as_read=0', async () => {
    await list('limit=2&mark_as_read=0', apiKey(3))
    expect((await list('limit=2')).items.every(m => m.read_ids.length === 0)).toBe(true)
    const read = await list('limit=2', apiKey(3))
    expect(read.items.map(m => m.read_ids)).toEqual([[3], [3]])
  })

  it('403 for a group dialog the user is not in; 404 for an unknown dialog; 400 without chat_dialog_id', async () => {
    const forbidden = await call('GET', `/chat/Message.json?chat_dialog_id=${GROUP}`, { headers: apiKey(9) })
    expect(forbidden.status).toBe(403)
    expect(forbidden.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
    const missing = await call('GET', '/chat/Message.json?chat_dialog_id=ffffffffffffffffffffffff', { headers: apiKey() })
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('{"errors":["The resource wasn\'t found"]}')
    const none = await call('GET', '/chat/Message.json', { headers: apiKey() })
    expect(none.status).toBe(400)
    expect(none.text).toBe('{"errors":["Parameter \\"chat_dialog_id\\" is required."]}')
  })

  it('count=1 answers the number of messages', async () => {
    const r = await call('GET', `/chat/Message.json?chat_dialog_id=${GROUP}&count=1`, { headers: apiKey() })
    expect(r.text).toBe('{"items":{"count":12}}')
  })
})

describe('get message', () => {
  it('returns one message, 404 for unknown ids', async () => {
    const r = await call('GET', `/chat/Message/${mid(5)}.json`, { headers: apiKey(2) })
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ _id: mid(5), message: 'hello guys' })
    expect((await call('GET', '/chat/Message/ffffffffffffffffffffffff.json', { headers: apiKey() })).status).toBe(404)
    expect((await call('GET', `/chat/Message/${mid(5)}.json`, { headers: apiKey(9) })).status).toBe(403)
  })
})

describe('create message', () => {
  it('creates a message with attachments, markable and custom fields (JSON)', async () => {
    const r = await call('POST', '/chat/Message.json', { headers: apiKey(2), json: {
      chat_dialog_id: GROUP, message: 'look at this photos', send_to_chat: 1, markable: 1,
      attachments: { 0: { type: 'image', id: '47863' }, 1: { type: 'image', id: '47864' } }, is_pinned: false, age: '25',
    } })
    expect(r.status).toBe(201)
    const m = r.json() as Message
    expect(m).toMatchObject({ chat_dialog_id: GROUP, message: 'look at this photos', sender_id: 2, recipient_id: 0, markable: 1, read_ids: [], delivered_ids: [], read: 0, is_pinned: false, age: '25',
      attachments: [{ type: 'image', id: '47863' }, { type: 'image', id: '47864' }] })
    const d = await call('GET', `/chat/Dialog/${GROUP}.json`, { headers: apiKey(1) })
    expect(d.json()).toMatchObject({ last_message: 'look at this photos', last_message_id: m._id, last_message_user_id: 2, last_message_date_sent: m.date_sent })
  })

  it('creates a message from a form body with bracket attachments', async () => {
    const r = await call('POST', '/chat/Message.json', { headers: apiKey(1), form: `chat_dialog_id=${GROUP}&message=form&attachments[0][type]=file&attachments[0][id]=9&attachments[0][size]=120` })
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ message: 'form', attachments: [{ type: 'file', id: '9', size: 120 }] })
  })

  it('creates a private dialog from recipient_id', async () => {
    const r = await call('POST', '/chat/Message.json', { headers: apiKey(1), json: { recipient_id: 9, message: 'hi' } })
    expect(r.status).toBe(201)
    const m = r.json() as Message
    expect(m.recipient_id).toBe(9)
    const d = await call('GET', `/chat/Dialog/${m.chat_dialog_id}.json`, { headers: apiKey(9) })
    expect(d.json()).toMatchObject({ type: 3, occupants_ids: [1, 9], last_message: 'hi', unread_messages_count: 1 })
  })

  it('anyone may post in a public dialog; non-occupants may not post in a group', async () => {
    expect((await call('POST', '/chat/Message.json', { headers: apiKey(9), json: { chat_dialog_id: PUBLIC, message: 'hey' } })).status).toBe(201)
    const r = await call('POST', '/chat/Message.json', { headers: apiKey(9), json: { chat_dialog_id: GROUP, message: 'hey' } })
    expect(r.status).toBe(403)
  })

  it('rejects bad input with 4xx', async () => {
    const cases: [unknown, number, string][] = [
      [{ chat_dialog_id: GROUP, attachments: 'x' }, 400, '{"errors":["Incorrect format for parameter \\"attachments\\"."]}'],
      [{ chat_dialog_id: GROUP, read_ids: [1] }, 400, '{"errors":["Parameter \\"read_ids\\" can\'t be set."]}'],
      [{ chat_dialog_id: GROUP, nested: { a: 1 } }, 400, '{"errors":["Incorrect format for parameter \\"nested\\"."]}'],
      [{ message: 'x' }, 400, '{"errors":["Parameter \\"chat_dialog_id\\" is required."]}'],
      [{ chat_dialog_id: 'nope', message: 'x' }, 404, '{"errors":["The resource wasn\'t found"]}'],
    ]
    for (const [json, status, body] of cases) {
      const r = await call('POST', '/chat/Message.json', { headers: apiKey(1), json })
      expect(r.status).toBe(status)
      expect(r.text).toBe(body)
    }
    const owner = await call('POST', '/chat/Message.json', { headers: apiKey(), json: { chat_dialog_id: GROUP, message: 'x' } })
    expect(owner.status).toBe(403)
    expect(owner.text).toBe('{"errors":{"base":["Forbidden. Need user."]}}')
  })
})

describe('delete messages', () => {
  it('without force hides for the requester only', async () => {
    putMessage(emu, { id: mid(100), dialogId: GROUP, sender: 1 })
    const r = await call('DELETE', `/chat/Message/${mid(100)}.json`, { headers: apiKey(2) })
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    expect((await list(`_id=${mid(100)}&mark_as_read=0`, apiKey(2))).items).toHaveLength(0)
    expect((await list(`_id=${mid(100)}&mark_as_read=0`, apiKey(1))).items).toHaveLength(1)
  })

  it('force=1: the sender, the dialog owner and admins delete for everyone; others get WrongPermissions', async () => {
    for (const n of [101, 102, 103, 104]) putMessage(emu, { id: mid(n), dialogId: GROUP, sender: 1 })
    expect((await call('DELETE', `/chat/Message/${mid(101)}.json`, { headers: apiKey(1), form: 'force=1' })).status).toBe(200)
    expect((await call('DELETE', `/chat/Message/${mid(102)}.json`, { headers: apiKey(3), form: 'force=1' })).status).toBe(200)
    const denied = await call('DELETE', `/chat/Message/${mid(103)}.json`, { headers: apiKey(2), form: 'force=1' })
    expect(denied.status).toBe(403)
    expect(denied.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
    const many = await call('DELETE', `/chat/Message/${mid(103)},${mid(104)},ffffffffffffffffffffffff.json?force=1`, { headers: apiKey(2) })
    expect(many.json()).toEqual({ SuccessfullyDeleted: { ids: [] }, NotFound: { ids: ['ffffffffffffffffffffffff'] }, WrongPermissions: { ids: [mid(103), mid(104)] } })
    const byOwner = await call('DELETE', `/chat/Message/${mid(103)},${mid(104)}.json`, { headers: apiKey(), json: { force: 1 } })
    expect(byOwner.json()).toEqual({ SuccessfullyDeleted: { ids: [mid(103), mid(104)] }, NotFound: { ids: [] }, WrongPermissions: { ids: [] } })
    expect((await list(`_id[in]=${mid(101)},${mid(102)},${mid(103)}&mark_as_read=0`)).items).toHaveLength(0)
  })

  it('deleting the last message moves last_message back', async () => {
    const posted = await call('POST', '/chat/Message.json', { headers: apiKey(1), json: { chat_dialog_id: PUBLIC, message: 'latest' } })
    const id = (posted.json() as Message)._id
    await call('DELETE', `/chat/Message/${id}.json`, { headers: apiKey(1), form: 'force=1' })
    const d = await call('GET', `/chat/Dialog/${PUBLIC}.json`, { headers: apiKey() })
    expect(d.json()).toMatchObject({ last_message: 'hey', last_message_user_id: 9 })
  })
})

describe('unread counts', () => {
  it('returns total and per-dialog counts', async () => {
    const U = 'dddddddddddddddddddddd03'
    putDialog(emu, { id: U, type: 2, owner: 2, occupants: [2, 9] })
    for (let n = 200; n < 203; n++) putMessage(emu, { id: mid(n), dialogId: U, sender: 2 })
    const r = await call('GET', `/chat/Message/unread.json?chat_dialog_ids=${U},${GROUP}`, { headers: apiKey(9) })
    expect(r.status).toBe(200)
    expect(r.json()).toEqual({ total: 4, [U]: 3, [GROUP]: 0 })
    const total = await call('GET', '/chat/Message/unread.json', { headers: apiKey(9) })
    expect(total.text).toBe('{"total":4}')
  })
})

describe('unread counts kept by triggers', () => {
  let fresh: TestEmulator
  const send = client(() => fresh.url)
  const D1 = 'dddddddddddddddddddddd11'
  const D2 = 'dddddddddddddddddddddd12'

  beforeAll(async () => {
    fresh = await startTestEmulator()
    addUsers(fresh, [1, 2, 3])
    putDialog(fresh, { id: D1, type: 2, owner: 1, occupants: [1, 2, 3] })
    putDialog(fresh, { id: D2, type: 2, owner: 1, occupants: [1, 2] })
  })
  afterAll(() => fresh.stop())

  async function post(user: number, dialog: string, text: string): Promise<string> {
    const r = await send('POST', '/chat/Message.json', { headers: apiKey(user), json: { chat_dialog_id: dialog, message: text } })
    expect(r.status, r.text).toBe(201)
    return (r.json() as Message)._id
  }

  /** The user's unread counts of D1 and D2, from the unread endpoint; the dialog list must agree. */
  async function unread(user: number): Promise<[number, number]> {
    const r = await send('GET', `/chat/Message/unread.json?chat_dialog_ids=${D1},${D2}`, { headers: apiKey(user) })
    const counts = r.json() as Record<string, number>
    const listed = (await send('GET', '/chat/Dialog.json', { headers: apiKey(user) })).json() as { items: { _id: string, unread_messages_count: number }[] }
    for (const d of listed.items) expect(d.unread_messages_count, `${d._id} for user ${user}`).toBe(counts[d._id])
    return [counts[D1]!, counts[D2]!]
  }

  /** The kept counts equal the counts of the rows themselves. */
  function expectCountsExact(): void {
    const kept = (table: string, who: string) => fresh.db.prepare(`SELECT dialog_id, ${who} AS who, n FROM ${table} WHERE n != 0 ORDER BY 1, 2`).all()
    const counted = (table: string, who: string) => fresh.db.prepare(`SELECT dialog_id, ${who} AS who, count(*) AS n FROM ${table} GROUP BY 1, 2 ORDER BY 1, 2`).all()
    expect(kept('dialog_message_counts', 'sender_id')).toEqual(counted('messages', 'sender_id'))
    expect(kept('dialog_read_counts', 'user_id')).toEqual(counted('message_reads', 'user_id'))
  }

  it('stay exact through sending, reading, deleting for me, for everyone, and deleting a dialog', async () => {
    const fromOne = [await post(1, D1, 'a'), await post(1, D1, 'b'), await post(1, D1, 'c')]
    const fromTwo = [await post(2, D1, 'd'), await post(2, D1, 'e')]
    await post(2, D2, 'f')
    expect(await unread(3)).toEqual([5, 0])
    expect(await unread(1)).toEqual([2, 1])
    expect(await unread(2)).toEqual([3, 0])
    expectCountsExact()

    // Read one message, then delete another for me only (which marks it read).
    expect((await send('PUT', `/chat/Message/${fromOne[0]}.json`, { headers: apiKey(3), json: { chat_dialog_id: D1, read: 1 } })).status).toBe(200)
    expect((await send('DELETE', `/chat/Message/${fromOne[1]}.json`, { headers: apiKey(3) })).status).toBe(200)
    expect(await unread(3)).toEqual([3, 0])
    expectCountsExact()

    // Deleted for everyone: one that user 3 had read (its read mark goes with it), one they had not.
    expect((await send('DELETE', `/chat/Message/${fromOne[0]},${fromTwo[0]}.json`, { headers: apiKey(), form: 'force=1' })).status).toBe(200)
    expect(await unread(3)).toEqual([2, 0])
    expect(await unread(1)).toEqual([1, 1])
    expectCountsExact()

    // Read everything in D1 at once.
    expect((await send('PUT', '/chat/Message.json', { headers: apiKey(1), json: { chat_dialog_id: D1, read: 1 } })).status).toBe(200)
    expect(await unread(1)).toEqual([0, 1])
    expectCountsExact()

    // Deleting a dialog takes its messages, their read marks and its counts.
    expect((await send('DELETE', `/chat/Dialog/${D1}.json`, { headers: apiKey(), form: 'force=1' })).status).toBe(200)
    expectCountsExact()
    expect(fresh.db.prepare('SELECT count(*) FROM dialog_message_counts WHERE dialog_id = ?').pluck().get(D1)).toBe(0)
    expect(fresh.db.prepare('SELECT count(*) FROM dialog_read_counts WHERE dialog_id = ?').pluck().get(D1)).toBe(0)
    expect(await unread(1)).toEqual([0, 1])
  })
})
