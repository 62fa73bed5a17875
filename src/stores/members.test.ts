import type { Dialog } from '@/api/types'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, makeDialog, mockFetch } from '@/test/fetch-mock'
import { useActivityStore } from './activity'
import { adminsJoiningOccupants, memberChangeBody, useMembersStore } from './members'
import { useSessionStore } from './session'

const dialog = (overrides: Record<string, unknown> = {}) => makeDialog({ occupants_ids: [1001, 1002, 1003], admin_ids: [1002], ...overrides }) as Dialog

beforeEach(() => {
  setActivePinia(createPinia())
  // Signed in, so the activity log knows which application its entries belong to.
  const session = useSessionStore()
  session.apiBase = '/api'
  session.apiKey = 'k'
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

describe('memberChangeBody', () => {
  it('pushes only people not yet in, and nothing when all are in', () => {
    expect(memberChangeBody(dialog(), { kind: 'add-occupants', ids: [1003, 1004, 1004, 1005] })).toEqual({ push_all: { occupants_ids: [1004, 1005] } })
    expect(memberChangeBody(dialog(), { kind: 'add-occupants', ids: [1001, 1003] })).toBeNull()
    expect(memberChangeBody(dialog(), { kind: 'add-occupants', ids: [] })).toBeNull()
  })

  it('pulls only members, never the owner, and not admin_ids as well', () => {
    expect(memberChangeBody(dialog(), { kind: 'remove-occupants', ids: [1001, 1002, 1009] })).toEqual({ pull_all: { occupants_ids: [1002] } })
    expect(memberChangeBody(dialog(), { kind: 'remove-occupants', ids: [1001] })).toBeNull()
  })

  it('makes admins of non-admins other than the owner; demotes only admins', () => {
    expect(memberChangeBody(dialog(), { kind: 'add-admins', ids: [1001, 1002, 1003, 1007] })).toEqual({ push_all: { admin_ids: [1003, 1007] } })
    expect(memberChangeBody(dialog(), { kind: 'add-admins', ids: [1002] })).toBeNull()
    expect(memberChangeBody(dialog(), { kind: 'remove-admins', ids: [1002, 1003] })).toEqual({ pull_all: { admin_ids: [1002] } })
    expect(memberChangeBody(dialog(), { kind: 'remove-admins', ids: [1003] })).toBeNull()
  })

  it('restores removed people and their admin role in one push_all', () => {
    const after = dialog({ occupants_ids: [1001], admin_ids: [] })
    expect(memberChangeBody(after, { kind: 'restore', ids: [1002, 1003], admins: [1002] })).toEqual({ push_all: { occupants_ids: [1002, 1003], admin_ids: [1002] } })
    expect(memberChangeBody(after, { kind: 'restore', ids: [1003], admins: [] })).toEqual({ push_all: { occupants_ids: [1003] } })
    expect(memberChangeBody(dialog(), { kind: 'restore', ids: [1002, 1003], admins: [1002] })).toBeNull()
  })

  it('adds or removes 1,000 of 10,000 members in one body, quickly', () => {
    const members = Array.from({ length: 10_000 }, (_, i) => 100_001 + i)
    const big = dialog({ occupants_ids: members, user_id: members[0] })
    const start = performance.now()
    const pull = memberChangeBody(big, { kind: 'remove-occupants', ids: members.slice(0, 1000) })
    const push = memberChangeBody(big, { kind: 'add-occupants', ids: Array.from({ length: 1000 }, (_, i) => 200_001 + i) })
    // Array scans would be quadratic; generous for a loaded CI machine.
    expect(performance.now() - start).toBeLessThan(1000)
    expect(pull!.pull_all!.occupants_ids).toHaveLength(999)
    expect(push!.push_all!.occupants_ids).toHaveLength(1000)
  })

  it('names the admins a group push adds to the occupants too', () => {
    expect(adminsJoiningOccupants(dialog(), { push_all: { admin_ids: [1003, 1008] } })).toEqual([1008])
    expect(adminsJoiningOccupants(dialog({ type: 1 }), { push_all: { admin_ids: [1008] } })).toEqual([])
  })
})

describe('members store', () => {
  it('sends one PUT of the difference, replaces the dialog and records it', async () => {
    const before = dialog()
    const { calls } = mockFetch(() => json({ ...before, occupants_ids: [1001, 1002] }))
    const store = useMembersStore()
    const result = await store.changeMembers(before, { kind: 'remove-occupants', ids: [1003, 1001] })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.method).toBe('PUT')
    expect(calls[0]!.url.pathname).toBe(`/api/chat/Dialog/${before._id}.json`)
    expect(JSON.parse(calls[0]!.body!)).toEqual({ pull_all: { occupants_ids: [1003] } })
    expect(result!.dialog.occupants_ids).toEqual([1001, 1002])
    const [entry] = useActivityStore().entries
    expect(entry).toMatchObject({
      action: 'dialog.occupants.remove',
      result: 'success',
      before: { occupants_ids: [1001, 1002, 1003], admin_ids: [1002] },
      after: { occupants_ids: [1001, 1002] },
      request: { method: 'PUT', body: { pull_all: { occupants_ids: [1003] } } },
    })
  })

  it('sends nothing and records nothing when nothing changes', async () => {
    const { calls } = mockFetch(() => json({}))
    expect(await useMembersStore().changeMembers(dialog(), { kind: 'add-occupants', ids: [1002] })).toBeNull()
    expect(calls).toHaveLength(0)
    expect(useActivityStore().entries).toHaveLength(0)
  })

  it('records a refusal with the server text and rethrows it', async () => {
    mockFetch(() => json({ errors: ['You don\'t have appropriate permissions to modify or delete "admin_ids". '] }, 403))
    await expect(useMembersStore().changeMembers(dialog(), { kind: 'add-admins', ids: [1003] })).rejects.toMatchObject({ status: 403 })
    expect(useActivityStore().entries[0]).toMatchObject({ action: 'dialog.admins.add', result: 'failure', status: 403 })
  })

  it('keeps log entries of big dialogs small', async () => {
    const members = Array.from({ length: 5000 }, (_, i) => 1 + i)
    const big = dialog({ occupants_ids: members, user_id: 1 })
    mockFetch(() => json({ ...big, occupants_ids: members.slice(0, 4000) }))
    await useMembersStore().changeMembers(big, { kind: 'remove-occupants', ids: members.slice(4000) })
    expect(useActivityStore().entries[0]).toMatchObject({ before: { occupants_count: 5000 }, after: { occupants_count: 4000 } })
  })
})
