import type { Hono } from 'hono'
import type { Actor, Deps } from '../context'
import type { Params } from '../http'
import type { UserRow } from '../serialize'
import { authenticate } from '../auth'
import { badFormat, fail, forbidden, HttpError, missing, needUser, onlyKeys, readBody, readQuery, toId, unknownParam } from '../http'
import { hashPassword } from '../passwords'
import { likePattern } from '../query'
import { toUser } from '../serialize'
import { nowSec } from '../util'

const PER_PAGE_DEFAULT = 10
const PER_PAGE_MAX = 100
const USER_KEYS = ['login', 'email', 'password', 'old_password', 'full_name', 'phone', 'website', 'external_user_id', 'facebook_id', 'blob_id', 'custom_data', 'tag_list']

/** Filterable and sortable user fields and their kind. */
const USER_FIELDS: Record<string, 'number' | 'string' | 'date'> = {
  id: 'number',
  full_name: 'string',
  email: 'string',
  login: 'string',
  phone: 'string',
  website: 'string',
  external_user_id: 'number',
  facebook_id: 'string',
  blob_id: 'number',
  user_tags: 'string',
  created_at: 'date',
  updated_at: 'date',
  last_request_at: 'date',
}

const FILTER_OPS: Record<string, string> = { lt: '<', gt: '>', le: '<=', lte: '<=', ge: '>=', gte: '>=', eq: '=', ne: '!=' }

export const userNotFound = (): HttpError => fail(404, 'Couldn\'t find user')

function filterValue(kind: string, raw: string): number | string {
  const value = raw.trim()
  if (kind === 'number') {
    if (!/^-?\d{1,15}$/.test(value)) throw badFormat('filter[]')
    return Number(value)
  }
  if (kind === 'date') {
    if (/^\d{1,12}$/.test(value)) return Number(value)
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw badFormat('filter[]')
    return Math.floor(ms / 1000)
  }
  return value
}

/** `filter[]=number id in 1,2` (type field op value) → SQL with bound values. */
function userFilters(raw: unknown): { clauses: string[], params: unknown[] } {
  const filters = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  const clauses: string[] = []
  const params: unknown[] = []
  for (const filter of filters) {
    if (typeof filter !== 'string') throw badFormat('filter[]')
    const match = /^\s*(\w+)\s+(\w+)\s+(\w+)\s+(.*)$/s.exec(filter)
    if (!match) throw badFormat('filter[]')
    const [, , field, op, value] = match as unknown as [string, string, string, string, string]
    const kind = Object.hasOwn(USER_FIELDS, field) ? USER_FIELDS[field] : undefined
    if (!kind) throw fail(400, `Unknown filter field "${field}".`)
    // Text compares without case in every operator, as /users/by_login and by_email and the unique
    // login and email indexes do: `string email eq Ann@Example.com` finds ann@example.com.
    const column = `u.${field}${kind === 'string' ? ' COLLATE NOCASE' : ''}`
    if (op === 'in') {
      clauses.push(`${column} IN (SELECT value FROM json_each(?))`)
      params.push(JSON.stringify(value.split(',').map(v => filterValue(kind, v))))
    }
    else if (op === 'between') {
      const parts = value.split(',')
      if (parts.length !== 2) throw badFormat('filter[]')
      clauses.push(`${column} BETWEEN ? AND ?`)
      params.push(filterValue(kind, parts[0]!), filterValue(kind, parts[1]!))
    }
    else if (Object.hasOwn(FILTER_OPS, op)) {
      clauses.push(`${column} ${FILTER_OPS[op]} ?`)
      params.push(filterValue(kind, value))
    }
    else {
      throw fail(400, `Operator "${op}" is not supported for field "${field}".`)
    }
  }
  return { clauses, params }
}

/** `order=desc date created_at` → ORDER BY. */
function userOrder(raw: unknown): string {
  if (raw === undefined || raw === '') return 'u.id ASC'
  if (typeof raw !== 'string') throw badFormat('order')
  const match = /^\s*(asc|desc)\s+(\w+)\s+(\w+)\s*$/i.exec(raw)
  if (!match || !Object.hasOwn(USER_FIELDS, match[3]!)) throw badFormat('order')
  return `u.${match[3]} ${match[1]!.toUpperCase()}, u.id ASC`
}

