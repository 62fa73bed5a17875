import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { createAppRouter, safeRedirect } from './index'

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  setActivePinia(createPinia())
})

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
