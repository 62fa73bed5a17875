import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { useDialogsStore } from './dialogs'
import { useSessionStore } from './session'

beforeEach(() => {
  setActivePinia(createPinia())
  // Signed in, so the activity log knows which application its entries belong to.
  const session = useSessionStore()
  session.apiBase = '/api'
  session.apiKey = 'k'
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

describe('dialogs store mutations', () => {
  it('creates a dialog and makes it the current one', async () => {
    const { calls } = mockFetch(() => json(makeDialog({ _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'New' }), 201))
    const store = useDialogsStore()
    const created = await store.createDialog({ type: 2, name: 'New', occupants_ids: '1002' })
    expect(calls[0]!.method).toBe('POST')
    expect(JSON.parse(calls[0]!.body!)).toEqual({ type: 2, name: 'New', occupants_ids: '1002' })
    expect(created._id).toBe('aaaaaaaaaaaaaaaaaaaaaaaa')
    expect(store.current?._id).toBe('aaaaaaaaaaaaaaaaaaaaaaaa')
  })

  it('deletes several dialogs in one request, force as a form body, and records it', async () => {
    const ids = ['a'.repeat(24), 'b'.repeat(24), 'c'.repeat(24)]
    const { calls } = mockFetch((call) => {
      if (call.method === 'GET')
        return json({ total_entries: 3, skip: 0, limit: 10, items: ids.map(id => makeDialog({ _id: id })) })
      return json({ SuccessfullyDeleted: { ids: [ids[0]] }, NotFound: { ids: [ids[1]] }, WrongPermissions: { ids: [ids[2]] } })
    })
    const store = useDialogsStore()
    await store.fetchDialogs({})
    const result = await store.deleteDialogs(ids, { force: true })
    const deletes = calls.filter(c => c.method === 'DELETE')
    expect(deletes).toHaveLength(1)
    expect(deletes[0]!.url.pathname).toBe(`/api/chat/Dialog/${ids.join(',')}.json`)
    expect(result).toEqual({ SuccessfullyDeleted: { ids: [ids[0]] }, NotFound: { ids: [ids[1]] }, WrongPermissions: { ids: [ids[2]] } })
    expect(store.items.map(d => d._id)).toEqual([ids[1], ids[2]])
    expect(store.total).toBe(2)
    const { useActivityStore } = await import('./activity')
    const entry = useActivityStore().entries[0]!
    expect(entry).toMatchObject({ action: 'dialog.delete', result: 'partial', request: { method: 'DELETE', body: { force: 1 } } })
    expect(entry.target.ids).toEqual(ids)
  })

  it('splits a long selection into as few paths as fit', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(24, '0'))
    const { calls } = mockFetch(call => json({ SuccessfullyDeleted: { ids: call.url.pathname.slice('/api/chat/Dialog/'.length, -'.json'.length).split(',') }, NotFound: { ids: [] }, WrongPermissions: { ids: [] } }))
    const store = useDialogsStore()
    const result = await store.deleteDialogs(ids)
    // 71 ids of 24 characters fit in 1,800; 150 need three paths.
    expect(calls.length).toBe(3)
    expect(calls.every(c => c.url.pathname.length <= 1800 + '/api'.length && c.body === null)).toBe(true)
    expect(result.SuccessfullyDeleted.ids).toHaveLength(150)
  })

  it('reports a refused or missing single id in the result, and an empty 200 as deleted', async () => {
    const { calls } = mockFetch((_, i) => i === 0
      ? json({ errors: ['The resource wasn\'t found'] }, 404)
      : new Response('', { status: 200 }))
    const store = useDialogsStore()
    const missing = await store.deleteDialogs(['d'.repeat(24)])
    expect(missing.NotFound.ids).toEqual(['d'.repeat(24)])
    const gone = await store.deleteDialogs(['e'.repeat(24)], { force: true })
    expect(gone.SuccessfullyDeleted.ids).toEqual(['e'.repeat(24)])
    expect(calls).toHaveLength(2)
  })
})