function paged(deps: Deps, query: Params, clauses: string[], params: unknown[], order: string) {
  const page = positive(query.page, 'page', 1)
  const perPage = Math.min(positive(query.per_page, 'per_page', PER_PAGE_DEFAULT), PER_PAGE_MAX)
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
  const total = deps.st.one<{ n: number }>(`SELECT count(*) AS n FROM users u ${where}`, ...params)?.n ?? 0
  const rows = deps.st.all<UserRow>(`SELECT * FROM users u ${where} ORDER BY ${order} LIMIT ? OFFSET ?`, ...params, perPage, (page - 1) * perPage)
  return { current_page: page, per_page: perPage, total_entries: total, items: rows.map(r => ({ user: toUser(r) })) }
}

function positive(value: unknown, param: string, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) < 1) throw badFormat(param)
  return Number(value)
}

function getUser(deps: Deps, id: number): UserRow {
  const row = deps.st.one<UserRow>('SELECT * FROM users WHERE id = ?', id)
  if (!row) throw userNotFound()
  return row
}

function optionalText(value: unknown, param: string, max = 255): string | null {
  if (value === null || value === '') return null
  if (typeof value === 'number') value = String(value)
  if (typeof value !== 'string') throw badFormat(param)
  if (value.length > max) throw new HttpError(422, { errors: { [param]: [`is too long (maximum is ${max} characters)`] } })
  return value
}

function tagList(value: unknown): string | null {
  const tags = optionalText(value, 'tag_list', 1000)
  if (tags === null) return null
  const list = tags.split(',').map(t => t.trim()).filter(Boolean)
  if (list.length > 5) throw new HttpError(422, { errors: { tag_list: ['is too long (maximum is 5 tags)'] } })
  return list.join(',')
}

/** Validates `{user:{…}}` and returns column values to write. */
function userColumns(deps: Deps, body: Params, existingId?: number): Record<string, unknown> {
  onlyKeys(body, ['user', 'token'])
  const user = body.user
  if (user === null || typeof user !== 'object' || Array.isArray(user)) throw missing('user')
  const input = user as Params
  for (const key of Object.keys(input)) if (!USER_KEYS.includes(key)) throw unknownParam(`user[${key}]`)
  const out: Record<string, unknown> = {}
  const errors: Record<string, string[]> = {}
  if (input.login !== undefined) out.login = optionalText(input.login, 'login', 50)
  if (input.email !== undefined) {
    const email = optionalText(input.email, 'email')
    if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = ['is invalid']
    out.email = email
  }
  for (const key of ['full_name', 'phone', 'website', 'facebook_id', 'custom_data'] as const) {
    if (input[key] !== undefined) out[key] = optionalText(input[key], key, key === 'custom_data' ? 65535 : 255)
  }
  for (const key of ['external_user_id', 'blob_id'] as const) {
    if (input[key] === undefined) continue
    if (input[key] === null || input[key] === '') { out[key] = null; continue }
    const n = toId(input[key])
    if (n === undefined) throw badFormat(key)
    out[key] = n
  }
  if (input.tag_list !== undefined) out.user_tags = tagList(input.tag_list)
  if (input.password !== undefined) {
    if (typeof input.password !== 'string') throw badFormat('password')
    if (input.password.length < 8) errors.password = ['is too short (minimum is 8 characters)']
    else out.password_hash = hashPassword(input.password)
  }
  else if (existingId === undefined) {
    errors.password = ['can\'t be blank']
  }
  if (existingId === undefined && !out.login && !out.email) errors.login = ['can\'t be blank']
  for (const key of ['login', 'email'] as const) {
    const value = out[key]
    if (typeof value === 'string' && deps.st.one(`SELECT 1 FROM users WHERE ${key} = ? COLLATE NOCASE AND id IS NOT ?`, value, existingId ?? null))
      errors[key] = ['has already been taken']
  }
  if (Object.keys(errors).length) throw new HttpError(422, { errors })
  return out
}

function mayEdit(actor: Actor, id: number): void {
  if (actor.kind === 'app') throw needUser()
  if (actor.kind === 'user' && actor.userId !== id) throw forbidden()
}

