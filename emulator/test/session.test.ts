import type { Dialog, SessionEnvelope, UserToken } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../context'
import { signatureString } from '../routes/session'
import { addUsers, apiKey, APP_ID, client, PASSWORD, putDialog, startTestEmulator } from './helpers'

// Sessions, login, QB-Token and API-key tokens (rest-contract.md §2).
let emu: TestEmulator
const call = client(() => emu.url)
let nonce = 1000

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [42, 43])
  putDialog(emu, { id: 'ffffffffffffffffffff0001', type: 2, owner: 42, occupants: [42, 43] })
})
afterAll(() => emu.stop())

function signed(extra: Record<string, string> = {}, overrides: Record<string, string> = {}): string {
  const params: Record<string, string> = { application_id: String(APP_ID), auth_key: DEFAULT_CONFIG.authKey, nonce: String(nonce++), timestamp: String(Math.floor(Date.now() / 1000)), ...extra, ...overrides }
  const base = Object.keys(params).sort().map(k => `${k}=${params[k]}`).join('&')
  const signature = createHmac('sha1', DEFAULT_CONFIG.authSecret).update(base).digest('hex')
  return new URLSearchParams({ ...params, signature }).toString()
}

describe('POST /session.json', () => {
  it('builds the documented signature string', () => {
    expect(signatureString({ application_id: '716730', auth_key: 'bbfeCwWtz8dqF4F', nonce: '33432', timestamp: '1572434294', signature: 'x' }))
      .toBe('application_id=716730&auth_key=bbfeCwWtz8dqF4F&nonce=33432&timestamp=1572434294')
    expect(signatureString({ user: { login: 'amigo30', password: 'p' }, a: '1' })).toBe('a=1&user[login]=amigo30&user[password]=p')
  })

  it('creates an application session (user_id 0) that is read only', async () => {
    const r = await call('POST', '/session.json', { form: signed() })
    expect(r.status).toBe(201)
    const { session } = r.json() as SessionEnvelope
    expect(Object.keys(session)).toEqual(['application_id', 'created_at', 'id', 'nonce', 'token', 'ts', 'updated_at', 'user_id', '_id'])
    expect(session).toMatchObject({ application_id: APP_ID, user_id: 0, _id: String(session.id) })
    expect(session.token).toMatch(/^[0-9a-f]{40}$/)
    expect(r.headers.get('qb-token-expirationdate')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)
    const users = await call('GET', '/users.json', { headers: { 'QB-Token': session.token } })
    expect(users.status).toBe(200)
    const dialogs = await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': session.token } })
    expect(dialogs.status).toBe(403)
    expect(dialogs.text).toBe('{"errors":{"base":["Forbidden. Need user."]}}')
  })

  it('creates a user session with user[login] and user[password] (JSON body too)', async () => {
    const form = signed({ 'user[login]': 'user42', 'user[password]': PASSWORD })
    const body = Object.fromEntries(new URLSearchParams(form))
    const json = { ...body, user: { login: body['user[login]'], password: body['user[password]'] } }
    delete (json as Record<string, unknown>)['user[login]']
    delete (json as Record<string, unknown>)['user[password]']
    const r = await call('POST', '/session.json', { json })
    expect(r.status).toBe(201)
    const { session } = r.json() as SessionEnvelope
    expect(session.user_id).toBe(42)
    const list = await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': session.token } })
    expect(list.status).toBe(200)
    expect((list.json() as { items: Dialog[] }).items.map(d => d._id)).toEqual(['ffffffffffffffffffff0001'])
  })

  it('rejects a wrong signature, a reused nonce, a stale timestamp and unknown apps', async () => {
    const bad = new URLSearchParams(signed())
    bad.set('signature', '0'.repeat(40))
    const wrong = await call('POST', '/session.json', { form: bad.toString() })
    expect(wrong.status).toBe(422)
    expect(wrong.text).toBe('{"errors":{"base":["Unexpected signature"]}}')

    const once = signed()
    expect((await call('POST', '/session.json', { form: once })).status).toBe(201)
    const replay = await call('POST', '/session.json', { form: once })
    expect(replay.status).toBe(422)
    expect(replay.text).toBe('{"errors":{"base":["Unexpected nonce: the timestamp and nonce pair was already used"]}}')

    const stale = await call('POST', '/session.json', { form: signed({}, { timestamp: String(Math.floor(Date.now() / 1000) - 7200) }) })
    expect(stale.text).toBe('{"errors":{"base":["Unexpected timestamp"]}}')

    const app = await call('POST', '/session.json', { form: signed({}, { application_id: '1' }) })
    expect(app.text).toBe('{"errors":{"base":["Unknown application"]}}')

    const wrongPassword = await call('POST', '/session.json', { form: signed({ 'user[login]': 'user42', 'user[password]': 'nope-nope' }) })
    expect(wrongPassword.status).toBe(401)
    expect(wrongPassword.text).toBe('{"errors":["Unauthorized"]}')
  })

  it('GET and DELETE /session.json', async () => {
    const { session } = (await call('POST', '/session.json', { form: signed() })).json() as SessionEnvelope
    const got = await call('GET', '/session.json', { headers: { 'QB-Token': session.token } })
    expect((got.json() as SessionEnvelope).session.token).toBe(session.token)
    expect((await call('DELETE', '/session.json', { headers: { 'QB-Token': session.token } })).status).toBe(200)
    const after = await call('GET', '/session.json', { headers: { 'QB-Token': session.token } })
    expect(after.status).toBe(401)
    expect(after.text).toBe('{"errors":["Required session does not exist"]}')
  })
})

