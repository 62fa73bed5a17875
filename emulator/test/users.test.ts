import type { User, UserEnvelope, UserList } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEED_PASSWORD } from '../seed'
import { apiKey, client, startTestEmulator } from './helpers'

// Users (rest-contract.md §6), on the demo seed: users 1001..1050.
let emu: TestEmulator
const call = client(() => emu.url)

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' })
})
afterAll(() => emu.stop())

async function get<T>(path: string, headers = apiKey()): Promise<T> {
  const r = await call('GET', path, { headers })
  expect(r.status, r.text).toBe(200)
  return r.json() as T
}

describe('list users', () => {
  it('pages with the documented envelope (default per_page 10)', async () => {
    const l = await get<UserList>('/users.json')
    expect(Object.keys(l)).toEqual(['current_page', 'per_page', 'total_entries', 'items'])
    expect(l).toMatchObject({ current_page: 1, per_page: 10, total_entries: 50 })
    expect(l.items[0]!.user.id).toBe(1001)
    expect(Object.keys(l.items[0]!.user)).toEqual(['id', 'full_name', 'email', 'login', 'phone', 'website', 'created_at', 'updated_at', 'last_request_at', 'external_user_id', 'facebook_id', 'blob_id', 'custom_data', 'user_tags'])
    const p3 = await get<UserList>('/users.json?page=3&per_page=20')
    expect(p3.items.map(i => i.user.id)).toEqual(Array.from({ length: 10 }, (_, i) => 1041 + i))
  })

  it('filters with filter[] (the SDK encoding) and orders', async () => {
    const byIds = await get<UserList>('/users.json?filter[]=number+id+in+1003,1001,1009&per_page=100')
    expect(byIds.items.map(i => i.user.id)).toEqual([1001, 1003, 1009])
    const encoded = await get<UserList>(`/users.json?${encodeURIComponent('filter[]')}=${encodeURIComponent('number id in 1002,1004')}`)
    expect(encoded.total_entries).toBe(2)
    const login = await get<UserList>('/users.json?filter[]=string+login+eq+alice.martin')
    expect(login.items.map(i => i.user.id)).toEqual([1001])
    // A pasted list may be in any case: `in` on text ignores it, as `eq` does.
    const emails = await get<UserList>('/users.json?filter[]=string+email+in+ALICE.MARTIN@example.com,Bob.Martin@Example.COM&per_page=100')
    expect(emails.items.map(i => i.user.id)).toEqual([1001, 1002])
    const logins = await get<UserList>('/users.json?filter[]=string+login+in+Alice.Martin,nobody')
    expect(logins.items.map(i => i.user.id)).toEqual([1001])
    const two = await get<UserList>('/users.json?filter[]=number+id+gt+1010&filter[]=number+id+le+1012')
    expect(two.items.map(i => i.user.id)).toEqual([1011, 1012])
    const between = await get<UserList>('/users.json?filter[]=number+id+between+1020,1022')
    expect(between.total_entries).toBe(3)
    const desc = await get<UserList>('/users.json?order=desc+number+id&per_page=2')
    expect(desc.items.map(i => i.user.id)).toEqual([1050, 1049])
  })

  it('400 for bad filters and orders', async () => {
    for (const q of ['filter[]=number+password+eq+1', 'filter[]=garbage', 'order=sideways+id', 'per_page=0', 'filter[]=number+id+like+1']) {
      const r = await call('GET', `/users.json?${q}`, { headers: apiKey() })
      expect(r.status).toBe(400)
      expect(Object.keys(r.json() as object)).toEqual(['errors'])
    }
  })
})

describe('get users', () => {
  it('by id, login, email, full name, tags and external id', async () => {
    expect((await get<UserEnvelope>('/users/1001.json')).user).toMatchObject({ id: 1001, login: 'alice.martin', email: 'alice.martin@example.com', full_name: 'Alice Martin' })
    expect((await get<UserEnvelope>('/users/by_login.json?login=bob.martin')).user.id).toBe(1002)
    expect((await get<UserEnvelope>('/users/by_email.json?email=BOB.MARTIN@example.com')).user.id).toBe(1002)
    const byName = await get<UserList>('/users/by_full_name.json?full_name=silv')
    expect(byName.total_entries).toBe(25)
    expect(byName.per_page).toBe(10)
    const tagged = await get<UserList>('/users/by_tags.json?tags=vip&per_page=100')
    expect(tagged.items.every(i => (i.user.user_tags ?? '').split(',').includes('vip'))).toBe(true)
    expect(tagged.total_entries).toBeGreaterThan(0)
    expect((await get<UserEnvelope>('/users/external/901001.json')).user.id).toBe(1001)
  })

  it('404 for unknown users', async () => {
    for (const path of ['/users/5.json', '/users/abc.json', '/users/by_login.json?login=nobody', '/users/external/1.json']) {
      const r = await call('GET', path, { headers: apiKey() })
      expect(r.status).toBe(404)
      expect(r.text).toBe('{"errors":["Couldn\'t find user"]}')
    }
  })
})