/** Users: list, search, get, create, update, delete. */
export function userRoutes(app: Hono, deps: Deps): void {
  app.get('/users', (c) => {
    authenticate(c, deps)
    const query = readQuery(c)
    const { clauses, params } = userFilters(query.filter)
    return c.json(paged(deps, query, clauses, params, userOrder(query.order)))
  })

  app.get('/users/by_full_name', (c) => {
    authenticate(c, deps)
    const query = readQuery(c)
    if (typeof query.full_name !== 'string') throw missing('full_name')
    if (query.full_name.trim().length < 3) throw fail(422, 'full_name is too short (minimum is 3 characters)')
    return c.json(paged(deps, query, ['u.full_name LIKE ? ESCAPE \'\\\''], [likePattern(query.full_name.trim())], userOrder(query.order)))
  })

  app.get('/users/by_tags', (c) => {
    authenticate(c, deps)
    const query = readQuery(c)
    if (typeof query.tags !== 'string' || query.tags.trim() === '') throw missing('tags')
    const tags = query.tags.split(',').map(t => t.trim().toLowerCase()).filter(Boolean)
    const clause = 'EXISTS (SELECT 1 FROM json_each(?) t WHERE (\',\' || lower(u.user_tags) || \',\') LIKE (\'%,\' || t.value || \',%\'))'
    return c.json(paged(deps, query, [clause], [JSON.stringify(tags)], userOrder(query.order)))
  })

  for (const [path, column] of [['/users/by_login', 'login'], ['/users/by_email', 'email']] as const) {
    app.get(path, (c) => {
      authenticate(c, deps)
      const value = readQuery(c)[column]
      if (typeof value !== 'string' || value === '') throw missing(column)
      const row = deps.st.one<UserRow>(`SELECT * FROM users WHERE ${column} = ? COLLATE NOCASE`, value)
      if (!row) throw userNotFound()
      return c.json({ user: toUser(row) })
    })
  }

  app.get('/users/external/:id', (c) => {
    authenticate(c, deps)
    const id = toId(c.req.param('id'))
    const row = id === undefined ? undefined : deps.st.one<UserRow>('SELECT * FROM users WHERE external_user_id = ?', id)
    if (!row) throw userNotFound()
    return c.json({ user: toUser(row) })
  })

  app.get('/users/:id', (c) => {
    authenticate(c, deps)
    const id = toId(c.req.param('id'))
    if (id === undefined) throw userNotFound()
    return c.json({ user: toUser(getUser(deps, id)) })
  })

  app.post('/users', async (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'user') throw forbidden()
    const body = await readBody(c)
    const row = deps.st.tx(() => {
      const columns = userColumns(deps, body)
      const id = (deps.st.one<{ id: number | null }>('SELECT max(id) AS id FROM users')?.id ?? 1000) + 1
      const now = nowSec()
      const all = { id, ...columns, created_at: now, updated_at: now }
      const keys = Object.keys(all)
      deps.st.run(`INSERT INTO users(${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`, ...Object.values(all))
      return getUser(deps, id)
    })
    return c.json({ user: toUser(row) }, 201)
  })

  app.put('/users/:id', async (c) => {
    const actor = authenticate(c, deps)
    const body = await readBody(c)
    const id = toId(c.req.param('id'))
    if (id === undefined) throw userNotFound()
    const row = deps.st.tx(() => {
      getUser(deps, id)
      mayEdit(actor, id)
      const columns = userColumns(deps, body, id)
      delete columns.old_password
      columns.updated_at = nowSec()
      const keys = Object.keys(columns)
      deps.st.run(`UPDATE users SET ${keys.map(k => `${k} = ?`).join(', ')} WHERE id = ?`, ...Object.values(columns), id)
      return getUser(deps, id)
    })
    return c.json({ user: toUser(row) })
  })

  app.delete('/users/:id', (c) => {
    const actor = authenticate(c, deps)
    const id = toId(c.req.param('id'))
    if (id === undefined) throw userNotFound()
    deps.st.tx(() => {
      getUser(deps, id)
      mayEdit(actor, id)
      deps.st.run('DELETE FROM sessions WHERE user_id = ?', id)
      deps.st.run('DELETE FROM users WHERE id = ?', id)
    })
    return c.body(null, 200)
  })
}
