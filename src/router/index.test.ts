import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { registerSessionGetter } from '@/api/client'
import { clearEarly } from '@/api/early'
import { useSessionStore } from '@/stores/session'
import { json, mockFetch } from '@/test/fetch-mock'
import { createAppRouter, safeRedirect } from './index'

let fetched: ReturnType<typeof mockFetch>
beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  setActivePinia(createPinia())
  clearEarly()
  // The routes' early requests (api/early.ts) go here, not to the network.
  fetched = mockFetch(call => call.url.pathname.endsWith('/chat/Dialog.json')
    ? json({ total_entries: 0, skip: 0, limit: 25, items: [] })
    : json({ _id: 'abc', type: 2, occupants_ids: [] }))
})
afterEach(() => vi.unstubAllGlobals())

describe('safeRedirect', () => {
  it('accepts in-app paths only', () => {
    expect(safeRedirect('/dialogs?type=group')).toBe('/dialogs?type=group')
    expect(safeRedirect(['/dialogs/abc'])).toBe('/dialogs/abc')
    expect(safeRedirect('//evil.example/x')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('/\\evil.example')).toBeNull()
    expect(safeRedirect('/sign-in')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

describe('guard', () => {
  function setup() {
    const session = useSessionStore()
    const router = createAppRouter(createMemoryHistory(), session, 'Dialog Desk')
    return { session, router }
  }

  it('sends a signed-out visitor to sign-in, keeping only the wanted path', async () => {
    const { router } = setup()
    await router.push('/dialogs/abc?x=1')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/dialogs/abc?x=1' })
  }, 30_000)

  it('lets a signed-in session in and keeps it off the sign-in screen', async () => {
    const { router, session } = setup()
    session.apiKey = 'k'
    await router.push('/dialogs?type=group')
    expect(router.currentRoute.value.fullPath).toBe('/dialogs?type=group')
    await router.push('/sign-in?redirect=/dialogs/abc')
    expect(router.currentRoute.value.fullPath).toBe('/dialogs/abc')
    await router.push('/sign-in?redirect=//evil.example')
    expect(router.currentRoute.value.name).toBe('dialogs')
  }, 30_000)
})

describe('early data requests', () => {
  it('a screen\'s first request starts with the route, before its code, with the route\'s query; a tab switch asks nothing again', async () => {
    const session = useSessionStore()
    registerSessionGetter(() => session.snapshot())
    sessionStorage.setItem('dialog-desk.session', JSON.stringify({ apiBase: '/api', apiKey: 'k', actingUserId: null }))
    session.restore('/api')
    const router = createAppRouter(createMemoryHistory(), session, 'Dialog Desk')
    router.beforeResolve(() => {
      // Before the lazy views resolve, the request is already on its way.
      expect(fetched.calls.length).toBeGreaterThan(0)
    })
    await router.push('/dialogs?type=group&page=2')
    expect(fetched.calls.map(c => c.url.pathname)).toEqual(['/api/chat/Dialog.json'])
    expect(fetched.calls[0]!.url.searchParams.get('type')).toBe('2')
    expect(fetched.calls[0]!.url.searchParams.get('skip')).toBe('25')

    await router.push('/dialogs/abc')
    await router.push('/dialogs/abc/members')
    expect(fetched.calls.map(c => c.url.pathname)).toEqual(['/api/chat/Dialog.json', '/api/chat/Dialog/abc.json'])
  })
})
