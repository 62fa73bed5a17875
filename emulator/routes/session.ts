import type { Context, Hono } from 'hono'
import type { Deps } from '../context'
import type { Params } from '../http'
import type { UserRow } from '../serialize'
import { createHmac, randomBytes } from 'node:crypto'
import { SESSION_TTL, touchSession } from '../auth'
import { fail, HttpError, readBody } from '../http'
import { verifyPassword } from '../passwords'
import { apiKeyOf, sameSecret } from '../secrets'
import { toUser } from '../serialize'
import { iso, nowSec } from '../util'

const TIMESTAMP_WINDOW = 60 * 60

interface SessionRow { id: number, token: string, user_id: number, nonce: string, ts: number, created_at: number, updated_at: number, expires_at: number }

const base = (status: 401 | 404 | 422, message: string): HttpError => new HttpError(status, { errors: { base: [message] } })

/** `key=value` pairs of every parameter but `signature`, nested as `user[login]`, sorted, joined by `&`. */
export function signatureString(params: Params): string {
  const pairs: [string, string][] = []
  // A stack instead of recursion; the body's depth is already bounded by readBody. Order is fixed by the sort below.
  const stack: [string, unknown][] = Object.entries(params).filter(([key]) => key !== 'signature')
  while (stack.length > 0) {
    const [prefix, value] = stack.pop()!
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([`${prefix}[${k}]`, v])
    }
    else {
      pairs.push([prefix, String(value)])
    }
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

/** HMAC-SHA1 (hex) of the signature string with the auth secret. */
export function sign(params: Params, secret: string): string {
  return createHmac('sha1', secret).update(signatureString(params)).digest('hex')
}

function toSession(row: SessionRow, appId: number) {
  return {
    application_id: appId,
    created_at: iso(row.created_at),
    id: row.id,
    nonce: Number(row.nonce),
    token: row.token,
    ts: row.ts,
    updated_at: iso(row.updated_at),
    user_id: row.user_id,
    _id: String(row.id),
  }
}

async function findUser(deps: Deps, credentials: Params): Promise<UserRow> {
  const { login, email, password } = credentials
  if (typeof password !== 'string' || (typeof login !== 'string' && typeof email !== 'string')) throw fail(401, 'Unauthorized')
  const row = typeof login === 'string'
    ? deps.st.one<UserRow>('SELECT * FROM users WHERE login = ? COLLATE NOCASE', login)
    : deps.st.one<UserRow>('SELECT * FROM users WHERE email = ? COLLATE NOCASE', email)
  // Verified even when there is no such user, so the answer's timing does not tell which logins exist.
  if (!await verifyPassword(password, row?.password_hash) || !row) throw fail(401, 'Unauthorized')
  return row
}

/**
 * Deletes expired sessions and the nonces whose timestamp is out of the window (a reuse of those is
 * refused by the timestamp check anyway), so neither table grows without end. Both deletes are
 * index range scans, cheap enough to run on every session created.
 */
export function pruneSessions(deps: Deps, now: number = nowSec()): void {
  deps.st.run('DELETE FROM sessions WHERE expires_at <= ?', now)
  deps.st.run('DELETE FROM session_nonces WHERE ts < ?', now - TIMESTAMP_WINDOW)
}

function sessionFromHeader(c: Context, deps: Deps): SessionRow {
  const token = c.req.header('qb-token')
  if (token === undefined) throw fail(401, 'Unauthorized')
  touchSession(c, deps, token)
  const row = deps.st.one<SessionRow>('SELECT * FROM sessions WHERE token = ?', token)
  if (!row) throw fail(401, 'Required session does not exist')
  return row
}

/** Sessions (`/session.json`), login (`/login.json`) and API-key user tokens. */
export function sessionRoutes(app: Hono, deps: Deps): void {
  app.post('/session', async (c) => {
    const body = await readBody(c)
    const { application_id: appId, auth_key: authKey, timestamp, nonce, signature } = body
    for (const [name, value] of Object.entries({ application_id: appId, auth_key: authKey, timestamp, nonce, signature })) {
      if (value === undefined || value === '') throw base(422, `${name} is required`)
      if (typeof value !== 'string' && typeof value !== 'number') throw base(422, `${name} is invalid`)
    }
    if (String(appId) !== String(deps.config.appId) || !sameSecret(String(authKey), deps.config.authKey)) throw base(422, 'Unknown application')
    if (!sameSecret(String(signature).toLowerCase(), sign(body, deps.config.authSecret))) throw base(422, 'Unexpected signature')
    const ts = Number(timestamp)
    const now = nowSec()
    if (!Number.isInteger(ts) || Math.abs(now - ts) > TIMESTAMP_WINDOW) throw base(422, 'Unexpected timestamp')
    const user = body.user !== undefined && body.user !== null && typeof body.user === 'object' ? await findUser(deps, body.user as Params) : undefined
    const row = deps.st.tx(() => {
      pruneSessions(deps, now)
      const used = deps.st.run('INSERT OR IGNORE INTO session_nonces(ts, nonce) VALUES (?, ?)', ts, String(nonce))
      if (used.changes === 0) throw base(422, 'Unexpected nonce: the timestamp and nonce pair was already used')
      const token = randomBytes(20).toString('hex')
      const info = deps.st.run(
        'INSERT INTO sessions(token, user_id, nonce, ts, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        token, user?.id ?? 0, String(nonce), ts, now, now, now + SESSION_TTL,
      )
      return deps.st.one<SessionRow>('SELECT * FROM sessions WHERE id = ?', info.lastInsertRowid)!
    })
    c.header('QB-Token-ExpirationDate', iso(row.expires_at).replace('T', ' ').replace('Z', ' UTC'))
    return c.json({ session: toSession(row, deps.config.appId) }, 201)
  })

  app.get('/session', (c) => {
    const row = sessionFromHeader(c, deps)
    return c.json({ session: toSession(row, deps.config.appId) })
  })

  app.delete('/session', (c) => {
    const row = sessionFromHeader(c, deps)
    deps.st.tx(() => deps.st.run('DELETE FROM sessions WHERE id = ?', row.id))
    return c.body(null, 200)
  })

  app.post('/login', async (c) => {
    const row = sessionFromHeader(c, deps)
    const body = await readBody(c)
    const user = await findUser(deps, body)
    deps.st.tx(() => {
      deps.st.run('UPDATE sessions SET user_id = ?, updated_at = ? WHERE id = ?', user.id, nowSec(), row.id)
      deps.st.run('UPDATE users SET last_request_at = ? WHERE id = ?', nowSec(), user.id)
    })
    return c.json({ user: toUser(deps.st.one<UserRow>('SELECT * FROM users WHERE id = ?', user.id)!) })
  })

  app.delete('/login', (c) => {
    const row = sessionFromHeader(c, deps)
    deps.st.tx(() => deps.st.run('UPDATE sessions SET user_id = 0, updated_at = ? WHERE id = ?', nowSec(), row.id))
    return c.body(null, 200)
  })

  app.post('/users/:id/tokens', (c) => {
    const authorization = c.req.header('authorization')
    const key = apiKeyOf(authorization)
    if (key === undefined || !sameSecret(key, deps.config.apiKey)) throw base(401, 'Invalid Authorization header')
    const raw = c.req.param('id')
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : undefined
    if (id === undefined || !deps.st.one('SELECT 1 FROM users WHERE id = ?', id)) throw base(404, 'User not found')
    const now = nowSec()
    const token = randomBytes(20).toString('hex')
    const nonce = String(randomBytes(4).readUInt32BE(0))
    deps.st.tx(() => {
      pruneSessions(deps, now)
      deps.st.run(
        'INSERT INTO sessions(token, user_id, nonce, ts, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        token, id, nonce, now, now, now, now + SESSION_TTL,
      )
    })
    return c.json({ token, expires_at: iso(now + SESSION_TTL) }, 201)
  })
}
