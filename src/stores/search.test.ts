import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { parseSearch } from '@/domain/search'
import { json, makeDialog, makeUser, mockFetch } from '@/test/fetch-mock'
import { useSearchStore } from './search'

const DIALOG_ID = '672c8eec5eedda7a00000001'
const notFound = () => json({ code: null, message: 'Couldn\'t find user' }, 404)
const page = (items: unknown[]) => json({ total_entries: items.length, skip: 0, limit: 5, items })
const userPage = (users: unknown[]) => json({ current_page: 1, per_page: 5, total_entries: users.length, items: users.map(user => ({ user })) })

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

describe('search store', () => {
  it('a dialog ID asks for that dialog only', async () => {
    const { calls } = mockFetch(() => json(makeDialog({ _id: DIALOG_ID, name: 'Support' })))
    const store = useSearchStore()
    await store.search(parseSearch(DIALOG_ID))
    expect(calls.map(c => c.url.pathname)).toEqual([`/api/chat/Dialog/${DIALOG_ID}.json`])
    expect(store.dialogs.map(d => d.name)).toEqual(['Support'])
    expect(store.users).toEqual([])
    expect(store.status).toBe('done')
  })

  it('a word asks for dialogs by name and users by login and full name; 404s are "nothing"', async () => {
    const { calls } = mockFetch((call) => {
      switch (call.url.pathname) {
        case '/api/chat/Dialog.json': return page([makeDialog({ name: 'Martin & co' })])
        case '/api/users/by_login.json': return notFound()
        case '/api/users/by_full_name.json': return userPage([makeUser(1001, { full_name: 'Alice Martin' }), makeUser(1002, { full_name: 'Bob Martin' })])
        default: return json({}, 500)
      }
    })
    const store = useSearchStore()
    await store.search(parseSearch('martin'))
    expect(calls.map(c => c.url.pathname).sort()).toEqual(['/api/chat/Dialog.json', '/api/users/by_full_name.json', '/api/users/by_login.json'])
    const list = calls.find(c => c.url.pathname === '/api/chat/Dialog.json')!
    expect(list.url.searchParams.get('name[ctn]')).toBe('martin')
    expect(list.url.searchParams.get('limit')).toBe('5')
    expect(store.dialogs.map(d => d.name)).toEqual(['Martin & co'])
    expect(store.users.map(u => u.id)).toEqual([1001, 1002])
    expect(store.userError).toBeNull()
  })

  it('a user found twice (by ID and login) is listed once', async () => {
    mockFetch((call) => {
      if (call.url.pathname === '/api/chat/Dialog.json')
        return page([])
      return json({ user: makeUser(1042, { login: '1042' }) })
    })
    const store = useSearchStore()
    await store.search(parseSearch('1042'))
    expect(store.users.map(u => u.id)).toEqual([1042])
  })

  it('an email asks by_email and by_login', async () => {
    const { calls } = mockFetch(call => call.url.pathname === '/api/users/by_email.json' ? json({ user: makeUser(7, { email: 'a@b.io' }) }) : notFound())
    const store = useSearchStore()
    await store.search(parseSearch('a@b.io'))
    expect(calls.map(c => c.url.pathname).sort()).toEqual(['/api/users/by_email.json', '/api/users/by_login.json'])
    expect(store.users.map(u => u.id)).toEqual([7])
  })

  it('one half failing keeps the other half\'s results and says what failed', async () => {
    mockFetch(call => call.url.pathname === '/api/chat/Dialog.json'
      ? json({ errors: ['Forbidden. Need user.'] }, 403)
      : call.url.pathname === '/api/users/by_full_name.json' ? userPage([makeUser(5)]) : notFound())
    const store = useSearchStore()
    await store.search(parseSearch('team'))
    expect(store.dialogs).toEqual([])
    expect(store.dialogError?.message).toContain('Forbidden')
    expect(store.users.map(u => u.id)).toEqual([5])
  })

  it('a newer search aborts the older one, whose answer is dropped', async () => {
    let release: () => void = () => {}
    const { calls } = mockFetch(async (call) => {
      if (call.url.searchParams.get('full_name') === 'first') {
        await new Promise<void>((resolve) => {
          release = resolve
        })
      }
      return call.url.pathname === '/api/users/by_full_name.json' ? userPage([makeUser(call.url.searchParams.get('full_name') === 'first' ? 1 : 2)]) : notFound()
    })
    const store = useSearchStore()
    const first = store.search({ text: 'first', kind: 'text', fullName: 'first' })
    const second = store.search({ text: 'second', kind: 'text', fullName: 'second' })
    release()
    await Promise.all([first, second])
    expect(store.users.map(u => u.id)).toEqual([2])
    expect(calls).toHaveLength(2)
    expect(store.status).toBe('done')
  })

  it('nothing to look up asks nothing', async () => {
    const { calls } = mockFetch(() => json({}))
    const store = useSearchStore()
    await store.search(parseSearch('  '))
    expect(calls).toHaveLength(0)
    expect(store.status).toBe('idle')
  })
})
