import type { RecordedCall } from '@/test/fetch-mock'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { useActivityStore } from './activity'
import { useSessionStore } from './session'
import { useUserActionsStore } from './userActions'

const U = 2001
const id = (n: number) => n.toString(16).padStart(24, '0')
// Four groups (one they own), one private dialog.
const dialogs = [
  makeDialog({ _id: id(1), occupants_ids: [9, U] }),
  makeDialog({ _id: id(2), occupants_ids: [9, U], admin_ids: [U] }),
  makeDialog({ _id: id(3), occupants_ids: [9, U] }),
  makeDialog({ _id: id(4), user_id: U, occupants_ids: [U, 9] }),
  makeDialog({ _id: id(5), type: 3, occupants_ids: [U, 9], name: 'Private' }),
]

function list() {
  return json({ total_entries: dialogs.length, skip: 0, limit: 100, items: dialogs })
}

function body(call: RecordedCall) {
  return call.body ? JSON.parse(call.body) as Record<string, unknown> : null
}

beforeEach(() => {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.apiBase = '/api'
  session.apiKey = 'unit-test-key'
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'unit-test-key', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

describe('remove from all groups', () => {
  it('plans from their dialogs as they see them, skipping the owned and the private one, sending nothing', async () => {
    const { calls } = mockFetch(() => list())
    const store = useUserActionsStore()
    await store.prepare('remove', U, 'Robin')
    expect(calls).toHaveLength(1)
    expect(calls[0]!.headers.get('on-behalf-of')).toBe(String(U))
    expect(store.run!.plan.change.map(c => c.dialogId)).toEqual([id(1), id(2), id(3)])
    expect(store.run!.plan.skipped.map(s => [s.dialogId, s.reason])).toEqual([[id(4), 'owner'], [id(5), 'private']])
    expect(store.run!.phase).toBe('dry-run')
  })

  it('runs one pull_all per dialog as the acting user; a failure never stops the rest; Retry failed sends only it; Undo puts back what was done', async () => {
    let refuse = true
    const { calls } = mockFetch((call) => {
      if (call.method === 'GET')
        return list()
      if (call.url.pathname.includes(id(2)) && refuse)
        return json({ errors: ['Service busy'] }, 422)
      return json(dialogs[0])
    })
    const store = useUserActionsStore()
    const activity = useActivityStore()
    await store.prepare('remove', U, 'Robin')
    await store.confirm()
    const puts = calls.filter(c => c.method === 'PUT')
    expect(puts).toHaveLength(3)
    expect(puts.every(c => !c.headers.has('on-behalf-of'))).toBe(true)
    expect(puts.map(body)).toEqual(Array.from({ length: 3 }, () => ({ pull_all: { occupants_ids: [U] } })))
    expect(store.run!.outcomes.map(o => [o.dialogId, o.status, o.text])).toEqual([
      [id(1), 'done', 'Removed'],
      [id(2), 'failed', 'Service busy'],
      [id(3), 'done', 'Removed'],
    ])
    await vi.waitFor(() => expect(activity.entries[0]?.result).toBe('partial'))
    expect(activity.entries[0]).toMatchObject({ action: 'user.dialogs.remove', summary: 'Removed Robin from 3 dialogs', target: { kind: 'user', id: String(U) }, error: '1 of 3 dialogs failed' })
    expect(activity.entries[0]!.after).toEqual({ done: 2, failed: [{ dialog: id(2), name: 'Team', error: 'Service busy' }], notStarted: 0 })

    refuse = false
    await store.retryFailed()
    const retried = calls.filter(c => c.method === 'PUT').slice(3)
    expect(retried.map(c => c.url.pathname)).toEqual([`/api/chat/Dialog/${id(2)}.json`])
    expect(store.run!.outcomes.filter(o => o.status === 'done')).toHaveLength(3)
    expect(store.canUndo(store.run)).toBe(true)

    await store.undo()
    const restores = calls.filter(c => c.method === 'PUT').slice(4)
    expect(restores.map(c => [c.url.pathname.slice(-29, -5), body(c)])).toEqual([
      [id(1), { push_all: { occupants_ids: [U] } }],
      [id(2), { push_all: { occupants_ids: [U], admin_ids: [U] } }],
      [id(3), { push_all: { occupants_ids: [U] } }],
    ])
    expect(store.canUndo(store.run)).toBe(false)
    await vi.waitFor(() => expect(activity.entries.map(e => e.action)).toEqual(['user.dialogs.restore', 'user.dialogs.remove', 'user.dialogs.remove']))
  })

  it('Cancel sends nothing new; a write under way finishes and the rest are "not started"', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const { calls } = mockFetch(async (call) => {
      if (call.method === 'GET')
        return list()
      await gate
      return json(dialogs[0])
    })
    const store = useUserActionsStore()
    await store.prepare('remove', U, 'Robin')
    const running = store.confirm()
    await vi.waitFor(() => expect(calls.filter(c => c.method === 'PUT')).toHaveLength(3))
    store.cancel()
    release()
    await running
    expect(store.run!.outcomes.map(o => o.status)).toEqual(['done', 'done', 'done'])
    expect(store.run!.cancelled).toBe(true)
  })
})

describe('mark all read for them', () => {
  it('reads their unread counts (one request per 100 dialogs, as them) and marks only dialogs with unread, on their behalf', async () => {
    const { calls } = mockFetch((call) => {
      if (call.url.pathname.endsWith('unread.json'))
        return json({ total: 3, [id(1)]: 3, [id(2)]: 0, [id(3)]: 0, [id(4)]: 0, [id(5)]: 0 })
      if (call.method === 'GET')
        return list()
      return new Response(null, { status: 200 })
    })
    const store = useUserActionsStore()
    await store.prepare('mark-read', U, 'Robin')
    expect(store.run!.plan.change.map(c => c.dialogId)).toEqual([id(1)])
    expect(store.run!.plan.untouched).toBe(4)
    await store.confirm()
    const puts = calls.filter(c => c.method === 'PUT')
    expect(puts.map(c => [c.url.pathname, c.headers.get('on-behalf-of'), body(c)])).toEqual([['/api/chat/Message.json', String(U), { read: 1, chat_dialog_id: id(1) }]])
  })
})

describe('delete selected messages for everyone', () => {
  it('deletes per dialog with force, and says what went', async () => {
    const gone: string[] = []
    const { calls } = mockFetch((call) => {
      if (call.method === 'GET')
        return list()
      const ids = call.url.pathname.split('/').at(-1)!.replace('.json', '').split(',')
      return json({ SuccessfullyDeleted: { ids: ids.slice(1) }, NotFound: { ids: ids.slice(0, 1) }, WrongPermissions: { ids: [] } })
    })
    const store = useUserActionsStore()
    const messages = [
      { id: id(11), dialogId: id(1), senderId: U },
      { id: id(12), dialogId: id(1), senderId: U },
      { id: id(13), dialogId: id(3), senderId: U },
      { id: id(14), dialogId: id(3), senderId: U },
    ]
    await store.prepare('delete-messages', U, 'Robin', { messages })
    await store.confirm(ids => gone.push(...ids))
    const deletes = calls.filter(c => c.method === 'DELETE')
    expect(deletes.map(c => [c.url.pathname, c.body])).toEqual([
      [`/api/chat/Message/${id(11)},${id(12)}.json`, 'force=1'],
      [`/api/chat/Message/${id(13)},${id(14)}.json`, 'force=1'],
    ])
    expect(store.run!.outcomes.map(o => o.text)).toEqual(['1 deleted, 1 already gone', '1 deleted, 1 already gone'])
    expect(gone.sort()).toEqual([id(11), id(12), id(13), id(14)])
  })
})
