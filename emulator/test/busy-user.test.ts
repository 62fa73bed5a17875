import type { DialogList, MessageList, UnreadCounts, UserList } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addBusyUser, BUSY_USER, messageCounts } from '../fixtureBusyUser'
import { apiKey, client, startTestEmulator } from './helpers'

// The `busy-user` fixture (`--fixture busy-user`) and the reads the user page makes over it:
// their dialogs on their behalf, unread counts per dialog, their messages by `sender_id`.
let emu: TestEmulator
const call = client(() => emu.url)
const U = BUSY_USER.id

beforeAll(async () => {
  emu = await startTestEmulator()
  const started = performance.now()
  addBusyUser(emu.db)
  // Generous for a loaded CI machine; about 1 s on an idle one.
  expect(performance.now() - started).toBeLessThan(20_000)
})
afterAll(() => emu.stop())

async function get<T>(path: string, as?: number): Promise<T> {
  const reply = await call('GET', path, { headers: apiKey(as) })
  expect(reply.status, reply.text).toBe(200)
  return reply.json() as T
}

describe('busy-user fixture', () => {
  it('splits exactly 50,000 messages unevenly over 500 dialogs', () => {
    const counts = messageCounts(500, 50_000)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(50_000)
    expect(Math.min(...counts)).toBeGreaterThan(0)
    expect(Math.max(...counts)).toBeGreaterThan(150)
    const n = emu.db.prepare('SELECT count(*) AS n FROM messages WHERE sender_id = ?').get(U) as { n: number }
    expect(n.n).toBe(50_000)
  })

  it('lists their 500 dialogs on their behalf, newest activity first, with owner, admin and private ones', async () => {
    const first = await get<DialogList>('/chat/Dialog.json?limit=100&sort_desc=last_message_date_sent', U)
    expect(first.total_entries).toBe(500)
    const dates = first.items.map(d => d.last_message_date_sent!)
    expect(dates).toEqual([...dates].sort((a, b) => b - a))
    const all = [first]
    for (let skip = 100; skip < 500; skip += 100)
      all.push(await get<DialogList>(`/chat/Dialog.json?limit=100&skip=${skip}&sort_desc=last_message_date_sent`, U))
    const dialogs = all.flatMap(p => p.items)
    expect(new Set(dialogs.map(d => d._id)).size).toBe(500)
    expect(dialogs.filter(d => d.type === 3)).toHaveLength(50)
    expect(dialogs.filter(d => d.type === 2 && d.user_id === U).length).toBeGreaterThan(20)
    expect(dialogs.filter(d => d.admin_ids.includes(U)).length).toBeGreaterThan(20)
    expect(dialogs.every(d => d.occupants_ids.includes(U))).toBe(true)
  })

  it('answers unread counts per dialog on their behalf, equal to the list\'s own counts', async () => {
    const page = await get<DialogList>('/chat/Dialog.json?limit=100&sort_desc=last_message_date_sent', U)
    const ids = page.items.map(d => d._id)
    const unread = await get<UnreadCounts>(`/chat/Message/unread.json?chat_dialog_ids=${ids.join(',')}`, U)
    for (const d of page.items)
      expect(unread[d._id]).toBe(d.unread_messages_count)
    expect(page.items.some(d => d.unread_messages_count === 5)).toBe(true)
    expect(page.items.some(d => d.unread_messages_count === 0)).toBe(true)
  })

  it('finds their messages in a dialog by sender_id, newest first, without marking anything read', async () => {
    const page = await get<DialogList>('/chat/Dialog.json?limit=1&sort_desc=last_message_date_sent', U)
    const dialog = page.items[0]!
    const before = await get<UnreadCounts>(`/chat/Message/unread.json?chat_dialog_ids=${dialog._id}`, U)
    const list = await get<MessageList>(`/chat/Message.json?chat_dialog_id=${dialog._id}&sender_id=${U}&sort_desc=date_sent&limit=100&mark_as_read=0`, U)
    expect(list.items.length).toBeGreaterThan(0)
    expect(list.items.every(m => m.sender_id === U)).toBe(true)
    const others = await get<MessageList>(`/chat/Message.json?chat_dialog_id=${dialog._id}&sender_id[ne]=${U}&limit=100&mark_as_read=0`, U)
    expect(others.items.length).toBe(BUSY_USER.othersPerDialog)
    const after = await get<UnreadCounts>(`/chat/Message/unread.json?chat_dialog_ids=${dialog._id}`, U)
    expect(after).toEqual(before)
  })

  it('is found by login, tag and full name, and sorts users by the `order` asked', async () => {
    const byLogin = await get<UserList>(`/users.json?filter[]=${encodeURIComponent('string login eq busy.user')}`)
    expect(byLogin.items.map(i => i.user.id)).toEqual([U])
    const byTag = await get<UserList>('/users/by_tags.json?tags=vip&per_page=100')
    expect(byTag.items.map(i => i.user.id)).toContain(U)
    const peers = await get<UserList>(`/users.json?per_page=5&order=${encodeURIComponent('desc number id')}`)
    expect(peers.items.map(i => i.user.id)).toEqual([300_061, 300_060, 300_059, 300_058, 300_057])
  })

  it('is applied once', () => {
    expect(addBusyUser(emu.db)).toBe(U)
    const n = emu.db.prepare('SELECT count(*) AS n FROM dialog_occupants WHERE user_id = ?').get(U) as { n: number }
    expect(n.n).toBe(500)
  })
})
