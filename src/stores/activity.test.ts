import type { Pinia } from 'pinia'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appFingerprint } from '@/activity/app'
import { recordSessionActivity } from './sessionActivity'
import { ApiError } from '@/api/errors'
import { json, makeUser, mockFetch } from '@/test/fetch-mock'
import { FORGET_ON_SIGN_OUT_KEY, useActivityStore } from './activity'
import { operatorName, setOperatorName } from './operator'
import { useSessionStore } from './session'

const KEY = 'unit-test-api-key-0123'
const OTHER_KEY = 'unit-test-api-key-of-another-app'
const DIALOG = '672c8eec5eedda7a00000001'
let pinia: Pinia

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  setOperatorName('', false)
  pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  session.apiBase = 'http://qb.test/api'
  session.apiKey = KEY
})
afterEach(() => vi.unstubAllGlobals())

/** Resolves once the session hooks' lazily loaded store has written. */
async function settle(store: ReturnType<typeof useActivityStore>, count: number) {
  await vi.waitFor(() => expect(store.entries.length).toBe(count))
}

describe('activity store: record', () => {
  it('fills id, time, API base, operator and acting user; newest first', async () => {
    const session = useSessionStore()
    setOperatorName('Dana', false)
    const store = useActivityStore()
    const first = await store.record({ action: 'dialog.create', summary: 'Created group “Team”', target: { kind: 'dialog', id: DIALOG, label: 'Team' } })
    session.actingUserId = 1001
    const second = await store.record({ action: 'dialog.delete', summary: 'Deleted “Team”', target: { kind: 'dialog', id: DIALOG } })
    expect(first).toMatchObject({ id: 1, operator: 'Dana', apiBase: 'http://qb.test/api', actingAs: { userId: null, label: 'Account owner (API key)' }, result: 'success' })
    expect(Date.parse(first.at)).not.toBeNaN()
    expect(second).toMatchObject({ id: 2, actingAs: { userId: 1001, label: 'User #1001' } })
    expect(store.entries.map(e => e.id)).toEqual([2, 1])
    expect(store.storage).toBe('memory')
    expect(store.storageNote).toMatch(/IndexedDB/)
  })

  it('leaves the operator out when none was given', async () => {
    const entry = await useActivityStore().record({ action: 'dialog.delete', summary: 'x', target: { kind: 'dialog', id: DIALOG } })
    expect('operator' in entry).toBe(false)
  })

  it('stores no trace of the API key, nor headers, even when a caller passes them', async () => {
    const store = useActivityStore()
    const entry = await store.record({
      action: 'dialog.update',
      summary: 'Update',
      target: { kind: 'dialog', id: DIALOG },
      before: { name: 'Old', token: KEY, note: `key is ${KEY}` },
      after: { name: 'New', [KEY]: true, list: [KEY] },
      request: { method: 'PUT', path: `/chat/Dialog/${DIALOG}.json?key=${KEY}`, body: { name: 'New', headers: { Authorization: `ApiKey ${KEY}` } }, headers: { Authorization: `ApiKey ${KEY}` } } as never,
      error: `Rejected ${KEY}`,
    })
    const stored = JSON.stringify(entry)
    expect(stored).not.toContain(KEY)
    expect(stored.toLowerCase()).not.toContain('authorization')
    expect(entry.before).toEqual({ name: 'Old', note: '[removed: contained the API key]' })
    expect(entry.after).toEqual({ name: 'New', list: ['[removed: contained the API key]'] })
    expect(entry.request).toEqual({ method: 'PUT', path: '[removed: contained the API key]', body: { name: 'New' } })
    await store.load()
    expect(JSON.stringify(store.entries)).not.toContain(KEY)
  })

  it('keeps the newest entries in the list when loaded again', async () => {
    const store = useActivityStore()
    for (let i = 0; i < 3; i++)
      await store.record({ action: 'message.delete', summary: `Deleted ${i}`, target: { kind: 'message', id: `m${i}`, dialogId: DIALOG } })
    await store.load()
    expect(store.entries.map(e => e.summary)).toEqual(['Deleted 2', 'Deleted 1', 'Deleted 0'])
    await store.clear()
    // The log is never silently empty: clearing it is its first new entry.
    expect(store.entries.map(e => [e.action, e.summary])).toEqual([['log.clear', 'Cleared the activity log (3 entries)']])
    await store.load()
    expect(store.entries.map(e => e.action)).toEqual(['log.clear'])
  })
})

