import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '@/test/fetch-mock'
import { configureClient, registerSessionGetter } from './client'
import { getDialog, getDialogEarly, listDialogs, listDialogsEarly } from './dialogReads'
import { clearEarly } from './early'
import { isApiError } from './errors'

let actingUserId: number | null = null
beforeEach(() => {
  actingUserId = null
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 2 })
  clearEarly()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const page = { total_entries: 0, skip: 0, limit: 25, items: [] }
const query = { skip: 0, limit: 25, sort: { field: 'last_message_date_sent' as const, order: 'desc' as const } }

describe('early requests (started with the route, taken by the first load)', () => {
  it('the first load takes the answer already asked for: one request, not two', async () => {
    const { calls } = mockFetch(() => json(page))
    listDialogsEarly(query)
    expect(calls).toHaveLength(1)
    expect(await listDialogs(query, undefined, { early: true })).toEqual(page)
    expect(calls).toHaveLength(1)
    // Taken once: the next load asks again.
    await listDialogs(query, undefined, { early: true })
    expect(calls).toHaveLength(2)
  })

  it('a read that does not ask for it (a check after a write) never takes it', async () => {
    const { calls } = mockFetch(() => json({ _id: 'd1', type: 2, occupants_ids: [] }))
    getDialogEarly('d1')
    await getDialog('d1')
    expect(calls).toHaveLength(2)
  })

  it('another query, another acting user or a stale answer is asked again', async () => {
    const { calls } = mockFetch(() => json(page))
    listDialogsEarly(query)
    await listDialogs({ ...query, skip: 25 }, undefined, { early: true })
    expect(calls).toHaveLength(2)

    listDialogsEarly(query)
    actingUserId = 1001
    await listDialogs(query, undefined, { early: true })
    expect(calls).toHaveLength(4)
    expect(calls[3]!.headers.get('On-Behalf-Of')).toBe('1001')

    vi.useFakeTimers({ toFake: ['Date'] })
    listDialogsEarly(query)
    vi.setSystemTime(Date.now() + 60_000)
    await listDialogs(query, undefined, { early: true })
    expect(calls).toHaveLength(6)
  })

  it('leaving the screen cancels the wait like a request, and a failure reaches the load', async () => {
    mockFetch(() => new Promise<Response>(() => {}))
    listDialogsEarly(query)
    const controller = new AbortController()
    const waiting = listDialogs(query, controller.signal, { early: true })
    controller.abort()
    await expect(waiting).rejects.toSatisfy(error => isApiError(error, 'abort'))

    mockFetch(() => json({ errors: ['Forbidden'] }, 403))
    listDialogsEarly(query)
    await expect(listDialogs(query, undefined, { early: true })).rejects.toSatisfy(error => isApiError(error, 'http'))
  })
})
