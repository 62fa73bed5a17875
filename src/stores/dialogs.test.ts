import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { useDialogsStore } from './dialogs'

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

describe('dialogs store', () => {
  it('holds a page and its total', async () => {
    mockFetch(() => json({ total_entries: 42, skip: 0, limit: 1, items: [makeDialog()] }))
    const store = useDialogsStore()
    await store.fetchDialogs({ limit: 1 })
    expect(store.items).toHaveLength(1)
    expect(store.total).toBe(42)
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })

  it('keeps the server error and rethrows', async () => {
    mockFetch(() => json({ errors: ['You don\'t have appropriate permissions to perform this operation'] }, 403))
    const store = useDialogsStore()
    await expect(store.fetchDialogs({})).rejects.toMatchObject({ status: 403 })
    expect(store.error?.message).toBe('You don\'t have appropriate permissions to perform this operation')
    expect(store.items).toEqual([])
  })

  it('aborts an older request when a newer one starts', async () => {
    let release: (r: Response) => void = () => {}
    const { calls } = mockFetch((_, i) => i === 0
      ? new Promise<Response>((resolve) => { release = resolve })
      : json({ total_entries: 2, skip: 0, limit: 10, items: [] }))
    const store = useDialogsStore()
    const first = store.fetchDialogs({ skip: 0 })
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    const second = store.fetchDialogs({ skip: 10 })
    await expect(first).rejects.toMatchObject({ kind: 'abort' })
    await second
    release(json({ total_entries: 1, skip: 0, limit: 10, items: [] }))
    expect(store.total).toBe(2)
    expect(store.query).toEqual({ skip: 10 })
  })

  it('aborts when the caller\'s signal fires', async () => {
    mockFetch(() => new Promise<Response>(() => {}))
    const store = useDialogsStore()
    const controller = new AbortController()
    const pending = store.fetchDialogs({}, controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ kind: 'abort' })
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })
})