describe('activity store: track', () => {
  const input = {
    action: 'dialog.update' as const,
    summary: 'Renamed “A” to “B”',
    target: { kind: 'dialog' as const, id: DIALOG, label: 'A' },
    before: { name: 'A' },
    request: { method: 'PUT', path: `/chat/Dialog/${DIALOG}.json`, body: { name: 'B' } },
  }

  it('records a success with the state after, and returns the result', async () => {
    const store = useActivityStore()
    const result = await store.track(input, async () => ({ _id: DIALOG, name: 'B' }), { after: d => ({ name: d.name }) })
    expect(result).toEqual({ _id: DIALOG, name: 'B' })
    expect(store.entries[0]).toMatchObject({ ...input, after: { name: 'B' }, result: 'success' })
    expect(store.entries[0]!.status).toBeUndefined()
  })

  it('records a failure with the ApiError status and server text, and rethrows the same error', async () => {
    const store = useActivityStore()
    const error = new ApiError({ kind: 'http', status: 403, messages: ['You don\'t have permission to update this dialog'], method: 'PUT', path: `/chat/Dialog/${DIALOG}.json` })
    await expect(store.track(input, async () => { throw error })).rejects.toBe(error)
    expect(store.entries[0]).toMatchObject({ action: 'dialog.update', result: 'failure', status: 403, error: 'You don\'t have permission to update this dialog', before: { name: 'A' } })
    expect(store.entries[0]!.after).toBeUndefined()
  })

  it('takes the request from the ApiError when the caller gave none, and copes with other errors', async () => {
    const store = useActivityStore()
    const { request: _request, ...bare } = input
    await expect(store.track(bare, async () => { throw new ApiError({ kind: 'network', method: 'DELETE', path: '/chat/Dialog/x.json' }) })).rejects.toBeInstanceOf(ApiError)
    expect(store.entries[0]).toMatchObject({ result: 'failure', status: 0, request: { method: 'DELETE', path: '/chat/Dialog/x.json' } })
    await expect(store.track(bare, async () => { throw new TypeError('boom') })).rejects.toThrow('boom')
    expect(store.entries[0]).toMatchObject({ result: 'failure', error: 'boom' })
    expect(store.entries[0]!.status).toBeUndefined()
  })

  it('records a partial success with the reason', async () => {
    const store = useActivityStore()
    await store.track({ action: 'message.delete', summary: 'Deleted 3 messages', target: { kind: 'message', id: 'm1', ids: ['m1', 'm2', 'm3'], dialogId: DIALOG } }, async () => ({ deleted: 2 }), {
      partial: r => r.deleted < 3 ? `${3 - r.deleted} of 3 were not deleted` : null,
    })
    expect(store.entries[0]).toMatchObject({ result: 'partial', error: '1 of 3 were not deleted' })
  })

  it('scrubs the key from a failure\'s server text too', async () => {
    const store = useActivityStore()
    await expect(store.track(input, async () => { throw new ApiError({ kind: 'http', status: 401, messages: [`Bad key ${KEY}`] }) })).rejects.toBeInstanceOf(ApiError)
    expect(JSON.stringify(store.entries[0])).not.toContain(KEY)
  })
})

