import type { Context } from 'hono'
import type { Actor, Deps } from './context'
import { fail, needUser } from './http'
import { apiKeyOf, sameSecret } from './secrets'
import { headerDate, nowSec } from './util'

export const SESSION_TTL = 2 * 60 * 60

interface SessionRow { id: number, user_id: number, expires_at: number }

/** Resolves the acting identity from `Authorization: ApiKey`, `On-Behalf-Of` or `QB-Token`. */
export function authenticate(c: Context, deps: Deps): Actor {
  const authorization = c.req.header('authorization')
  if (authorization !== undefined) {
    const key = apiKeyOf(authorization)
    if (key === undefined || !sameSecret(key, deps.config.apiKey)) throw fail(401, 'Unauthorized')
    const onBehalfOf = c.req.header('on-behalf-of')
    if (onBehalfOf === undefined || onBehalfOf.trim() === '') return { kind: 'owner' }
    if (!/^\s*\d{1,15}\s*$/.test(onBehalfOf)) throw fail(400, 'Incorrect format for header "On-Behalf-Of".')
    const userId = Number(onBehalfOf)
    if (!deps.st.one('SELECT 1 FROM users WHERE id = ?', userId))
      throw fail(404, 'User specified in On-Behalf-Of header does not exist.')
    return { kind: 'user', userId }
  }
  const token = c.req.header('qb-token')
  if (token !== undefined) {
    const session = touchSession(c, deps, token)
    return session.user_id === 0 ? { kind: 'app' } : { kind: 'user', userId: session.user_id }
  }
  throw fail(401, 'Unauthorized')
}

/** Looks up a live session, slides its expiry and sets the expiration header. */
export function touchSession(c: Context, deps: Deps, token: string): SessionRow {
  const now = nowSec()
  const session = deps.st.one<SessionRow>('SELECT id, user_id, expires_at FROM sessions WHERE token = ?', token)
  if (!session || session.expires_at <= now) throw fail(401, 'Required session does not exist')
  if (session.user_id !== 0 && !deps.st.one('SELECT 1 FROM users WHERE id = ?', session.user_id))
    throw fail(401, 'Required session does not exist')
  // Sliding expiry: "2 h after the last request". Written at most once a minute to keep reads cheap.
  const expires = now + SESSION_TTL
  if (expires - session.expires_at >= 60) {
    deps.st.run('UPDATE sessions SET expires_at = ?, updated_at = ? WHERE id = ?', expires, now, session.id)
    session.expires_at = expires
  }
  c.header('QB-Token-ExpirationDate', headerDate(session.expires_at))
  return session
}

/** The acting user id; the account owner and app sessions have none. */
export function requireUser(actor: Actor): number {
  if (actor.kind !== 'user') throw needUser()
  return actor.userId
}
