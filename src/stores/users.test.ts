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
})
