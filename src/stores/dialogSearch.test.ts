import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerSessionGetter } from '@/api/client'
import { json, mockFetch } from '@/test/fetch-mock'
import { useDialogSearchStore } from './dialogSearch'

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
})
afterEach(() => vi.unstubAllGlobals())

const alice = { id: 1001, full_name: 'Alice Martin', login: 'alice.martin', email: 'alice.martin@example.com' }
const aliceS = { id: 1026, full_name: 'Alice Silva', login: 'alice.silva', email: 'alice.silva@example.com' }
const notFound = () => json({ errors: { base: ['Entity not found'] } }, 404)

/** A users API that knows Alice Martin and Alice Silva. */
function usersApi() {
  return mockFetch((call) => {
    const q = call.url.searchParams
    if (call.url.pathname.endsWith('/users/by_login.json'))
      return [alice, aliceS].find(u => u.login === q.get('login')) ? json({ user: [alice, aliceS].find(u => u.login === q.get('login')) }) : notFound()
    if (call.url.pathname.endsWith('/users/by_email.json'))
      return [alice, aliceS].find(u => u.email === q.get('email')) ? json({ user: [alice, aliceS].find(u => u.email === q.get('email')) }) : notFound()
    if (call.url.pathname.endsWith('/users/by_full_name.json')) {
      const items = [alice, aliceS].filter(u => u.full_name.toLowerCase().includes(q.get('full_name')!.toLowerCase())).map(user => ({ user }))
      return json({ current_page: 1, per_page: 20, total_entries: items.length, items })
    }
    return notFound()
  })
}

describe('dialog search', () => {
  it('needs no request for a dialog ID, a user ID or a name: search', async () => {
    const { calls } = usersApi()
    const search = useDialogSearchStore()
    expect(await search.resolve('65f1a2b3c4d5e6f708192a3b')).toEqual({ kind: 'dialog', id: '65f1a2b3c4d5e6f708192a3b' })
    expect(await search.resolve('1001')).toEqual({ kind: 'person', userId: 1001, by: 'id' })
    expect(await search.resolve('name:alice')).toEqual({ kind: 'name', text: 'alice', people: [] })
    expect(calls).toHaveLength(0)
  })

  it('finds one person by login, email or name, and remembers it', async () => {
    const { calls } = usersApi()
    const search = useDialogSearchStore()
    expect(await search.resolve('alice.silva')).toEqual({ kind: 'person', userId: 1026, by: 'login' })
    expect(await search.resolve('alice.martin@example.com')).toEqual({ kind: 'person', userId: 1001, by: 'email' })
    expect(await search.resolve('Alice Martin')).toEqual({ kind: 'person', userId: 1001, by: 'full name' })
    const made = calls.length
    expect(search.known('Alice Martin')).toEqual({ kind: 'person', userId: 1001, by: 'full name' })
    expect(await search.resolve(' Alice Martin ')).toEqual({ kind: 'person', userId: 1001, by: 'full name' })
    expect(calls).toHaveLength(made)
  })

  it('searches names, offering the people who share it, and says when no one has an email', async () => {
    usersApi()
    const search = useDialogSearchStore()
    expect(await search.resolve('alice')).toEqual({ kind: 'name', text: 'alice', people: [1001, 1026] })
    expect(await search.resolve('support')).toEqual({ kind: 'name', text: 'support', people: [] })
    expect(await search.resolve('nobody@example.com')).toEqual({ kind: 'nobody', what: 'email', value: 'nobody@example.com' })
    expect(await search.resolve('login:alice')).toEqual({ kind: 'nobody', what: 'login', value: 'alice' })
  })

  it('rejects when the users API fails, so a failure is never read as "no one"', async () => {
    mockFetch(() => json({ errors: ['Forbidden'] }, 403))
    await expect(useDialogSearchStore().resolve('alice')).rejects.toMatchObject({ status: 403 })
  })
})
