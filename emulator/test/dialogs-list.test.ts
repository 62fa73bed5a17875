import type { Dialog, DialogList } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { addUsers, apiKey, client, putDialog, startTestEmulator } from './helpers'

// List, get and delete dialogs (rest-contract.md §4).
let emu: TestEmulator
const call = client(() => emu.url)
const id = (n: number) => `5d75393ba28f9a17e1cb${n.toString(16).padStart(4, '0')}`

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [1, 2, 3, 4, 5])
  // 1..6: group dialogs of user 1 (2 with user 2); 7,8: public; 9: private 1-3; 10: group without user 1.
  for (let n = 1; n <= 10; n++) {
    const type = n <= 6 || n === 10 ? 2 : n <= 8 ? 1 : 3
    const occupants = type === 1 ? [] : n === 9 ? [1, 3] : n === 10 ? [4, 5] : n <= 2 ? [1, 2] : [1, 4]
    putDialog(emu, { id: id(n), type, owner: occupants[0] ?? 5, occupants, name: n % 2 ? `Alpha team ${n}` : `Beta crew ${n}`,
      data: n === 3 || n === 4 ? { class_name: 'CoolDialog', floor: String(n) } : n === 5 ? { class_name: 'Other', floor: '3' } : undefined })
    emu.db.prepare('UPDATE dialogs SET last_message = ?, last_message_date_sent = ?, created_at = ?, updated_at = ? WHERE id = ?')
      .run(n === 6 ? null : `msg ${n}`, n === 6 ? null : 1556700000 + n * 100, 1556000000 + n, 1556000000 + n * 10, id(n))
  }
})
afterAll(() => emu.stop())

async function list(query: string, headers = apiKey()): Promise<DialogList> {
  const r = await call('GET', `/chat/Dialog.json${query ? `?${query}` : ''}`, { headers })
  expect(r.status, r.text).toBe(200)
  return r.json() as DialogList
}
const ids = (l: DialogList) => l.items.map(d => d._id)

