import type { UserMessageRow } from './userMessages'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { configureFanOut } from '@/jobs/fanOut'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { mergeNewestFirst, readDialogMessages, useUserMessagesStore } from './userMessages'

const U = 2001
const id = (n: number) => n.toString(16).padStart(24, '0')

function row(n: number, sentAt: number): UserMessageRow {
  return { id: id(n), dialogId: 'd', sentAt, text: '', attachments: 0, senderId: U }
}

function message(n: number, dialogId: string, sentAt: number) {
  return { _id: id(n), chat_dialog_id: dialogId, message: `m${n}`, sender_id: U, date_sent: sentAt, read_ids: [], delivered_ids: [], attachments: [] }
}

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'unit-test-key', actingUserId: null }))
  configureFanOut({ baseDelayMs: 1 })
})
afterEach(() => vi.unstubAllGlobals())

describe('mergeNewestFirst', () => {
  it('merges two newest-first lists, equal times by ID', () => {
    const a = [row(5, 50), row(3, 30), row(1, 10)]
    const b = [row(6, 60), row(4, 30), row(2, 20)]
    expect(mergeNewestFirst(a, b).map(r => r.id)).toEqual([6, 5, 4, 3, 2, 1].map(id))
    expect(mergeNewestFirst([], b)).toEqual(b)
  })
})

describe('readDialogMessages', () => {
  it('pages by date_sent until a short page, as them, sender_id and mark_as_read=0 on every request', async () => {
    const all = Array.from({ length: 150 }, (_, i) => message(1000 - i, 'd1', 5000 - Math.floor(i / 3)))
    const { calls } = mockFetch((call) => {
      const to = Number(call.url.searchParams.get('date_sent[lte]') ?? Infinity)
      const skip = Number(call.url.searchParams.get('skip') ?? 0)
      return json({ skip, limit: 100, items: all.filter(m => m.date_sent <= to).slice(skip, skip + 100) })
    })
    const rows = await readDialogMessages(U, 'd1', { text: 'hi', from: 10, to: null })
    expect(rows).toHaveLength(150)
    expect(new Set(rows.map(r => r.id)).size).toBe(150)
    expect(calls).toHaveLength(2)
    for (const call of calls) {
      expect(call.headers.get('on-behalf-of')).toBe(String(U))
      expect(call.url.searchParams.get('sender_id')).toBe(String(U))
      expect(call.url.searchParams.get('mark_as_read')).toBe('0')
      expect(call.url.searchParams.get('message[ctn]')).toBe('hi')
      expect(call.url.searchParams.get('date_sent[gte]')).toBe('10')
    }
    expect(calls[1]!.url.searchParams.get('date_sent[lte]')).toBe(String(all[99]!.date_sent))
  })
})

describe('the fan-out over their dialogs', () => {
  function serve(failFor?: string, holdFor?: Promise<void>) {
    const dialogs = Array.from({ length: 7 }, (_, i) => makeDialog({ _id: id(100 + i), occupants_ids: [U] }))
    let inFlight = 0
    let most = 0
    const mock = mockFetch(async (call) => {
      if (call.url.pathname.endsWith('Dialog.json'))
        return json({ total_entries: 7, skip: 0, limit: 100, items: dialogs })
      const dialog = call.url.searchParams.get('chat_dialog_id')!
      inFlight++
      most = Math.max(most, inFlight)
      try {
        if (dialog === failFor)
          return json({ errors: ['Forbidden'] }, 403)
        if (holdFor && dialog !== id(100))
          await holdFor
        const n = Number.parseInt(dialog, 16)
        return json({ skip: 0, limit: 100, items: [message(n * 10 + 1, dialog, n), message(n * 10, dialog, n - 50)] })
      }
      finally {
        inFlight--
      }
    })
    return { ...mock, most: () => most }
  }

  it('reads every dialog with at most 3 requests in flight and merges newest first; a failure never stops the rest and Retry failed reads only it', async () => {
    const failing = id(103)
    const server = serve(failing)
    const store = useUserMessagesStore()
    await store.start(U)
    expect(server.most()).toBeLessThanOrEqual(3)
    expect(store.phase).toBe('done')
    expect(store.progress).toEqual({ finished: 7, total: 7, failed: 1 })
    expect(store.failures).toEqual([{ dialogId: failing, error: 'Forbidden' }])
    expect(store.rows).toHaveLength(12)
    const times = store.rows.map(r => r.sentAt)
    expect(times).toEqual([...times].sort((a, b) => b - a))

    server.calls.length = 0
    vi.unstubAllGlobals()
    const again = serve()
    await store.retryFailed()
    expect(again.calls.map(c => c.url.searchParams.get('chat_dialog_id'))).toEqual([failing])
    expect(store.rows).toHaveLength(14)
    expect(store.failures).toEqual([])
    expect(store.progress).toEqual({ finished: 7, total: 7, failed: 0 })
  })

  it('Cancel aborts what is in flight at once and keeps what was found', async () => {
    let release!: () => void
    const hold = new Promise<void>((r) => {
      release = r
    })
    serve(undefined, hold)
    const store = useUserMessagesStore()
    const running = store.start(U)
    await vi.waitFor(() => expect(store.rows).toHaveLength(2))
    store.cancel()
    await running
    release()
    expect(store.phase).toBe('cancelled')
    expect(store.rows).toHaveLength(2)
  })
})
