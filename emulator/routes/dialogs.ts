import type { Hono } from 'hono'
import type { DialogCustomData } from '../../src/api/types'
import type { Actor, Deps } from '../context'
import type { DeleteOutcome, Params } from '../http'
import type { DialogRow } from '../serialize'
import { authenticate, requireUser } from '../auth'
import { badFormat, deleteAnswer, fail, forbidden, HttpError, missing, needUser, notFound, onlyKeys, pathIds, readBody, readQuery, toFlag, toId, toIdList, unknownParam } from '../http'
import { buildPage, buildWhere, DIALOG_FIELDS, DIALOG_SORT } from '../query'
import { ResultCache } from '../db'
import { dialogById, dialogsJson } from '../serialize'
import { nowSec, OBJECT_ID } from '../util'

const NAME_MAX = 200
const ADMIN_FORBIDDEN = 'You don\'t have appropriate permissions to modify or delete "admin_ids". '
const JOIN_FORBIDDEN = 'You do not have permission to modify the "is_join_required" parameter.'
const JOIN_INVALID = 'Parameter "is_join_required" should be a number: either 0 or 1.'
const CREATE_KEYS = ['type', 'name', 'photo', 'occupants_ids', 'admin_ids', 'is_join_required', 'data', 'token']
const UPDATE_KEYS = ['name', 'photo', 'is_join_required', 'user_id', 'data', 'push_all', 'pull_all', 'token']
const LIST_RESERVED = ['skip', 'limit', 'count', 'sort_asc', 'sort_desc', 'token', '_']

/** Loads a dialog by id or answers 404 (also for ids that are not 24-hex). */
export function loadDialog(deps: Deps, id: string): DialogRow {
  if (!OBJECT_ID.test(id)) throw notFound()
  const row = deps.st.one<DialogRow>('SELECT * FROM dialogs WHERE id = ?', id)
  if (!row) throw notFound()
  return row
}

export function isOccupant(deps: Deps, dialogId: string, userId: number): boolean {
  return deps.st.one('SELECT 1 FROM dialog_occupants WHERE dialog_id = ? AND user_id = ?', dialogId, userId) !== undefined
}

export function isAdmin(deps: Deps, dialogId: string, userId: number): boolean {
  return deps.st.one('SELECT 1 FROM dialog_admins WHERE dialog_id = ? AND user_id = ?', dialogId, userId) !== undefined
}

/** Whether the actor may read the dialog: public dialogs are open, others need membership. */
export function canSee(deps: Deps, dialog: DialogRow, actor: Actor): boolean {
  if (actor.kind === 'owner') return true
  if (actor.kind === 'app') return false
  return dialog.type === 1 || isOccupant(deps, dialog.id, actor.userId)
}

/** Owner of the dialog, or the account owner. */
function ownsDialog(dialog: DialogRow, actor: Actor): boolean {
  return actor.kind === 'owner' || (actor.kind === 'user' && dialog.user_id === actor.userId)
}