describe('list dialogs', () => {
  it('returns every dialog of the app to the API key, newest message first, with the envelope', async () => {
    const l = await list('')
    expect(Object.keys(l)).toEqual(['total_entries', 'skip', 'limit', 'items'])
    expect(l).toMatchObject({ total_entries: 10, skip: 0, limit: 100 })
    expect(ids(l)).toEqual([10, 9, 8, 7, 5, 4, 3, 2, 1, 6].map(id))
    expect(l.items[0]!.unread_messages_count).toBeNull()
  })

  it('returns occupant dialogs plus public ones to a user', async () => {
    const l = await list('', apiKey(1))
    expect(l.total_entries).toBe(9)
    expect(ids(l)).not.toContain(id(10))
    expect(l.items.every(d => typeof d.unread_messages_count === 'number')).toBe(true)
  })

  it('pages with skip and limit and caps limit at 100', async () => {
    const l = await list('skip=2&limit=3&sort_asc=created_at')
    expect(l).toMatchObject({ total_entries: 10, skip: 2, limit: 3 })
    expect(ids(l)).toEqual([3, 4, 5].map(id))
    expect((await list('limit=500')).limit).toBe(100)
  })

  it('sorts ascending and descending', async () => {
    expect(ids(await list('sort_asc=last_message_date_sent'))[0]).toBe(id(6))
    expect(ids(await list('sort_desc=updated_at&limit=2'))).toEqual([id(10), id(9)])
    expect(ids(await list('sort_asc=name&limit=1'))).toEqual([id(1)])
  })

  it('filters by exact fields and by _id', async () => {
    expect((await list('type=1')).total_entries).toBe(2)
    expect(ids(await list(`_id=${id(4)}`))).toEqual([id(4)])
    expect((await list(`_id[ne]=${id(4)}`)).total_entries).toBe(9)
    expect(ids(await list(`_id[in]=${id(4)},${id(9)}&sort_asc=_id`))).toEqual([id(4), id(9)])
  })

  it('filters with type[in], name[ctn], name[in] and occupants_ids', async () => {
    expect((await list('type[in]=1,3')).total_entries).toBe(3)
    expect((await list('type[nin]=2')).total_entries).toBe(3)
    expect((await list('name[ctn]=Alpha')).total_entries).toBe(5)
    expect((await list('name[ctn]=alpha')).total_entries).toBe(5)
    expect((await list('name[ctn]=e')).total_entries).toBe(10)
    expect((await list('name[ctn]=ta')).total_entries).toBe(5)
    expect((await list('name[ctn]=%25')).total_entries).toBe(0)
    expect(ids(await list('name[in]=Beta crew 2,Alpha team 9&sort_asc=_id'))).toEqual([id(2), id(9)])
    expect((await list('occupants_ids[all]=1,2')).total_entries).toBe(2)
    expect((await list('occupants_ids[in]=2,3')).total_entries).toBe(3)
    expect((await list('occupants_ids=4')).total_entries).toBe(5)
  })

  it('name[ctn] pages through its matches in sort order, with the total of all matches', async () => {
    const all = await list('name[ctn]=alpha&sort_desc=last_message_date_sent')
    expect(ids(all)).toEqual([9, 7, 5, 3, 1].map(id))
    const page = await list('name[ctn]=alpha&sort_desc=last_message_date_sent&skip=1&limit=2')
    expect(page).toMatchObject({ total_entries: 5, skip: 1, limit: 2 })
    expect(ids(page)).toEqual([7, 5].map(id))
    expect(ids(await list('name[ctn]=alpha&sort_asc=created_at&skip=3'))).toEqual([7, 9].map(id))
    expect(await list('name[ctn]=alpha&skip=10')).toMatchObject({ total_entries: 5, items: [] })
    expect(ids(await list('name[ctn]=alpha&type=2', apiKey(1)))).toEqual([5, 3, 1].map(id))
    expect(await call('GET', '/chat/Dialog.json?name[ctn]=alpha&count=1', { headers: apiKey() }).then(r => r.json())).toEqual({ items: { count: 5 } })
  })

  it('name[ctn] answers fresh results after any write, its own or another connection\'s', async () => {
    // Searches are kept for the next pages; every kind of write must drop them.
    for (const n of [60, 61]) putDialog(emu, { id: id(n), type: 1, owner: 5, name: `Gamma ${n}` })
    try {
      expect((await list('name[ctn]=omega')).total_entries).toBe(0)
      const renamed = await call('PUT', `/chat/Dialog/${id(60)}.json`, { headers: apiKey(), json: { name: 'Omega 60' } })
      expect(renamed.status, renamed.text).toBe(200)
      expect(ids(await list('name[ctn]=omega'))).toEqual([id(60)])
      emu.db.prepare('UPDATE dialogs SET name = ?, last_message_date_sent = 2 WHERE id = ?').run('Omega 61', id(61))
      expect(ids(await list('name[ctn]=omega'))).toEqual([61, 60].map(id))
      const other = new Database(join(emu.dir, 'test.db'))
      try {
        other.prepare('UPDATE dialogs SET name = ? WHERE id = ?').run('Gamma 60', id(60))
      }
      finally {
        other.close()
      }
      expect(ids(await list('name[ctn]=omega'))).toEqual([id(61)])
    }
    finally {
      emu.db.prepare('DELETE FROM dialogs WHERE id IN (?, ?)').run(id(60), id(61))
    }
  })

  it('lists each dialog exactly as GET answers it, for the API key and for a user', async () => {
    // Members added in descending order are still listed ascending.
    putDialog(emu, { id: id(70), type: 2, owner: 1, name: 'Zeta 70', occupants: [900, 77, 5, 3, 1], admins: [77, 3] })
    emu.db.prepare('UPDATE dialogs SET last_message_date_sent = 1 WHERE id = ?').run(id(70))
    onTestFinished(() => void emu.db.prepare('DELETE FROM dialogs WHERE id = ?').run(id(70)))
    const zeta = (await list('name=Zeta 70')).items[0]!
    expect([zeta.occupants_ids, zeta.admin_ids]).toEqual([[1, 3, 5, 77, 900], [3, 77]])
    for (const headers of [apiKey(), apiKey(1), apiKey(3)]) {
      const l = await list('', headers)
      for (const item of l.items) {
        expect(item.occupants_ids).toEqual([...item.occupants_ids].sort((a, b) => a - b))
        const one = await call('GET', `/chat/Dialog/${item._id}.json`, { headers })
        // Same text: same keys in the same order (custom data last), same private-dialog name for this viewer.
        expect(JSON.stringify(item)).toBe(JSON.stringify(one.json()))
      }
    }
    const viewers = await Promise.all([apiKey(1), apiKey(3), apiKey()].map(h => list('type=3', h)))
    expect(viewers.map(l => l.items[0]!.name)).toEqual(['User 3', 'User 1', 'Alpha team 9'])
  })

  it('name[ctn] handles quotes, spaces and non-ASCII letters', async () => {
    putDialog(emu, { id: id(50), type: 1, owner: 5, name: 'Quote "this" Café Ünïcode' })
    try {
      expect(ids(await list('name[ctn]=%22this%22'))).toEqual([id(50)])
      expect(ids(await list('name[ctn]=caf%C3%A9'))).toEqual([id(50)])
      expect(ids(await list('name[ctn]=%C3%9CN%C3%8F'))).toEqual([id(50)])
      expect((await list('name[ctn]=team%201')).total_entries).toBe(1)
      expect((await list('name[ctn]=%22%22%22')).total_entries).toBe(0)
    }
    finally {
      emu.db.prepare('DELETE FROM dialogs WHERE id = ?').run(id(50))
    }
  })

  it('filters by date ranges (unix seconds or ISO)', async () => {
    expect((await list('last_message_date_sent[gt]=1556700500')).total_entries).toBe(4)
    expect((await list('last_message_date_sent[lte]=1556700200')).total_entries).toBe(2)
    expect((await list('last_message_date_sent[in]=1556700100,1556700300')).total_entries).toBe(2)
    expect((await list('last_message_date_sent[nin]=1556700100')).total_entries).toBe(8)
    expect((await list('updated_at[lt]=1556000050')).total_entries).toBe(4)
    expect((await list('created_at[gte]=2019-04-23T06:13:28Z')).total_entries).toBe(3)
  })

  it('filters by custom data', async () => {
    expect(ids(await list('data[class_name]=CoolDialog&sort_asc=_id'))).toEqual([id(3), id(4)])
    expect(ids(await list('data[class_name]=CoolDialog&data[floor]=4'))).toEqual([id(4)])
    expect((await list('data[floor]=3')).total_entries).toBe(2)
    expect((await list('data[floor][gt]=3')).total_entries).toBe(1)
  })

  it('answers count=1 with the total only', async () => {
    const r = await call('GET', '/chat/Dialog.json?count=1&type=2', { headers: apiKey() })
    expect(r.text).toBe('{"items":{"count":7}}')
  })

  it('400 for unknown fields, operators and bad values', async () => {
    const cases: [string, string][] = [
      ['colour=red', '{"errors":["Unknown filter field \\"colour\\"."]}'],
      ['type[ctn]=1', '{"errors":["Operator \\"ctn\\" is not supported for field \\"type\\"."]}'],
      ['type=abc', '{"errors":["Incorrect format for parameter \\"type\\"."]}'],
      ['limit=-1', '{"errors":["Incorrect format for parameter \\"limit\\"."]}'],
      ['sort_desc=password', '{"errors":["Incorrect format for parameter \\"sort_desc\\"."]}'],
      ['updated_at[lt]=yesterday', '{"errors":["Incorrect format for parameter \\"updated_at[lt]\\"."]}'],
    ]
    for (const [query, body] of cases) {
      const r = await call('GET', `/chat/Dialog.json?${query}`, { headers: apiKey() })
      expect(r.status).toBe(400)
      expect(r.text).toBe(body)
    }
  })
})