describe('pruning', () => {
  const count = (sql: string): number => emu.db.prepare(sql).pluck().get() as number

  it('creating a session deletes expired sessions and nonces too old to be replayed, and keeps the rest', async () => {
    const now = Math.floor(Date.now() / 1000)
    const addSession = emu.db.prepare('INSERT INTO sessions(token, user_id, nonce, ts, created_at, updated_at, expires_at) VALUES (?, 42, \'1\', ?, ?, ?, ?)')
    const addNonce = emu.db.prepare('INSERT INTO session_nonces(ts, nonce) VALUES (?, ?)')
    emu.db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        addSession.run(`expired-${i}`, now - 9000, now - 9000, now - 9000, now - 1 - (i % 100))
        addNonce.run(now - 3601 - i, `old-${i}`)
      }
      addSession.run('still-live', now, now, now, now + 60)
      addNonce.run(now - 3500, 'recent')
    })()
    const r = await call('POST', '/session.json', { form: signed() })
    expect(r.status).toBe(201)
    expect(count('SELECT count(*) FROM sessions WHERE token LIKE \'expired-%\'')).toBe(0)
    expect(count('SELECT count(*) FROM session_nonces WHERE nonce LIKE \'old-%\'')).toBe(0)
    expect(count('SELECT count(*) FROM sessions WHERE token = \'still-live\'')).toBe(1)
    // A nonce still inside the timestamp window is kept: its replay must still be refused.
    expect(count('SELECT count(*) FROM session_nonces WHERE nonce = \'recent\'')).toBe(1)
    expect(count(`SELECT count(*) FROM sessions WHERE expires_at <= ${now}`)).toBe(0)
    expect((await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': 'still-live' } })).status).toBe(200)
  })

  it('so does an API-key user token, and a stale timestamp is refused whether or not its nonce was pruned', async () => {
    const now = Math.floor(Date.now() / 1000)
    emu.db.prepare('INSERT INTO sessions(token, user_id, nonce, ts, created_at, updated_at, expires_at) VALUES (\'expired-token\', 42, \'1\', ?, ?, ?, ?)').run(now, now, now, now - 5)
    expect((await call('POST', '/users/42/tokens.json', { headers: apiKey() })).status).toBe(201)
    expect(count('SELECT count(*) FROM sessions WHERE token = \'expired-token\'')).toBe(0)
    const stale = await call('POST', '/session.json', { form: signed({}, { timestamp: String(now - 3601) }) })
    expect(stale.text).toBe('{"errors":{"base":["Unexpected timestamp"]}}')
  })
})

describe('POST /login.json', () => {
  it('upgrades an application session to a user session', async () => {
    const { session } = (await call('POST', '/session.json', { form: signed() })).json() as SessionEnvelope
    const login = await call('POST', '/login.json', { headers: { 'QB-Token': session.token }, form: `login=user43&password=${PASSWORD}` })
    expect(login.status).toBe(200)
    expect(login.json()).toMatchObject({ user: { id: 43, login: 'user43' } })
    expect((await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': session.token } })).status).toBe(200)
    const bad = await call('POST', '/login.json', { headers: { 'QB-Token': session.token }, json: { email: 'user43@example.com', password: 'wrong-one' } })
    expect(bad.status).toBe(401)
    expect(bad.text).toBe('{"errors":["Unauthorized"]}')
    expect((await call('DELETE', '/login.json', { headers: { 'QB-Token': session.token } })).status).toBe(200)
    expect((await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': session.token } })).status).toBe(403)
  })
})

describe('POST /users/{id}/tokens', () => {
  it('creates a user token with the API key (with and without .json)', async () => {
    for (const path of ['/users/42/tokens', '/users/42/tokens.json']) {
      const r = await call('POST', path, { headers: apiKey() })
      expect(r.status).toBe(201)
      const t = r.json() as UserToken
      expect(Object.keys(t)).toEqual(['token', 'expires_at'])
      expect(t.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      const me = await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': t.token } })
      expect(me.status).toBe(200)
    }
  })

  it('401 and 404 use errors.base', async () => {
    const none = await call('POST', '/users/42/tokens', {})
    expect(none.status).toBe(401)
    expect(none.text).toBe('{"errors":{"base":["Invalid Authorization header"]}}')
    const wrong = await call('POST', '/users/42/tokens', { headers: { Authorization: 'ApiKey nope' } })
    expect(wrong.status).toBe(401)
    const missing = await call('POST', '/users/999/tokens', { headers: apiKey() })
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('{"errors":{"base":["User not found"]}}')
  })
})

describe('auth failures', () => {
  it('401 Unauthorized without credentials or with a wrong API key', async () => {
    const cases: Record<string, string>[] = [{}, { Authorization: 'ApiKey wrong' }, { Authorization: 'Bearer x' }]
    for (const headers of cases) {
      const r = await call('GET', '/chat/Dialog.json', { headers })
      expect(r.status).toBe(401)
      expect(r.text).toBe('{"errors":["Unauthorized"]}')
    }
  })

  it('401 for an unknown token', async () => {
    const r = await call('GET', '/chat/Dialog.json', { headers: { 'QB-Token': 'deadbeef' } })
    expect(r.status).toBe(401)
    expect(r.text).toBe('{"errors":["Required session does not exist"]}')
  })

  it('On-Behalf-Of must name an existing user', async () => {
    const missing = await call('GET', '/chat/Dialog.json', { headers: apiKey(777) })
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('{"errors":["User specified in On-Behalf-Of header does not exist."]}')
    const bad = await call('GET', '/chat/Dialog.json', { headers: { ...apiKey(), 'On-Behalf-Of': 'abc' } })
    expect(bad.status).toBe(400)
    expect(bad.text).toBe('{"errors":["Incorrect format for header \\"On-Behalf-Of\\"."]}')
  })
})