function missingUsers(deps: Deps, ids: number[]): number[] {
  if (ids.length === 0) return []
  const found = new Set(deps.st.all<{ id: number }>('SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ids)).map(r => r.id))
  return ids.filter(id => !found.has(id))
}

function adminsMissing(): HttpError {
  return fail(404, 'Users with these IDs for "admin_ids" do not exist.')
}

function parseName(value: unknown): string | null {
  if (value === null) return null
  if (typeof value === 'number') value = String(value)
  if (typeof value !== 'string') throw badFormat('name')
  if ([...value].length > NAME_MAX) throw new HttpError(422, { errors: { name: [`is too long (maximum is ${NAME_MAX} characters)`] } })
  return value
}

function parsePhoto(value: unknown): string | null {
  if (value === null || value === '') return null
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') throw badFormat('photo')
  return value
}

function parseJoin(value: unknown): 0 | 1 {
  if (value === 0 || value === '0') return 0
  if (value === 1 || value === '1') return 1
  throw fail(400, JOIN_INVALID)
}

const DATA_KEY = /^[A-Za-z0-9_-]{1,64}$/

function parseData(value: unknown): DialogCustomData {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badFormat('data')
  const out: Record<string, string | number | boolean | null> = {}
  for (const [key, v] of Object.entries(value)) {
    if (!DATA_KEY.test(key)) throw badFormat(`data[${key}]`)
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw badFormat(`data[${key}]`)
    out[key] = v
  }
  const className = out.class_name
  if (typeof className !== 'string' || className === '') throw missing('data[class_name]')
  return out as DialogCustomData
}

function insertMembers(deps: Deps, table: 'dialog_occupants' | 'dialog_admins', dialogId: string, ids: number[]): void {
  if (ids.length === 0) return
  deps.st.run(`INSERT OR IGNORE INTO ${table}(dialog_id, user_id) SELECT ?, value FROM json_each(?)`, dialogId, JSON.stringify(ids))
}

function deleteMembers(deps: Deps, table: 'dialog_occupants' | 'dialog_admins', dialogId: string, ids: number[]): void {
  if (ids.length === 0) return
  deps.st.run(`DELETE FROM ${table} WHERE dialog_id = ? AND user_id IN (SELECT value FROM json_each(?))`, dialogId, JSON.stringify(ids))
}

function oneDialog(deps: Deps, id: string, actor: Actor, withUnread = true) {
  const dialog = dialogById(deps, id, actor, withUnread)
  if (!dialog) throw notFound()
  return dialog
}

function displayName(deps: Deps, userId: number): string | null {
  const user = deps.st.one<{ full_name: string | null, login: string | null }>('SELECT full_name, login FROM users WHERE id = ?', userId)
  return user ? (user.full_name ?? user.login) : null
}

function createDialog(deps: Deps, actor: Actor, body: Params): { id: string, created: boolean } {
  const creator = requireUser(actor)
  onlyKeys(body, CREATE_KEYS)
  const type = toId(body.type)
  if (type !== 1 && type !== 2 && type !== 3) throw new HttpError(422, { type: ['is wrong.'] })
  const occupants = body.occupants_ids === undefined ? [] : toIdList(body.occupants_ids, () => badFormat('occupants_ids'))
  const now = nowSec()

  if (type === 3) {
    const opponents = occupants.filter(id => id !== creator)
    if (opponents.length === 0) throw fail(400, 'Occupants_ids is missing opponent ID.')
    if (opponents.length > 1) throw fail(400, 'A private dialog has exactly one opponent in "occupants_ids".')
    const opponent = opponents[0]!
    const existing = deps.st.one<{ id: string }>(
      `SELECT d.id FROM dialogs d JOIN dialog_occupants a ON a.dialog_id = d.id AND a.user_id = ?
         JOIN dialog_occupants b ON b.dialog_id = d.id AND b.user_id = ? WHERE d.type = 3 LIMIT 1`,
      creator, opponent,
    )
    if (existing) {
      deps.st.run('DELETE FROM dialog_hidden WHERE dialog_id = ? AND user_id = ?', existing.id, creator)
      return { id: existing.id, created: false }
    }
    const data = body.data === undefined ? null : parseData(body.data)
    const photo = body.photo === undefined ? null : parsePhoto(body.photo)
    const id = deps.ids.next(now)
    deps.st.run(
      `INSERT INTO dialogs(id, type, name, photo, user_id, created_at, updated_at, is_join_required, class_name, data)
       VALUES (?, 3, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      id, displayName(deps, opponent), photo, creator, now, now, data?.class_name ?? null, data ? JSON.stringify(data) : null,
    )
    insertMembers(deps, 'dialog_occupants', id, [creator, opponent])
    return { id, created: true }
  }

  const name = body.name === undefined ? null : parseName(body.name)
  const photo = body.photo === undefined ? null : parsePhoto(body.photo)
  const admins = body.admin_ids === undefined ? [] : toIdList(body.admin_ids, () => badFormat('admin_ids'))
  const join = type === 2 ? (body.is_join_required === undefined ? 0 : parseJoin(body.is_join_required)) : null
  const data = body.data === undefined ? null : parseData(body.data)
  if (missingUsers(deps, admins).length > 0) throw adminsMissing()
  const id = deps.ids.next(now)
  deps.st.run(
    `INSERT INTO dialogs(id, type, name, photo, user_id, created_at, updated_at, is_join_required, class_name, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, type, name, photo, creator, now, now, join, data?.class_name ?? null, data ? JSON.stringify(data) : null,
  )
  // Public dialogs keep no member list (anyone may join); group dialogs hold the creator, occupants and admins.
  if (type === 2) insertMembers(deps, 'dialog_occupants', id, [creator, ...occupants, ...admins])
  insertMembers(deps, 'dialog_admins', id, admins)
  return { id, created: true }
}

interface IdOps { occupants?: number[], admins?: number[] }

function parseIdOps(value: unknown, op: string): IdOps {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badFormat(op)
  const out: IdOps = {}
  for (const [key, ids] of Object.entries(value)) {
    if (key === 'occupants_ids') out.occupants = toIdList(ids, () => badFormat(`${op}[occupants_ids]`))
    else if (key === 'admin_ids') out.admins = toIdList(ids, () => badFormat('admin_ids'))
    else throw unknownParam(`${op}[${key}]`)
  }
  return out
}

function updateDialog(deps: Deps, actor: Actor, id: string, body: Params): void {
  if (actor.kind === 'app') throw needUser()
  onlyKeys(body, UPDATE_KEYS)
  const dialog = loadDialog(deps, id)
  const type = dialog.type
  const push = parseIdOps(body.push_all, 'push_all')
  const pull = parseIdOps(body.pull_all, 'pull_all')
  const name = body.name === undefined ? undefined : parseName(body.name)
  const photo = body.photo === undefined ? undefined : parsePhoto(body.photo)
  const data = body.data === undefined ? undefined : parseData(body.data)
  let newOwner: number | undefined
  if (body.user_id !== undefined) {
    newOwner = toId(body.user_id)
    if (newOwner === undefined) throw badFormat('user_id')
  }
  const join = type === 2 && body.is_join_required !== undefined ? parseJoin(body.is_join_required) : undefined

  const user = actor.kind === 'user' ? actor.userId : undefined
  const owner = ownsDialog(dialog, actor)
  const admin = user !== undefined && type !== 3 && isAdmin(deps, dialog.id, user)
  if (user !== undefined && type !== 1 && !isOccupant(deps, dialog.id, user)) throw forbidden()

  // Permissions, per dialog type, as listed in update-dialog.md.
  if (type === 3) {
    if (push.occupants || pull.occupants || newOwner !== undefined) throw forbidden()
  }
  else {
    const moderator = owner || admin
    if ((name !== undefined || photo !== undefined) && !moderator) throw forbidden()
    if (type === 1 && (data !== undefined || push.occupants || pull.occupants) && !moderator) throw forbidden()
    if (pull.occupants && !moderator && pull.occupants.some(u => u !== user)) throw forbidden()
    if (pull.occupants && !owner && pull.occupants.includes(dialog.user_id) && dialog.user_id !== user) throw forbidden()
    if (push.admins && push.admins.length > 0 && !owner) throw fail(403, ADMIN_FORBIDDEN)
    if (pull.admins && !owner && !(admin && pull.admins.every(u => u === user))) throw fail(403, ADMIN_FORBIDDEN)
    if (join !== undefined && !owner) throw fail(403, JOIN_FORBIDDEN)
    if (newOwner !== undefined && !owner) throw forbidden()
  }
  if (newOwner !== undefined && missingUsers(deps, [newOwner]).length > 0)
    throw fail(404, 'Users with these IDs for "user_id" do not exist.')
  if (type !== 3 && push.admins && missingUsers(deps, push.admins).length > 0) throw adminsMissing()
  if (push.occupants && push.occupants.length > 0) {
    const present = deps.st.all<{ user_id: number }>(
      'SELECT user_id FROM dialog_occupants WHERE dialog_id = ? AND user_id IN (SELECT value FROM json_each(?))',
      dialog.id, JSON.stringify(push.occupants),
    )
    if (present.length === push.occupants.length) throw fail(400, 'Users are already present in occupants_ids')
  }

  const sets: string[] = []
  const params: unknown[] = []
  if (type !== 3 && name !== undefined) { sets.push('name = ?'); params.push(name) }
  if (type !== 3 && photo !== undefined) { sets.push('photo = ?'); params.push(photo) }
  if (join !== undefined) { sets.push('is_join_required = ?'); params.push(join) }
  if (newOwner !== undefined) { sets.push('user_id = ?'); params.push(newOwner) }
  if (data !== undefined) {
    const current = dialog.data ? JSON.parse(dialog.data) as DialogCustomData : undefined
    // Same class: fields are merged; another class replaces the whole object.
    const merged = current && current.class_name === data.class_name ? { ...current, ...data } : data
    sets.push('class_name = ?', 'data = ?')
    params.push(merged.class_name, JSON.stringify(merged))
  }
  sets.push('updated_at = ?')
  params.push(nowSec())
  deps.st.run(`UPDATE dialogs SET ${sets.join(', ')} WHERE id = ?`, ...params, dialog.id)

  if (pull.occupants) {
    deleteMembers(deps, 'dialog_occupants', dialog.id, pull.occupants)
    if (type === 2) deleteMembers(deps, 'dialog_admins', dialog.id, pull.occupants)
  }
  if (push.occupants) insertMembers(deps, 'dialog_occupants', dialog.id, push.occupants)
  if (type !== 3 && pull.admins) deleteMembers(deps, 'dialog_admins', dialog.id, pull.admins)
  if (type !== 3 && push.admins) {
    insertMembers(deps, 'dialog_admins', dialog.id, push.admins)
    if (type === 2) insertMembers(deps, 'dialog_occupants', dialog.id, push.admins)
  }
  if (newOwner !== undefined && type === 2) insertMembers(deps, 'dialog_occupants', dialog.id, [newOwner])
}

function deleteDialog(deps: Deps, actor: Actor, id: string, force: boolean): DeleteOutcome {
  if (!OBJECT_ID.test(id)) return 'not_found'
  const dialog = deps.st.one<DialogRow>('SELECT * FROM dialogs WHERE id = ?', id)
  if (!dialog) return 'not_found'
  // The API key alone deletes for everyone ("removed for all dialog participants").
  if (actor.kind === 'owner') {
    deps.st.run('DELETE FROM dialogs WHERE id = ?', id)
    return 'deleted'
  }
  if (actor.kind !== 'user') return 'forbidden'
  if (force) {
    if (dialog.user_id !== actor.userId) return 'forbidden'
    deps.st.run('DELETE FROM dialogs WHERE id = ?', id)
    return 'deleted'
  }
  if (!canSee(deps, dialog, actor)) return 'forbidden'
  deps.st.run('INSERT OR IGNORE INTO dialog_hidden(dialog_id, user_id) VALUES (?, ?)', id, actor.userId)
  return 'deleted'
}

/** GET/POST/PUT/DELETE /chat/Dialog… */
export function dialogRoutes(app: Hono, deps: Deps): void {
  const searches = new ResultCache<number[]>(deps.st)
  app.get('/chat/Dialog', (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'app') throw needUser()
    const query = readQuery(c)
    const where = buildWhere(query, DIALOG_FIELDS, LIST_RESERVED, true)
    const countOnly = toFlag(query.count, 'count') === 1
    const page = buildPage(query, DIALOG_SORT, 'd.last_message_date_sent DESC, d.id DESC', 'd.id')
    let whereSql = where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''
    let countSql = `SELECT count(*) AS n FROM dialogs d ${whereSql}`
    let countParams = where.params
    if (actor.kind === 'user') {
      // Public dialogs plus the user's own, minus the ones they deleted for themselves. Counted as
      // two index-friendly parts; the hidden check is left out for users who never hid anything.
      const uid = actor.userId
      const hidden = deps.st.one('SELECT 1 FROM dialog_hidden WHERE user_id = ? LIMIT 1', uid) !== undefined
      const notHidden = hidden ? ' AND d.id NOT IN (SELECT dialog_id FROM dialog_hidden WHERE user_id = ?)' : ''
      const hiddenParams = hidden ? [uid] : []
      const filters = where.clauses.map(c => `${c} AND `).join('')
      const mine = 'd.id IN (SELECT dialog_id FROM dialog_occupants WHERE user_id = ?)'
      countSql = `SELECT (SELECT count(*) FROM dialogs d WHERE ${filters}d.type = 1${notHidden})
                       + (SELECT count(*) FROM dialogs d WHERE ${filters}d.type != 1 AND ${mine}${notHidden}) AS n`
      countParams = [...where.params, ...hiddenParams, ...where.params, uid, ...hiddenParams]
      whereSql = `WHERE ${filters}(d.type = 1 OR ${mine})${notHidden}`
      where.params.push(uid, ...hiddenParams)
    }
    let total: number
    let seqs: number[]
    if (where.narrow && !countOnly) {
      // A name search: every match sorted once (their number is the total), kept for the next pages.
      const sql = `SELECT d.seq FROM dialogs d ${whereSql} ORDER BY ${page.orderBy}`
      const all = searches.get(sql, where.params, () => deps.st.column<number>(sql, ...where.params))
      total = all.length
      seqs = all.slice(page.skip, page.skip + page.limit)
    }
    else {
      total = deps.st.one<{ n: number }>(countSql, ...countParams)?.n ?? 0
      // Page over the index first: OFFSET never loads the skipped rows.
      seqs = countOnly ? [] : deps.st.column<number>(`SELECT d.seq FROM dialogs d ${whereSql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?`, ...where.params, page.limit, page.skip)
    }
    if (countOnly) return c.json({ items: { count: total } })
    // Then just those rows, already as wire JSON.
    const items = dialogsJson(deps, seqs, actor).join(',')
    c.header('Content-Type', 'application/json')
    return c.body(`{"total_entries":${total},"skip":${page.skip},"limit":${page.limit},"items":[${items}]}`)
  })

  app.get('/chat/Dialog/:id', (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'app') throw needUser()
    const dialog = loadDialog(deps, c.req.param('id'))
    if (!canSee(deps, dialog, actor)) throw forbidden()
    return c.json(oneDialog(deps, dialog.id, actor))
  })

  app.post('/chat/Dialog', async (c) => {
    const actor = authenticate(c, deps)
    const body = await readBody(c)
    const { id, created } = deps.st.tx(() => createDialog(deps, actor, body))
    return c.json(oneDialog(deps, id, actor, false), created ? 201 : 200)
  })

  app.put('/chat/Dialog/:id', async (c) => {
    const actor = authenticate(c, deps)
    const body = await readBody(c)
    const id = c.req.param('id')
    deps.st.tx(() => updateDialog(deps, actor, id, body))
    return c.json(oneDialog(deps, id, actor))
  })

  app.delete('/chat/Dialog/:ids', async (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'app') throw needUser()
    const body = await readBody(c)
    const query = readQuery(c)
    const force = toFlag(body.force ?? query.force, 'force') === 1
    const ids = pathIds(c)
    const result = deps.st.tx(() => ids.map(id => [id, deleteDialog(deps, actor, id, force)] as const))
    return deleteAnswer(c, result)
  })

  app.get('/chat/Dialog/:id/notifications', (c) => {
    const userId = requireUser(authenticate(c, deps))
    const dialog = loadDialog(deps, c.req.param('id'))
    if (!canSee(deps, dialog, { kind: 'user', userId })) throw forbidden()
    const row = deps.st.one<{ enabled: number }>('SELECT enabled FROM dialog_notifications WHERE dialog_id = ? AND user_id = ?', dialog.id, userId)
    return c.json({ notifications: { enabled: row?.enabled ?? 1 } })
  })

  app.put('/chat/Dialog/:id/notifications', async (c) => {
    const userId = requireUser(authenticate(c, deps))
    const body = await readBody(c)
    const dialog = loadDialog(deps, c.req.param('id'))
    if (!canSee(deps, dialog, { kind: 'user', userId })) throw forbidden()
    const enabled = toFlag(body.enabled, 'enabled')
    if (enabled === undefined) throw missing('enabled')
    deps.st.tx(() => deps.st.run('INSERT OR REPLACE INTO dialog_notifications(dialog_id, user_id, enabled) VALUES (?, ?, ?)', dialog.id, userId, enabled))
    return c.json({ notifications: { enabled } })
  })
}
