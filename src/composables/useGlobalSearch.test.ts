import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, makeUser, mockFetch } from '@/test/fetch-mock'
import { SEARCH_DELAY_MS, useGlobalSearch } from './useGlobalSearch'

const DIALOG_ID = '672c8eec5eedda7a00000001'

function answer() {
  return mockFetch((call) => {
    switch (call.url.pathname) {
      case `/api/chat/Dialog/${DIALOG_ID}.json`: return json(makeDialog({ _id: DIALOG_ID, name: 'Support' }))
      case '/api/chat/Dialog.json': return json({ total_entries: 6, skip: 0, limit: 5, items: [1, 2, 3, 4, 5].map(i => makeDialog({ _id: `${DIALOG_ID.slice(0, -1)}${i}`, name: `Team ${i}` })) })
      case '/api/users/by_full_name.json': return json({ current_page: 1, per_page: 5, total_entries: 1, items: [{ user: makeUser(1003, { full_name: 'Team Lead', login: 'lead', email: 'lead@x.io' }) }] })
      default: return json({ message: 'Couldn\'t find user' }, 404)
    }
  })
}

async function settle() {
  await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS)
  for (let i = 0; i < 5; i++) {
    await vi.runAllTimersAsync()
    await nextTick()
  }
}

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useGlobalSearch', () => {
  it('asks once typing pauses, lists dialogs, the list link and users, the first one active', async () => {
    const { calls } = answer()
    const scope = effectScope()
    const search = scope.run(() => useGlobalSearch())!
    search.text.value = 'Te'
    search.text.value = 'Team'
    await nextTick()
    expect(calls).toHaveLength(0)
    expect(search.statusText.value).toMatch(/^Searching…/)
    await settle()
    expect(calls.map(c => c.url.searchParams.get('name[ctn]') ?? c.url.searchParams.get('full_name') ?? c.url.searchParams.get('login'))).toEqual(['Team', 'Team', 'Team'])
    expect(search.options.value.map(o => o.label)).toEqual(['Team 1', 'Team 2', 'Team 3', 'Team 4', 'Team 5', 'All dialogs named “Team”', 'Team Lead'])
    expect(search.options.value.at(-1)!.to).toBe('/users/1003')
    expect(search.options.value[5]!.to).toEqual({ name: 'dialogs', query: { name: 'Team' } })
    expect(search.active.value).toBe(0)
    expect(search.statusText.value).toBe('5 dialogs, 1 user.')
    search.move(-1)
    expect(search.active.value).toBe(6)
    search.move(1)
    expect(search.active.value).toBe(0)
    scope.stop()
  })

  it('Enter before the answer opens the first result once it comes', async () => {
    answer()
    const scope = effectScope()
    const search = scope.run(() => useGlobalSearch())!
    search.text.value = DIALOG_ID
    await nextTick()
    search.enter()
    expect(search.chosen.value).toBeNull()
    await settle()
    expect(search.chosen.value?.to).toEqual({ name: 'dialog', params: { id: DIALOG_ID } })
    scope.stop()
  })

  it('Enter on an old answer waits for the new text\'s answer', async () => {
    answer()
    const scope = effectScope()
    const search = scope.run(() => useGlobalSearch())!
    search.text.value = 'Team'
    await settle()
    search.text.value = DIALOG_ID
    await nextTick()
    search.enter()
    expect(search.chosen.value).toBeNull()
    await settle()
    expect(search.chosen.value?.label).toBe('Support')
    scope.stop()
  })

  it('says when nothing matches, and clearing forgets everything', async () => {
    mockFetch(call => call.url.pathname === '/api/chat/Dialog.json' ? json({ total_entries: 0, skip: 0, limit: 5, items: [] }) : json({}, 404))
    const scope = effectScope()
    const search = scope.run(() => useGlobalSearch())!
    search.text.value = 'zz'
    await settle()
    expect(search.options.value).toEqual([])
    expect(search.statusText.value).toBe('No dialog or user matches “zz”.')
    search.clear()
    await nextTick()
    expect(search.text.value).toBe('')
    expect(search.statusText.value).toMatch(/^Type a dialog name or ID/)
    scope.stop()
  })
})