describe('get dialog', () => {
  it('returns one bare dialog', async () => {
    const r = await call('GET', `/chat/Dialog/${id(3)}.json`, { headers: apiKey(1) })
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ _id: id(3), data: { class_name: 'CoolDialog', floor: '3' }, occupants_ids: [1, 4] })
  })
  it('works without .json', async () => {
    expect((await call('GET', `/chat/Dialog/${id(3)}`, { headers: apiKey() })).status).toBe(200)
  })
  it('403 for a group dialog the user is not in, 404 for unknown ids', async () => {
    const r = await call('GET', `/chat/Dialog/${id(10)}.json`, { headers: apiKey(1) })
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
    const missing = await call('GET', '/chat/Dialog/ffffffffffffffffffffffff.json', { headers: apiKey() })
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('{"errors":["The resource wasn\'t found"]}')
  })
})

describe('delete dialogs', () => {
  const make = (n: number, owner: number, occupants: number[], type: 1 | 2 | 3 = 2) => putDialog(emu, { id: id(n), type, owner, occupants })

  it('without force hides the dialog for the requester only (200, empty body)', async () => {
    make(100, 1, [1, 2])
    expect((await list('', apiKey(2))).total_entries).toBe(5)
    expect((await list('type[in]=1,2', apiKey(1))).total_entries).toBe(9)
    const r = await call('DELETE', `/chat/Dialog/${id(100)}.json`, { headers: apiKey(2) })
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    expect(await list('', apiKey(2))).toMatchObject({ total_entries: 4 })
    expect(ids(await list('', apiKey(2))).sort()).toEqual([1, 2, 7, 8].map(id))
    expect((await list('type=2', apiKey(2))).total_entries).toBe(2)
    expect(ids(await list(`_id=${id(100)}`, apiKey(2)))).toEqual([])
    expect(ids(await list(`_id=${id(100)}`, apiKey(1)))).toEqual([id(100)])
  })

  it('with force=1 the owner deletes it for everyone (form body, JSON body or query)', async () => {
    make(101, 1, [1, 2]); make(102, 1, [1, 2]); make(103, 1, [1, 2])
    expect((await call('DELETE', `/chat/Dialog/${id(101)}.json`, { headers: apiKey(1), form: 'force=1' })).status).toBe(200)
    expect((await call('DELETE', `/chat/Dialog/${id(102)}.json`, { headers: apiKey(1), json: { force: 1 } })).status).toBe(200)
    expect((await call('DELETE', `/chat/Dialog/${id(103)}.json?force=1`, { headers: apiKey(1) })).status).toBe(200)
    expect((await list(`_id[in]=${id(101)},${id(102)},${id(103)}`)).total_entries).toBe(0)
  })

  it('403 when a non-owner forces a single delete, 404 when unknown', async () => {
    make(104, 1, [1, 2])
    const r = await call('DELETE', `/chat/Dialog/${id(104)}.json`, { headers: apiKey(2), form: 'force=1' })
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
    const missing = await call('DELETE', '/chat/Dialog/ffffffffffffffffffffffff.json', { headers: apiKey(1) })
    expect(missing.status).toBe(404)
  })

  it('several ids answer the three-key result', async () => {
    make(105, 1, [1, 2]); make(106, 2, [1, 2])
    const r = await call('DELETE', `/chat/Dialog/${id(105)},${id(106)},ffffffffffffffffffffffff.json`, { headers: apiKey(1), form: 'force=1' })
    expect(r.status).toBe(200)
    expect(r.json()).toEqual({ SuccessfullyDeleted: { ids: [id(105)] }, NotFound: { ids: ['ffffffffffffffffffffffff'] }, WrongPermissions: { ids: [id(106)] } })
  })

  it('the API key alone deletes for everyone', async () => {
    make(107, 1, [1, 2])
    expect((await call('DELETE', `/chat/Dialog/${id(107)}.json`, { headers: apiKey() })).status).toBe(200)
    expect((await list(`_id=${id(107)}`)).total_entries).toBe(0)
  })

  it('a new message brings a hidden dialog back', async () => {
    make(108, 1, [1, 2])
    await call('DELETE', `/chat/Dialog/${id(108)}.json`, { headers: apiKey(2) })
    const m = await call('POST', '/chat/Message.json', { headers: apiKey(1), json: { chat_dialog_id: id(108), message: 'ping' } })
    expect(m.status).toBe(201)
    const d = (await list(`_id=${id(108)}`, apiKey(2))).items[0] as Dialog
    expect(d).toMatchObject({ last_message: 'ping', unread_messages_count: 1 })
  })
})
