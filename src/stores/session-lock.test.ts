import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter, registerUnauthorizedHandler, request } from '@/api/client'
import { loadConfig } from '@/config'
import type { RecordedCall } from '@/test/fetch-mock'
import { json, makeUser, mockFetch } from '@/test/fetch-mock'
import { SESSION_STORAGE_KEY, SignInError, useSessionStore } from './session'

const usersPage = () => json({ current_page: 1, per_page: 1, total_entries: 50, items: [{ user: makeUser(1001) }] })
const server = (call: RecordedCall) => call.url.pathname.endsWith('/users.json') ? usersPage() : json({ user: makeUser(1001) })

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  setActivePinia(createPinia())
})
afterEach(() => {
  vi.unstubAllGlobals()
  registerUnauthorizedHandler(() => {})
})

async function signedIn(remember = true) {
  mockFetch(server)
  const store = useSessionStore()
  await store.signIn({ apiBase: 'http://qb.test/api', apiKey: 'the-key', actingUserId: 1001, remember })
  return store
}

describe('idle lock', () => {
  it('forgets the key everywhere but keeps the server and acting user', async () => {
    const store = await signedIn()
    store.lock()
    expect(store.locked).toBe(true)
    expect(store.apiKey).toBeNull()
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    expect(store.actingUserId).toBe(1001)
    expect(store.apiBase).toBe('http://qb.test/api')
  })

  it('unlocks only with a key the server accepts, as the same acting user', async () => {
    const store = await signedIn()
    store.lock()
    mockFetch(() => json({ errors: ['Unauthorized'] }, 401))
    await expect(store.unlock('wrong')).rejects.toBeInstanceOf(SignInError)
    expect(store.locked).toBe(true)
    const { calls } = mockFetch(server)
    await store.unlock('the-key')
    expect(store.locked).toBe(false)
    expect(store.apiKey).toBe('the-key')
    expect(calls.map(c => c.url.pathname)).toEqual(['/api/users.json', '/api/users/1001.json'])
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toContain('the-key')
  })
})

describe('revoked key', () => {
  it('a 401 on the session\'s own key calls the handler; a sign-in probe\'s 401 does not', async () => {
    const store = await signedIn(false)
    registerSessionGetter(() => store.snapshot())
    const handler = vi.fn()
    registerUnauthorizedHandler(handler)
    mockFetch(() => json({ errors: ['Unauthorized'] }, 401))
    await expect(request('/chat/Dialog.json')).rejects.toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledTimes(1)
    await expect(store.signIn({ apiBase: 'http://qb.test/api', apiKey: 'other', actingUserId: null, remember: false })).rejects.toBeInstanceOf(SignInError)
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('expire forgets the key and says why until the next sign-in', async () => {
    const store = await signedIn()
    store.expire()
    expect(store.signedIn).toBe(false)
    expect(store.endReason).toBe('revoked')
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    mockFetch(usersPage)
    await store.signIn({ apiBase: 'http://qb.test/api', apiKey: 'the-key', actingUserId: null, remember: false })
    expect(store.endReason).toBeNull()
  })
})

describe('config.json idleMinutes', () => {
  it('defaults to 30, accepts 0 (off) and ignores nonsense', async () => {
    const answer = (body: unknown) => mockFetch(() => json(body))
    answer({})
    expect((await loadConfig('http://x.test/desk/')).idleMinutes).toBe(30)
    answer({ idleMinutes: 0 })
    expect((await loadConfig('http://x.test/desk/')).idleMinutes).toBe(0)
    answer({ idleMinutes: 'soon' })
    expect((await loadConfig('http://x.test/desk/')).idleMinutes).toBe(30)
    const { calls } = answer({ idleMinutes: 5 })
    expect((await loadConfig('http://x.test/desk/')).idleMinutes).toBe(5)
    expect(calls[0]!.url.href).toBe('http://x.test/desk/config.json')
  })
})