describe('activity store: pending before, completed after', () => {
  const input = {
    action: 'dialog.update' as const,
    summary: 'Renamed “A” to “B”',
    target: { kind: 'dialog' as const, id: DIALOG, label: 'A' },
    request: { method: 'PUT', path: `/chat/Dialog/${DIALOG}.json`, body: { name: 'B' } },
  }

  it('stores the entry as pending before the request runs, then completes the same entry', async () => {
    const store = useActivityStore()
    let seen: { id: number, result: string, running: boolean } | null = null
    await store.track(input, async () => {
      const entry = store.entries[0]!
      seen = { id: entry.id, result: entry.result, running: store.isRunning(entry) }
      return { _id: DIALOG, name: 'B' }
    })
    expect(seen).toEqual({ id: 1, result: 'pending', running: true })
    expect(store.entries).toHaveLength(1)
    expect(store.entries[0]).toMatchObject({ id: 1, result: 'success' })
    expect(store.isRunning(store.entries[0]!)).toBe(false)
    // What storage holds is the completed entry, under the same id.
    await store.load()
    expect(store.entries.map(e => [e.id, e.result])).toEqual([[1, 'success']])
  })

  it('a write whose answer was lost and could not be confirmed is recorded as unknown', async () => {
    const store = useActivityStore()
    const lost = new ApiError({ kind: 'unknown-outcome', method: 'PUT', path: `/chat/Dialog/${DIALOG}.json` })
    await expect(store.track(input, async () => { throw lost })).rejects.toBe(lost)
    expect(store.entries).toHaveLength(1)
    expect(store.entries[0]).toMatchObject({ id: 1, result: 'unknown', status: 0, error: lost.message })
    const refused = new ApiError({ kind: 'not-applied', method: 'PUT', path: `/chat/Dialog/${DIALOG}.json` })
    await expect(store.track(input, async () => { throw refused })).rejects.toBe(refused)
    expect(store.entries[0]).toMatchObject({ id: 2, result: 'failure' })
  })

  it('an entry left pending by an earlier page load is not running', async () => {
    const store = useActivityStore()
    const left = await store.record({ ...input, result: 'pending' })
    expect(store.isRunning(left)).toBe(false)
  })

  it('a created dialog\'s ID goes into the target, so the dialog filter finds its creation', async () => {
    const store = useActivityStore()
    await store.track({ action: 'dialog.create', summary: 'Created group “Team”', target: { kind: 'dialog', label: 'Team' } }, async () => ({ _id: DIALOG, name: 'Team' }), { after: d => d })
    expect(store.entries[0]!.target).toEqual({ kind: 'dialog', id: DIALOG, label: 'Team' })
    await store.track({ action: 'dialog.create', summary: 'Created', target: { kind: 'dialog' } }, async () => 'x', { target: () => ({ id: 'given', label: 'Given' }) })
    expect(store.entries[0]!.target).toEqual({ kind: 'dialog', id: 'given', label: 'Given' })
  })
})