describe('emails without case', () => {
  it('every lookup that takes an email ignores its case, as QuickBlox does', async () => {
    for (const email of ['alice.martin@example.com', 'ALICE.MARTIN@EXAMPLE.COM', 'Alice.Martin@Example.Com']) {
      const one = await get<UserEnvelope>(`/users/by_email.json?email=${encodeURIComponent(email)}`)
      expect(one.user.id, email).toBe(1001)
      for (const op of ['eq', 'in']) {
        const list = await get<UserList>(`/users.json?${encodeURIComponent('filter[]')}=${encodeURIComponent(`string email ${op} ${email}`)}`)
        expect(list.items.map(i => i.user.id), `${op} ${email}`).toEqual([1001])
      }
      const ne = await get<UserList>(`/users.json?${encodeURIComponent('filter[]')}=${encodeURIComponent(`string email ne ${email}`)}`)
      expect(ne.total_entries, `ne ${email}`).toBe(49)
    }
    const between = await get<UserList>(`/users.json?${encodeURIComponent('filter[]')}=${encodeURIComponent('string email between ALICE.MARTIN@EXAMPLE.COM,ALICE.MARTIN@EXAMPLE.COM')}`)
    expect(between.items.map(i => i.user.id)).toEqual([1001])
    const login = await call('GET', '/users/by_login.json?login=ALICE.MARTIN', { headers: apiKey() })
    expect((login.json() as UserEnvelope).user.id).toBe(1001)
  })

  it('an email taken in another case is taken; a sign-in by email ignores case', async () => {
    const taken = await call('POST', '/users.json', { headers: apiKey(), json: { user: { login: 'someone.new', email: 'Alice.Martin@EXAMPLE.com', password: 'long-enough' } } })
    expect(taken.status).toBe(422)
    expect(taken.text).toBe('{"errors":{"email":["has already been taken"]}}')
    const moved = await call('PUT', '/users/1002.json', { headers: apiKey(), json: { user: { email: 'ALICE.martin@example.com' } } })
    expect(moved.status).toBe(422)
    const token = ((await call('POST', '/users/1001/tokens.json', { headers: apiKey() })).json() as { token: string }).token
    const signIn = await call('POST', '/login.json', { headers: { 'QB-Token': token }, json: { email: 'ALICE.MARTIN@example.com', password: SEED_PASSWORD } })
    expect(signIn.status).toBe(200)
    expect((signIn.json() as UserEnvelope).user.id).toBe(1001)
  })
})

describe('create, update, delete users', () => {
  it('creates a user (201) and validates', async () => {
    const r = await call('POST', '/users.json', { headers: apiKey(), json: { user: { login: 'new.user', password: 'long-enough', email: 'new@example.com', full_name: 'New User', tag_list: 'a, b' } } })
    expect(r.status).toBe(201)
    const u = (r.json() as UserEnvelope).user
    expect(u).toMatchObject({ id: 1051, login: 'new.user', full_name: 'New User', user_tags: 'a,b' })
    const dup = await call('POST', '/users.json', { headers: apiKey(), json: { user: { login: 'NEW.USER', password: 'long-enough' } } })
    expect(dup.status).toBe(422)
    expect(dup.text).toBe('{"errors":{"login":["has already been taken"]}}')
    const short = await call('POST', '/users.json', { headers: apiKey(), form: 'user[login]=x2&user[password]=short' })
    expect(short.status).toBe(422)
    expect(short.text).toBe('{"errors":{"password":["is too short (minimum is 8 characters)"]}}')
    const unknown = await call('POST', '/users.json', { headers: apiKey(), json: { user: { login: 'x3', password: 'long-enough', admin: true } } })
    expect(unknown.status).toBe(400)
    expect(unknown.text).toBe('{"errors":["Unknown parameter \\"user[admin]\\"."]}')
  })

  it('updates a user (the account owner or the user himself)', async () => {
    const r = await call('PUT', '/users/1002.json', { headers: apiKey(), json: { user: { full_name: 'Robert Martin' } } })
    expect(r.status).toBe(200)
    expect((r.json() as UserEnvelope).user.full_name).toBe('Robert Martin')
    const self = await call('PUT', '/users/1003.json', { headers: apiKey(1003), form: 'user[phone]=123' })
    expect((self.json() as { user: User }).user.phone).toBe('123')
    const other = await call('PUT', '/users/1003.json', { headers: apiKey(1004), json: { user: { phone: '1' } } })
    expect(other.status).toBe(403)
  })

  it('deletes a user', async () => {
    expect((await call('DELETE', '/users/1051.json', { headers: apiKey() })).status).toBe(200)
    expect((await call('GET', '/users/1051.json', { headers: apiKey() })).status).toBe(404)
  })
})
