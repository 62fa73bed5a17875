import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, makeUser, mockFetch } from '@/test/fetch-mock'
import { parseUserSearch } from '@/domain/userSearch'
import { useUserPageStore } from './userPage'
import { useUsersDirectoryStore } from './usersDirectory'

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'unit-test-key', actingUserId: 1005 }))
})
afterEach(() => vi.unstubAllGlobals())

function search(text: string) {
  const parsed = parseUserSearch(text)
  if (!parsed.ok)
    throw new Error(parsed.error)
  return parsed.search
}

const page = (ids: number[], total = ids.length) => json({ current_page: 1, per_page: 25, total_entries: total, items: ids.map(id => ({ user: makeUser(id) })) })

describe('users directory', () => {
  it('asks the endpoint that answers each kind of search, with page, per_page and order', async () => {
    const { calls } = mockFetch(() => page([1, 2], 40))
    const store = useUsersDirectoryStore()
    const paging = { sort: 'created_at', dir: 'desc', page: 2, size: 25 } as const
    await store.fetchPage({ search: search('login:anna'), ...paging })
    await store.fetchPage({ search: search('Anna Smith'), ...paging })
    await store.fetchPage({ search: search('tag:vip'), ...paging })
    expect(calls.map(c => `${c.url.pathname}?${decodeURIComponent(c.url.search.slice(1))}`)).toEqual([
      '/api/users.json?page=2&per_page=25&filter[]=string+login+eq+anna&order=desc+date+created_at',
      '/api/users/by_full_name.json?full_name=Anna+Smith&page=2&per_page=25&order=desc+date+created_at',
      '/api/users/by_tags.json?tags=vip&page=2&per_page=25&order=desc+date+created_at',
    ])
    expect(store.items.map(u => u.id)).toEqual([1, 2])
    expect(store.total).toBe(40)
  })

  it('keeps the server\'s words on failure, and a newer query wins over an older answer', async () => {
    mockFetch(() => json({ errors: ['Unknown filter field "x".'] }, 400))
    const store = useUsersDirectoryStore()
    await store.fetchPage({ search: search('1'), sort: 'id', dir: 'asc', page: 1, size: 25 })
    expect(store.error?.message).toBe('Unknown filter field "x".')
    expect(store.items).toEqual([])
  })
})

describe('user page inbox', () => {
  it('lists their dialogs as them, then their unread counts for exactly that page in one request, as them', async () => {
    const dialogs = [makeDialog({ _id: 'a'.repeat(24) }), makeDialog({ _id: 'b'.repeat(24) })]
    const { calls } = mockFetch(call => call.url.pathname.endsWith('unread.json')
      ? json({ total: 9, ['a'.repeat(24)]: 4, ['b'.repeat(24)]: 0 })
      : json({ total_entries: 2, skip: 0, limit: 100, items: dialogs }))
    const store = useUserPageStore()
    await store.loadInbox(2001, 0)
    expect(calls.map(c => [c.url.pathname, c.headers.get('on-behalf-of')])).toEqual([['/api/chat/Dialog.json', '2001'], ['/api/chat/Message/unread.json', '2001']])
    expect(calls[0]!.url.searchParams.get('sort_desc')).toBe('last_message_date_sent')
    expect(calls[1]!.url.searchParams.get('chat_dialog_ids')).toBe(`${'a'.repeat(24)},${'b'.repeat(24)}`)
    expect([...store.unread]).toEqual([['a'.repeat(24), 4], ['b'.repeat(24), 0]])
    expect(calls.every(c => c.method === 'GET')).toBe(true)
  })

  it('a load started ahead with the route is taken over by the page, not asked again; a new page or Retry asks', async () => {
    const { calls } = mockFetch(call => call.url.pathname.endsWith('unread.json')
      ? json({ total: 0 })
      : call.url.pathname.startsWith('/api/users/') ? json({ user: makeUser(2001) }) : json({ total_entries: 0, skip: 0, limit: 100, items: [] }))
    const store = useUserPageStore()
    const ahead = [store.loadUser(2001, undefined, { reuse: true }), store.loadInbox(2001, 0, undefined, { reuse: true })]
    await Promise.all([store.loadUser(2001, undefined, { reuse: true }), store.loadInbox(2001, 0, undefined, { reuse: true }), ...ahead])
    expect(calls.map(c => c.url.pathname)).toEqual(['/api/users/2001.json', '/api/chat/Dialog.json'])
    await store.loadInbox(2001, 0, undefined, { reuse: true })
    expect(calls).toHaveLength(2)
    await store.loadInbox(2001, 0)
    await store.loadInbox(2001, 100, undefined, { reuse: true })
    expect(calls.map(c => c.url.searchParams.get('skip'))).toEqual([null, '0', '0', '100'])
  })

  it('an unknown user ID is a 404 in userError', async () => {
    mockFetch(() => json({ errors: ['Couldn\'t find user'] }, 404))
    const store = useUserPageStore()
    await store.loadUser(999999)
    expect(store.userError?.status).toBe(404)
    expect(store.user).toBeNull()
  })
})