describe('activity store: one log per application', () => {
  it('stamps each entry with the app fingerprint (never the key) and shows only the current app\'s entries', async () => {
    const session = useSessionStore()
    const store = useActivityStore()
    const a = await store.record({ action: 'dialog.delete', summary: 'in A', target: { kind: 'dialog', id: DIALOG } })
    expect(a.app).toBe(await appFingerprint('http://qb.test/api', KEY))
    expect(a.app).toMatch(/^[0-9a-f]{16}$/)
    session.apiKey = OTHER_KEY
    await vi.waitFor(async () => expect(store.current?.app).toBe(await appFingerprint('http://qb.test/api', OTHER_KEY)))
    expect(store.entries).toEqual([])
    await store.record({ action: 'dialog.delete', summary: 'in B', target: { kind: 'dialog', id: DIALOG } })
    await store.load()
    expect(store.entries.map(e => e.summary)).toEqual(['in B'])
    // Locked: the key is gone, the app stays.
    session.apiKey = null
    await store.record({ action: 'session.lock', summary: 'Locked', target: { kind: 'session' } })
    expect(store.entries.map(e => e.summary)).toEqual(['Locked', 'in B'])
    session.apiKey = KEY
    await vi.waitFor(async () => expect(store.current?.app).toBe(a.app))
    expect(store.entries.map(e => e.summary)).toEqual(['in A'])
    expect(JSON.stringify(store.entries)).not.toContain(KEY)
  })

  it('"forget on sign-out" is remembered on the device, and signing out then deletes this app\'s entries only', async () => {
    mockFetch(() => json({ current_page: 1, per_page: 1, total_entries: 1, items: [{ user: makeUser(1001) }] }))
    const session = useSessionStore()
    session.$reset()
    const store = useActivityStore()
    recordSessionActivity(pinia, session)
    expect(store.forgetOnSignOut).toBe(false)

    // Another application's log, kept (the option is off while it is used).
    await session.signIn({ apiBase: '/api', apiKey: OTHER_KEY, actingUserId: null, remember: false })
    await settle(store, 1)
    session.signOut()
    store.setForgetOnSignOut(true)
    expect(localStorage.getItem(FORGET_ON_SIGN_OUT_KEY)).toBe('true')

    await session.signIn({ apiBase: '/api', apiKey: KEY, actingUserId: null, remember: false })
    await vi.waitFor(async () => expect(store.current?.app).toBe(await appFingerprint('/api', KEY)))
    await settle(store, 1)
    await store.record({ action: 'dialog.delete', summary: 'Deleted', target: { kind: 'dialog', id: DIALOG } })
    session.signOut()
    await vi.waitFor(async () => {
      await store.load()
      expect(store.entries).toEqual([])
    })
    // The other application's log is untouched.
    store.setForgetOnSignOut(false)
    await session.signIn({ apiBase: '/api', apiKey: OTHER_KEY, actingUserId: null, remember: false })
    await settle(store, 3)
    expect(store.entries.map(e => e.action)).toEqual(['session.sign-in', 'session.sign-out', 'session.sign-in'])
    store.setForgetOnSignOut(true)

    setActivePinia(createPinia())
    expect(useActivityStore().forgetOnSignOut).toBe(true)
  })

  it('with the option off, signing out is an entry and nothing is deleted', async () => {
    mockFetch(() => json({ current_page: 1, per_page: 1, total_entries: 1, items: [{ user: makeUser(1001) }] }))
    const session = useSessionStore()
    session.$reset()
    const store = useActivityStore()
    recordSessionActivity(pinia, session)
    await session.signIn({ apiBase: '/api', apiKey: KEY, actingUserId: null, remember: false })
    await settle(store, 1)
    session.signOut()
    await settle(store, 2)
    expect(store.entries.map(e => e.action)).toEqual(['session.sign-out', 'session.sign-in'])
  })
})

