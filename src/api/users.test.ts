import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, makeUser, mockFetch } from '@/test/fetch-mock'
import { registerSessionGetter } from './client'
import { findUserByEmail, findUserByLogin, getUser, listUsersByField, listUsersByIds, listUsersByTags, searchUsersByFullName } from './users'

beforeEach(() => registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null })))
afterEach(() => vi.unstubAllGlobals())

const page = (ids: number[]) => json({ current_page: 1, per_page: 100, total_entries: ids.length, items: ids.map(id => ({ user: makeUser(id) })) })

describe('users api', () => {
  it('lists users by IDs with one filter[] and per_page=100', async () => {
    const { calls } = mockFetch(() => page([1, 2]))
    const users = await listUsersByIds([1, 2])
    expect(users.map(u => u.id)).toEqual([1, 2])
    const params = calls[0]!.url.searchParams
    expect(calls[0]!.url.pathname).toBe('/api/users.json')
    expect(params.getAll('filter[]')).toEqual(['number id in 1,2'])
    expect(params.get('per_page')).toBe('100')
  })

  it('refuses more than 100 IDs and sends nothing for none', async () => {
    const { calls } = mockFetch(() => page([]))
    await expect(listUsersByIds(Array.from({ length: 101 }, (_, i) => i + 1))).rejects.toThrow(RangeError)
    expect(await listUsersByIds([])).toEqual([])
    expect(calls).toHaveLength(0)
  })

  it('gets one user and finds by login and full name', async () => {
    const { calls } = mockFetch((call) => {
      if (call.url.pathname.endsWith('by_full_name.json'))
        return page([7])
      return json({ user: makeUser(7) })
    })
    expect((await getUser(7)).id).toBe(7)
    expect((await findUserByLogin('ann smith')).id).toBe(7)
    expect((await searchUsersByFullName('Ann', { perPage: 5 })).items).toHaveLength(1)
    expect(calls.map(c => c.url.pathname)).toEqual(['/api/users/7.json', '/api/users/by_login.json', '/api/users/by_full_name.json'])
    expect(calls[1]!.url.searchParams.get('login')).toBe('ann smith')
    expect(calls[2]!.url.searchParams.get('full_name')).toBe('Ann')
    expect(calls[2]!.url.searchParams.get('per_page')).toBe('5')
  })

  it('finds by email and lists by logins or emails with one string filter', async () => {
    const { calls } = mockFetch(call => call.url.pathname.endsWith('by_email.json') ? json({ user: makeUser(3) }) : page([1, 2]))
    expect((await findUserByEmail('a@b.co')).id).toBe(3)
    expect(calls[0]!.url.searchParams.get('email')).toBe('a@b.co')
    expect((await listUsersByField('login', ['ann', 'bob'])).map(u => u.id)).toEqual([1, 2])
    expect(calls[1]!.url.searchParams.getAll('filter[]')).toEqual(['string login in ann,bob'])
    await listUsersByField('email', ['a@b.co'])
    expect(calls[2]!.url.searchParams.getAll('filter[]')).toEqual(['string email in a@b.co'])
    expect(await listUsersByField('login', [])).toEqual([])
    expect(calls).toHaveLength(3)
    await expect(listUsersByField('email', Array.from({ length: 101 }, (_, i) => `u${i}@b.co`))).rejects.toThrow(RangeError)
  })

  it('turns a 404 with {code, message} into an ApiError', async () => {
    mockFetch(() => json({ code: null, message: 'Couldn\'t find user' }, 404))
    await expect(getUser(9)).rejects.toMatchObject({ status: 404, messages: ['Couldn\'t find user'] })
  })
})

describe('users search paging', () => {
  it('finds users by tags and by full name with page, per_page and order', async () => {
    const { calls } = mockFetch(() => page([1]))
    await listUsersByTags(['vip', 'beta'], { page: 2, perPage: 25, order: 'desc date created_at' })
    await searchUsersByFullName('anna', { page: 3, perPage: 50, order: 'asc string full_name' })
    expect(calls[0]!.url.pathname).toBe('/api/users/by_tags.json')
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toEqual({ tags: 'vip,beta', page: '2', per_page: '25', order: 'desc date created_at' })
    expect(Object.fromEntries(calls[1]!.url.searchParams)).toEqual({ full_name: 'anna', page: '3', per_page: '50', order: 'asc string full_name' })
  })
})
