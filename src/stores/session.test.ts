import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeUser, mockFetch } from '@/test/fetch-mock'
import { SESSION_STORAGE_KEY, SignInError, useSessionStore } from './session'

const usersPage = () => json({ current_page: 1, per_page: 1, total_entries: 50, items: [{ user: makeUser(1001) }] })

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  setActivePinia(createPinia())
})
afterEach(() => vi.unstubAllGlobals())

async function signInWith(remember: boolean, actingUserId: number | null = null) {
  const store = useSessionStore()
  await store.signIn({ apiBase: 'http://qb.test/api', apiKey: 'the-key', actingUserId, remember })
  return store
}

describe('session store', () => {
  it('checks the key with one cheap request carrying the typed key, not the old session', async () => {
    registerSessionGetter(() => ({ baseURL: '/old', apiKey: 'old', actingUserId: 5 }))
    const { calls } = mockFetch(usersPage)
    await signInWith(false)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url.href).toBe('http://qb.test/api/users.json?per_page=1')
    expect(calls[0]!.headers.get('authorization')).toBe('ApiKey the-key')
    expect(calls[0]!.headers.has('on-behalf-of')).toBe(false)
  })

  it('keeps the key in sessionStorage only, unless remembered', async () => {
    mockFetch(usersPage)
    const store = await signInWith(false)
    expect(store.signedIn).toBe(true)
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toContain('the-key')
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
  })

  it('writes localStorage when "remember on this device" is chosen', async () => {
    mockFetch(usersPage)
    await signInWith(true)
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toContain('the-key')
  })

  it('restores from the tab first, then from the device', async () => {
    mockFetch(usersPage)
    await signInWith(true, null)
    sessionStorage.clear()
    setActivePinia(createPinia())
    const fresh = useSessionStore()
    fresh.restore('/api')
    expect(fresh.apiKey).toBe('the-key')
    expect(fresh.remember).toBe(true)
    expect(fresh.apiBase).toBe('http://qb.test/api')
  })

  it('sign-out forgets the key everywhere', async () => {
    mockFetch(usersPage)
    const store = await signInWith(true)
    store.signOut()
    expect(store.apiKey).toBeNull()
    expect(store.signedIn).toBe(false)
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
  })

  it('persists the acting user and exposes it to the client', async () => {
    mockFetch(call => call.url.pathname.endsWith('/users/1005.json') ? json({ user: makeUser(1005) }) : usersPage())
    const store = await signInWith(false, 1005)
    expect(store.snapshot()).toEqual({ baseURL: 'http://qb.test/api', apiKey: 'the-key', actingUserId: 1005 })
    store.setActingUser(null)
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY)!).actingUserId).toBeNull()
  })

  it.each([
    ['wrong-key', () => json({ errors: ['Unauthorized'] }, 401)],
    ['unreachable', () => { throw new TypeError('Failed to fetch') }],
    ['not-quickblox', () => new Response('<!doctype html><title>x</title>', { headers: { 'content-type': 'text/html' } })],
    ['not-quickblox', () => json({ hello: 'world' })],
  ] as const)('classifies a failed check as %s', async (reason, responder) => {
    mockFetch(responder)
    const store = useSessionStore()
    const error = await store.signIn({ apiBase: '/api', apiKey: 'k', actingUserId: null, remember: false }).catch(e => e)
    expect(error).toBeInstanceOf(SignInError)
    expect((error as SignInError).reason).toBe(reason)
    expect(store.signedIn).toBe(false)
  }, 10_000)

  it('reports an unknown acting user', async () => {
    mockFetch(call => call.url.pathname.endsWith('/users/42.json') ? json({ code: null, message: 'Couldn\'t find user' }, 404) : usersPage())
    const store = useSessionStore()
    const error = await store.signIn({ apiBase: '/api', apiKey: 'k', actingUserId: 42, remember: false }).catch(e => e)
    expect((error as SignInError).reason).toBe('unknown-user')
    expect(store.signedIn).toBe(false)
  })
})