describe('session activity', () => {
  const usersPage = () => json({ current_page: 1, per_page: 1, total_entries: 1, items: [{ user: makeUser(1001) }] })

  it('records sign-in with the operator, acting-user switches, and sign-out; never the key', async () => {
    mockFetch(call => call.url.pathname.endsWith('/users/1001.json') ? json({ user: makeUser(1001) }) : usersPage())
    const session = useSessionStore()
    session.$reset()
    const store = useActivityStore()
    recordSessionActivity(pinia, session)

    setOperatorName('Dana', false)
    await session.signIn({ apiBase: 'http://qb.test/api', apiKey: KEY, actingUserId: null, remember: false })
    await settle(store, 1)
    session.setActingUser(1001)
    await settle(store, 2)
    session.setActingUser(1001)
    session.signOut()
    await settle(store, 3)

    const [signOut, actAs, signIn] = store.entries
    expect(signIn).toMatchObject({ action: 'session.sign-in', operator: 'Dana', result: 'success', apiBase: 'http://qb.test/api', actingAs: { userId: null }, summary: 'Signed in to http://qb.test/api as the account owner' })
    expect(actAs).toMatchObject({ action: 'session.act-as', before: { actingUserId: null }, after: { actingUserId: 1001 }, actingAs: { userId: 1001 }, summary: 'Switched from the account owner to user #1001' })
    expect(signOut).toMatchObject({ action: 'session.sign-out', operator: 'Dana', actingAs: { userId: 1001 }, apiBase: 'http://qb.test/api' })
    expect(JSON.stringify(store.entries)).not.toContain(KEY)
    expect(operatorName.value).toBe('')
  })

  it('records lock, a failed and a good unlock, and a key the server stopped accepting; never a key', async () => {
    let accept = true
    mockFetch(() => accept ? usersPage() : json({ errors: ['Unauthorized'] }, 401))
    const session = useSessionStore()
    session.$reset()
    const store = useActivityStore()
    recordSessionActivity(pinia, session)
    await session.signIn({ apiBase: '/api', apiKey: KEY, actingUserId: null, remember: false })
    await settle(store, 1)

    session.lock()
    await settle(store, 2)
    session.lock()
    accept = false
    await expect(session.unlock('typed-wrong-key')).rejects.toThrow()
    await settle(store, 3)
    accept = true
    await session.unlock(KEY)
    await settle(store, 4)
    session.expire()
    await settle(store, 5)
    session.expire()

    expect(store.entries.map(e => [e.action, e.result])).toEqual([
      ['session.revoked', 'failure'],
      ['session.unlock', 'success'],
      ['session.unlock', 'failure'],
      ['session.lock', 'success'],
      ['session.sign-in', 'success'],
    ])
    expect(store.entries[0]).toMatchObject({ status: 401, summary: '/api stopped accepting the API key: signed out' })
    expect(store.entries[2]).toMatchObject({ status: 401, summary: 'Unlock of /api failed: wrong API key' })
    expect(JSON.stringify(store.entries)).not.toContain(KEY)
    expect(JSON.stringify(store.entries)).not.toContain('typed-wrong-key')
  })

  it('records a failed sign-in without the typed key, tied to no app but shown with its API base', async () => {
    let accept = false
    mockFetch(() => accept ? usersPage() : json({ errors: ['Unauthorized'] }, 401))
    const session = useSessionStore()
    session.$reset()
    const store = useActivityStore()
    recordSessionActivity(pinia, session)
    await expect(session.signIn({ apiBase: '/api', apiKey: 'typed-wrong-key', actingUserId: null, remember: false })).rejects.toThrow()
    accept = true
    await session.signIn({ apiBase: '/api', apiKey: KEY, actingUserId: null, remember: false })
    await settle(store, 2)
    expect(store.entries[1]).toMatchObject({ action: 'session.sign-in', result: 'failure', status: 401 })
    expect(store.entries[1]!.app).toBeUndefined()
    expect(store.entries[0]!.app).toBe(await appFingerprint('/api', KEY))
    expect(JSON.stringify(store.entries)).not.toContain('typed-wrong-key')
  })

  it('records clearing the log, and clearing removes only this app\'s entries', async () => {
    const session = useSessionStore()
    const store = useActivityStore()
    await store.record({ action: 'dialog.delete', summary: 'A1', target: { kind: 'dialog', id: DIALOG } })
    session.apiKey = OTHER_KEY
    await vi.waitFor(async () => expect(store.current?.app).toBe(await appFingerprint(session.apiBase, OTHER_KEY)))
    await store.record({ action: 'dialog.delete', summary: 'B1', target: { kind: 'dialog', id: DIALOG } })
    await store.clear()
    expect(store.entries.map(e => [e.action, e.summary])).toEqual([['log.clear', 'Cleared the activity log (1 entry)']])
    session.apiKey = KEY
    await vi.waitFor(async () => expect(store.current?.app).toBe(await appFingerprint(session.apiBase, KEY)))
    await store.load()
    expect(store.entries.map(e => e.summary)).toEqual(['A1'])
  })
})
