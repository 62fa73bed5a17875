import type { RecordedCall } from '@/test/fetch-mock'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { useBulkDeleteStore } from './bulkDelete'
import { useSessionStore } from './session'

beforeEach(() => {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.apiBase = '/api'
  session.apiKey = 'k'
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

const ids = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(24, '0'))
const targets = ids.map(id => ({ id, label: `Dialog ${id}` }))

function idsOf(call: RecordedCall): string[] {
  return call.url.pathname.slice('/api/chat/Dialog/'.length, -'.json'.length).split(',')
}

function deletedAll(call: RecordedCall) {
  return json({ SuccessfullyDeleted: { ids: idsOf(call) }, NotFound: { ids: [] }, WrongPermissions: { ids: [] } })
}

describe('bulk delete', () => {
  it('deletes in as few requests as fit, one at a time, with progress and an outcome per dialog', async () => {
    const { calls } = mockFetch((call) => {
      const [first, ...rest] = idsOf(call)
      return json({ SuccessfullyDeleted: { ids: rest }, NotFound: { ids: [first] }, WrongPermissions: { ids: [] } })
    })
    const bulk = useBulkDeleteStore()
    await bulk.start(targets, { force: true, skipped: [{ id: 'f'.repeat(24), label: 'Theirs', reason: 'Only the owner…' }] })
    expect(calls).toHaveLength(3)
    expect(calls.every(c => c.method === 'DELETE' && c.body === 'force=1')).toBe(true)
    expect(calls.flatMap(idsOf)).toEqual(ids)
    expect(bulk.progress).toEqual({ finished: 150, total: 150 })
    expect(bulk.phase).toBe('done')
    expect(bulk.counts).toMatchObject({ 'deleted': 147, 'not-found': 3, 'skipped': 1, 'failed': 0, 'not-started': 0 })
    expect(bulk.items.find(i => i.status === 'skipped')).toMatchObject({ label: 'Theirs', reason: 'Only the owner…' })
  })

  it('cancel sends nothing new, lets the request in flight finish, and reports the rest as not started', async () => {
    let release: () => void = () => {}
    const { calls } = mockFetch((call, i) => i === 1
      ? new Promise<Response>((resolve) => { release = () => resolve(deletedAll(call)) })
      : deletedAll(call))
    const bulk = useBulkDeleteStore()
    const done = bulk.start(targets, { force: false })
    await vi.waitFor(() => expect(calls).toHaveLength(2))
    expect(bulk.progress.finished).toBe(71)
    bulk.cancel()
    release()
    await done
    expect(calls).toHaveLength(2)
    expect(bulk.cancelled).toBe(true)
    expect(bulk.counts).toMatchObject({ 'deleted': 142, 'not-started': 8 })

    await bulk.rerun(['not-started'])
    expect(calls).toHaveLength(3)
    expect(idsOf(calls[2]!)).toEqual(ids.slice(142))
    expect(bulk.counts).toMatchObject({ 'deleted': 150, 'not-started': 0 })
  })

  it('keeps going after a failed request, with the server\'s words, and retries only the failed ones', async () => {
    const { calls } = mockFetch((call, i) => i === 1
      ? json({ errors: ['Too many requests, slow down'] }, 403)
      : deletedAll(call))
    const bulk = useBulkDeleteStore()
    await bulk.start(targets, { force: false })
    expect(calls).toHaveLength(3)
    expect(bulk.counts).toMatchObject({ deleted: 79, failed: 71 })
    expect(bulk.items.find(i => i.status === 'failed')!.reason).toContain('Too many requests, slow down')

    await bulk.rerun()
    expect(calls).toHaveLength(4)
    expect(idsOf(calls[3]!)).toEqual(ids.slice(71, 142))
    expect(bulk.counts).toMatchObject({ deleted: 150, failed: 0 })
  })

  it('reads every match of a search, 100 at a time', async () => {
    const all = Array.from({ length: 250 }, (_, i) => makeDialog({ _id: i.toString(16).padStart(24, '0') }))
    const { calls } = mockFetch((call) => {
      const skip = Number(call.url.searchParams.get('skip'))
      return json({ total_entries: 250, skip, limit: 100, items: all.slice(skip, skip + 100) })
    })
    const bulk = useBulkDeleteStore()
    const found = await bulk.collect({ skip: 50, limit: 25, type: 2 })
    expect(found).toHaveLength(250)
    expect(calls.map(c => [c.url.searchParams.get('skip'), c.url.searchParams.get('limit'), c.url.searchParams.get('type')])).toEqual([['0', '100', '2'], ['100', '100', '2'], ['200', '100', '2']])
    expect(bulk.progress).toEqual({ finished: 250, total: 250 })
    expect(bulk.phase).toBe('idle')
  })
})
