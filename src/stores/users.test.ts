import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeUser, mockFetch } from '@/test/fetch-mock'
import { useUsersStore } from './users'

function answerByIds() {
  return mockFetch((call) => {
    const filter = call.url.searchParams.get('filter[]') ?? ''
    const ids = filter.replace('number id in ', '').split(',').map(Number).filter(id => id < 5000)
    return json({ current_page: 1, per_page: 100, total_entries: ids.length, items: ids.map(id => ({ user: makeUser(id) })) })
  })
}

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

describe('users store', () => {
  it('resolves 250 unknown IDs with 3 requests', async () => {
    const { calls } = answerByIds()
    const store = useUsersStore()
    const ids = Array.from({ length: 250 }, (_, i) => 1001 + i)
    await store.ensureUsers(ids)
    expect(calls).toHaveLength(3)
    expect(store.byId.size).toBe(250)
    expect(store.nameOf(1001)).toBe('User 1001')
  })

  it('costs no request for cached IDs', async () => {
    const { calls } = answerByIds()
    const store = useUsersStore()
    await store.ensureUsers([1, 2, 3])
    calls.length = 0
    await store.ensureUsers([3, 2, 1, 1])
    expect(calls).toHaveLength(0)
  })

  it('batches IDs asked in the same tick and dedupes in-flight ones', async () => {
    const { calls } = answerByIds()
    const store = useUsersStore()
    const first = store.ensureUsers([1, 2])
    const second = store.ensureUsers([2, 3])
    await Promise.all([first, second, store.ensureUsers([3])])
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url.searchParams.get('filter[]')).toBe('number id in 1,2,3')
  })

  it('remembers IDs the server does not know and does not ask again', async () => {
    const { calls } = answerByIds()
    const store = useUsersStore()
    await store.ensureUsers([9001])
    await store.ensureUsers([9001])
    expect(calls).toHaveLength(1)
    expect(store.nameOf(9001)).toBe('Unknown user #9001')
  })

  it('never rejects; keeps the error and retries later', async () => {
    const { calls } = mockFetch(() => json({ errors: ['nope'] }, 403))
    const store = useUsersStore()
    await store.ensureUsers([1])
    expect(store.lastError?.status).toBe(403)
    expect(store.nameOf(1)).toBe('#1')
    await store.ensureUsers([1])
    expect(calls).toHaveLength(2)
  })

  it('searches by ID, login and full name and caches the results', async () => {
    const { calls } = mockFetch((call) => {
      if (call.url.pathname.endsWith('/users/1234.json'))
        return json({ code: null, message: 'Couldn\'t find user' }, 404)
      if (call.url.pathname.endsWith('by_login.json'))
        return json({ errors: ['Not found'] }, 404)
      return json({ current_page: 1, per_page: 20, total_entries: 1, items: [{ user: makeUser(7, { full_name: 'x1234' }) }] })
    })
    const store = useUsersStore()
    const users = await store.searchUsers('1234')
    expect(users.map(u => u.id)).toEqual([7])
    expect(calls.map(c => c.url.pathname)).toEqual(['/api/users/1234.json', '/api/users/by_login.json', '/api/users/by_full_name.json'])
    expect(store.byId.has(7)).toBe(true)
  })
  it('resolves a pasted list with one request per kind and none for cached users', async () => {
    const { calls } = mockFetch((call) => {
      const filter = call.url.searchParams.get('filter[]') ?? ''
      const [, kind, , values] = /^(\w+) (\w+) in (.*)$/.exec(filter) ?? []
      const list = (values ?? '').split(',')
      const users = kind === 'number'
        ? list.map(Number).filter(id => id < 5000).map(id => makeUser(id, { email: `u${id}@x.co` }))
        : filter.startsWith('string login')
          ? list.filter(l => l.startsWith('user')).map(l => makeUser(Number(l.slice(4)), { email: `u${l.slice(4)}@x.co` }))
          : list.filter(e => e.startsWith('u')).map(e => makeUser(Number(e.slice(1, e.indexOf('@'))), { email: e }))
      return json({ current_page: 1, per_page: 100, total_entries: users.length, items: users.map(user => ({ user })) })
    })
    const store = useUsersStore()
    await store.ensureUsers([1])
    calls.length = 0
    const resolved = await store.resolveLookups({ ids: [1, 2, 9001], logins: ['user1', 'user3', 'ghost'], emails: ['U4@x.co', 'u1@x.co', 'nobody@x.co'] })
    expect(calls).toHaveLength(3)
    expect([...resolved.ids].sort()).toEqual([1, 2])
    expect(resolved.logins.get('user3')).toBe(3)
    expect(resolved.logins.get('user1')).toBe(1)
    expect(resolved.logins.has('ghost')).toBe(false)
    expect(resolved.emails.get('u4@x.co')).toBe(4)
    expect(resolved.emails.has('nobody@x.co')).toBe(false)
    const logins = calls.find(c => c.url.searchParams.get('filter[]')?.startsWith('string login'))
    expect(logins!.url.searchParams.get('filter[]')).toBe('string login in user3,ghost')
  })

  it('rejects when an ID lookup fails instead of calling the IDs unknown', async () => {
    mockFetch(() => json({ errors: ['boom'] }, 403))
    const store = useUsersStore()
    await expect(store.resolveLookups({ ids: [5], logins: [], emails: [] })).rejects.toThrow()
  })

  it('also finds a user by exact email when the search term has an @', async () => {
    const { calls } = mockFetch((call) => {
      if (call.url.pathname.endsWith('by_email.json'))
        return json({ user: makeUser(8, { email: 'ann@x.co' }) })
      if (call.url.pathname.endsWith('by_login.json'))
        return json({ errors: ['Not found'] }, 404)
      return json({ current_page: 1, per_page: 20, total_entries: 0, items: [] })
    })
    const store = useUsersStore()
    expect((await store.searchUsers('ann@x.co')).map(u => u.id)).toEqual([8])
    expect(calls.map(c => c.url.pathname)).toContain('/api/users/by_email.json')
  })
  it('keeps at most three lookups in flight, first IDs first', async () => {
    let inFlight = 0
    let most = 0
    const { calls } = mockFetch(async (call) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise(r => setTimeout(r, 5))
      inFlight--
      const ids = (call.url.searchParams.get('filter[]') ?? '').replace('number id in ', '').split(',').map(Number)
      return json({ current_page: 1, per_page: 100, total_entries: ids.length, items: ids.map(id => ({ user: makeUser(id) })) })
    })
    const store = useUsersStore()
    await store.ensureUsers(Array.from({ length: 1000 }, (_, i) => 1 + i))
    expect(calls).toHaveLength(10)
    expect(most).toBe(3)
    expect(calls[0]!.url.searchParams.get('filter[]')).toMatch(/^number id in 1,2,3,/)
    expect(store.byId.size).toBe(1000)
  })
})
