import type { Hono } from 'hono'
import type { MessageAttachment } from '../../src/api/types'
import type { Actor, Deps } from '../context'
import type { DeleteOutcome, Params } from '../http'
import type { DialogRow, MessageRow } from '../serialize'
import { authenticate, requireUser } from '../auth'
import { badFormat, deleteAnswer, fail, forbidden, missing, needUser, notFound, onlyKeys, pathIds, readBody, readQuery, toFlag, toId } from '../http'
import { buildPage, buildWhere, MESSAGE_FIELDS, MESSAGE_SORT } from '../query'
import { MESSAGE_COLUMNS, toMessage, unreadCount } from '../serialize'
import { nowSec, OBJECT_ID } from '../util'
import { canSee, isAdmin, isOccupant, loadDialog } from './dialogs'

const LIST_RESERVED = ['chat_dialog_id', 'skip', 'limit', 'count', 'sort_asc', 'sort_desc', 'mark_as_read', 'token', '_']
const UPDATE_KEYS = ['chat_dialog_id', 'message', 'read', 'delivered', 'token']
const RESERVED_FIELDS = ['_id', 'id', 'created_at', 'updated_at', 'read_ids', 'delivered_ids', 'sender_id', 'read', 'dialog_id']
const CUSTOM_KEY = /^[A-Za-z0-9_-]{1,64}$/
const MESSAGE_MAX = 10000
const ATTACHMENTS_MAX = 20

function loadMessage(deps: Deps, id: string): MessageRow {
  if (!OBJECT_ID.test(id)) throw notFound()
  const row = deps.st.one<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?`, id)
  if (!row) throw notFound()
  return row
}

/** Dialog owner, dialog admin or account owner may edit and delete any message. */
function moderates(deps: Deps, dialog: DialogRow, actor: Actor): boolean {
  if (actor.kind === 'owner') return true
  if (actor.kind !== 'user') return false
  return dialog.user_id === actor.userId || (dialog.type !== 3 && isAdmin(deps, dialog.id, actor.userId))
}

function parseText(value: unknown, param: string): string {
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') throw badFormat(param)
  if (value.length > MESSAGE_MAX) throw fail(400, `Parameter "${param}" is too long (maximum is ${MESSAGE_MAX} characters).`)
  return value
}

function parseAttachments(value: unknown): MessageAttachment[] {
  const items = Array.isArray(value) ? value
    : value !== null && typeof value === 'object' && Object.keys(value).every(k => /^\d+$/.test(k))
      ? Object.entries(value).sort((a, b) => Number(a[0]) - Number(b[0])).map(e => e[1])
      : undefined
  if (!items || items.length > ATTACHMENTS_MAX) throw badFormat('attachments')
  return items.map((item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw badFormat('attachments')
    const out: MessageAttachment = { type: '' }
    for (const [key, v] of Object.entries(item)) {
      if (!CUSTOM_KEY.test(key)) throw badFormat('attachments')
      if (typeof v === 'number') out[key] = v
      else if (typeof v === 'string') out[key] = key === 'size' && /^\d+$/.test(v) ? Number(v) : v
      else throw badFormat('attachments')
    }
    if (typeof out.type !== 'string' || out.type === '') throw badFormat('attachments')
    if (typeof out.id === 'number') out.id = String(out.id)
    return out
  })
}

/** Points the dialog's last_message_* at its newest remaining message. */
export function refreshLastMessage(deps: Deps, dialogId: string): void {
  const last = deps.st.one<{ id: string, message: string | null, date_sent: number, sender_id: number }>(
    'SELECT id, message, date_sent, sender_id FROM messages WHERE dialog_id = ? ORDER BY date_sent DESC, id DESC LIMIT 1', dialogId,
  )
  deps.st.run(
    'UPDATE dialogs SET last_message = ?, last_message_date_sent = ?, last_message_id = ?, last_message_user_id = ? WHERE id = ?',
    last?.message ?? null, last?.date_sent ?? null, last?.id ?? null, last?.sender_id ?? null, dialogId,
  )
}

function privateDialogWith(deps: Deps, a: number, b: number): string {
  const existing = deps.st.one<{ id: string }>(
    `SELECT d.id FROM dialogs d JOIN dialog_occupants x ON x.dialog_id = d.id AND x.user_id = ?
       JOIN dialog_occupants y ON y.dialog_id = d.id AND y.user_id = ? WHERE d.type = 3 LIMIT 1`, a, b,
  )
  if (existing) return existing.id
  const now = nowSec()
  const id = deps.ids.next(now)
  const opponent = deps.st.one<{ full_name: string | null, login: string | null }>('SELECT full_name, login FROM users WHERE id = ?', b)
  deps.st.run('INSERT INTO dialogs(id, type, name, user_id, created_at, updated_at) VALUES (?, 3, ?, ?, ?, ?)',
    id, opponent ? (opponent.full_name ?? opponent.login) : null, a, now, now)
  deps.st.run('INSERT INTO dialog_occupants(dialog_id, user_id) VALUES (?, ?), (?, ?)', id, a, id, b)
  return id
}

function createMessage(deps: Deps, actor: Actor, body: Params): string {
  const sender = requireUser(actor)
  let dialogId: string
  if (body.chat_dialog_id !== undefined) {
    if (typeof body.chat_dialog_id !== 'string') throw badFormat('chat_dialog_id')
    dialogId = body.chat_dialog_id
  }
  else if (body.recipient_id !== undefined) {
    const recipient = toId(body.recipient_id)
    if (recipient === undefined || recipient === sender) throw badFormat('recipient_id')
    if (!deps.st.one('SELECT 1 FROM users WHERE id = ?', recipient)) throw notFound()
    dialogId = privateDialogWith(deps, sender, recipient)
  }
  else {
    throw missing('chat_dialog_id')
  }
  const dialog = loadDialog(deps, dialogId)
  if (!canSee(deps, dialog, actor)) throw forbidden()

  const text = body.message === undefined || body.message === null ? null : parseText(body.message, 'message')
  const attachments = body.attachments === undefined ? [] : parseAttachments(body.attachments)
  const markable = toFlag(body.markable, 'markable') ?? 0
  toFlag(body.send_to_chat, 'send_to_chat')
  const now = nowSec()
  let dateSent = now
  if (body.date_sent !== undefined) {
    const d = toId(body.date_sent)
    if (d === undefined) throw badFormat('date_sent')
    dateSent = d
  }
  const custom: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (['chat_dialog_id', 'recipient_id', 'message', 'attachments', 'markable', 'send_to_chat', 'date_sent', 'token'].includes(key)) continue
    if (RESERVED_FIELDS.includes(key)) throw fail(400, `Parameter "${key}" can't be set.`)
    if (!CUSTOM_KEY.test(key)) throw badFormat(key)
    if (value !== null && typeof value === 'object') throw badFormat(key)
    custom[key] = value
  }
  let recipient = 0
  if (dialog.type === 3) {
    recipient = deps.st.one<{ user_id: number }>('SELECT user_id FROM dialog_occupants WHERE dialog_id = ? AND user_id != ? LIMIT 1', dialog.id, sender)?.user_id ?? 0
  }
  const id = deps.ids.next(now)
  deps.st.run(
    `INSERT INTO messages(id, dialog_id, sender_id, recipient_id, message, date_sent, created_at, updated_at, attachments, custom, markable)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, dialog.id, sender, recipient, text, dateSent, now, now,
    attachments.length ? JSON.stringify(attachments) : null, Object.keys(custom).length ? JSON.stringify(custom) : null, markable,
  )
  if (dialog.last_message_date_sent === null || dateSent >= dialog.last_message_date_sent) {
    deps.st.run(
      'UPDATE dialogs SET last_message = ?, last_message_date_sent = ?, last_message_id = ?, last_message_user_id = ?, updated_at = ? WHERE id = ?',
      text, dateSent, id, sender, now, dialog.id,
    )
  }
  // A new message brings a hidden dialog back for everyone who had deleted it from their list.
  deps.st.run('DELETE FROM dialog_hidden WHERE dialog_id = ?', dialog.id)
  return id
}

function markAll(deps: Deps, table: 'message_reads' | 'message_delivered', dialogId: string, userId: number, messageIds?: string[]): void {
  const columns = table === 'message_reads' ? 'message_id, user_id, dialog_id' : 'message_id, user_id'
  const values = table === 'message_reads' ? 'id, ?, dialog_id' : 'id, ?'
  if (messageIds) {
    deps.st.run(`INSERT OR IGNORE INTO ${table}(${columns}) SELECT ${values} FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND sender_id != ?`,
      userId, JSON.stringify(messageIds), userId)
  }
  else {
    deps.st.run(`INSERT OR IGNORE INTO ${table}(${columns}) SELECT ${values} FROM messages WHERE dialog_id = ? AND sender_id != ?`,
      userId, dialogId, userId)
  }
}

function updateMessages(deps: Deps, actor: Actor, ids: string[] | undefined, body: Params): void {
  if (actor.kind === 'app') throw needUser()
  onlyKeys(body, UPDATE_KEYS)
  if (body.chat_dialog_id === undefined) throw missing('chat_dialog_id')
  if (typeof body.chat_dialog_id !== 'string') throw badFormat('chat_dialog_id')
  const read = toFlag(body.read, 'read')
  const delivered = toFlag(body.delivered, 'delivered')
  const text = body.message === undefined ? undefined : parseText(body.message, 'message')
  const dialog = loadDialog(deps, body.chat_dialog_id)
  const rows = (ids ?? []).map((id) => {
    const row = loadMessage(deps, id)
    if (row.dialog_id !== dialog.id) throw notFound()
    return row
  })
  if (!canSee(deps, dialog, actor)) throw forbidden()
  if (text !== undefined) {
    if (!ids) throw fail(400, 'Parameter "message" needs a message ID in the path.')
    const mod = moderates(deps, dialog, actor)
    for (const row of rows) {
      if (!mod && !(actor.kind === 'user' && row.sender_id === actor.userId)) throw forbidden()
    }
  }
  if ((read === 1 || delivered === 1) && actor.kind !== 'user') throw needUser()
  const now = nowSec()
  if (text !== undefined) {
    deps.st.run('UPDATE messages SET message = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))', text, now, JSON.stringify(ids))
    if (dialog.last_message_id !== null && ids?.includes(dialog.last_message_id))
      deps.st.run('UPDATE dialogs SET last_message = ? WHERE id = ?', text, dialog.id)
  }
  if (actor.kind === 'user') {
    if (read === 1) markAll(deps, 'message_reads', dialog.id, actor.userId, ids)
    if (delivered === 1) markAll(deps, 'message_delivered', dialog.id, actor.userId, ids)
  }
}

function deleteMessage(deps: Deps, actor: Actor, id: string, force: boolean, touched: Set<string>): DeleteOutcome {
  if (!OBJECT_ID.test(id)) return 'not_found'
  const row = deps.st.one<{ dialog_id: string, sender_id: number }>('SELECT dialog_id, sender_id FROM messages WHERE id = ?', id)
  if (!row) return 'not_found'
  const dialog = deps.st.one<DialogRow>('SELECT * FROM dialogs WHERE id = ?', row.dialog_id)
  if (!dialog) return 'not_found'
  if (actor.kind === 'owner' || force) {
    const mine = actor.kind === 'user' && row.sender_id === actor.userId
    if (!mine && !moderates(deps, dialog, actor)) return 'forbidden'
    deps.st.run('DELETE FROM messages WHERE id = ?', id)
    touched.add(dialog.id)
    return 'deleted'
  }
  if (actor.kind !== 'user' || !canSee(deps, dialog, actor)) return 'forbidden'
  deps.st.run('INSERT OR IGNORE INTO message_hidden(message_id, user_id) VALUES (?, ?)', id, actor.userId)
  // A message you deleted for yourself no longer counts as unread.
  markAll(deps, 'message_reads', dialog.id, actor.userId, [id])
  return 'deleted'
}

/** GET/POST/PUT/DELETE /chat/Message… and the unread counter. */
export function messageRoutes(app: Hono, deps: Deps): void {
  app.get('/chat/Message/unread', (c) => {
    const userId = requireUser(authenticate(c, deps))
    const query = readQuery(c)
    const raw = query.chat_dialog_ids
    const asked = raw === undefined ? [] : typeof raw === 'string' ? raw.split(',').map(s => s.trim()).filter(Boolean) : undefined
    if (!asked) throw badFormat('chat_dialog_ids')
    const mine = deps.st.all<{ dialog_id: string }>(
      'SELECT dialog_id FROM dialog_occupants WHERE user_id = ? AND dialog_id NOT IN (SELECT dialog_id FROM dialog_hidden WHERE user_id = ?)', userId, userId,
    )
    const result: Record<string, number> = { total: 0 }
    let total = 0
    for (const { dialog_id } of mine) total += unreadCount(deps, dialog_id, userId)
    result.total = total
    for (const id of asked) {
      result[id] = OBJECT_ID.test(id) && isOccupant(deps, id, userId) ? unreadCount(deps, id, userId) : 0
    }
    return c.json(result)
  })

  app.get('/chat/Message', (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'app') throw needUser()
    const query = readQuery(c)
    if (query.chat_dialog_id === undefined) throw missing('chat_dialog_id')
    if (typeof query.chat_dialog_id !== 'string') throw badFormat('chat_dialog_id')
    const markAsRead = toFlag(query.mark_as_read, 'mark_as_read') ?? 1
    const where = buildWhere(query, MESSAGE_FIELDS, LIST_RESERVED, false)
    const page = buildPage(query, MESSAGE_SORT, 'm.date_sent ASC, m.id ASC', 'm.id')
    const dialog = loadDialog(deps, query.chat_dialog_id)
    if (!canSee(deps, dialog, actor)) throw forbidden()
    where.clauses.unshift('m.dialog_id = ?')
    where.params.unshift(dialog.id)
    if (actor.kind === 'user') {
      where.clauses.push('NOT EXISTS (SELECT 1 FROM message_hidden h WHERE h.message_id = m.id AND h.user_id = ?)')
      where.params.push(actor.userId)
    }
    const whereSql = `WHERE ${where.clauses.join(' AND ')}`
    if (toFlag(query.count, 'count') === 1) {
      const n = deps.st.one<{ n: number }>(`SELECT count(*) AS n FROM messages m ${whereSql}`, ...where.params)?.n ?? 0
      return c.json({ items: { count: n } })
    }
    // Page over the index first; read/delivered ids are gathered only for the rows returned.
    let rows = deps.st.all<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id IN (SELECT m.id FROM messages m ${whereSql} ORDER BY ${page.orderBy} LIMIT ? OFFSET ?) ORDER BY ${page.orderBy}`,
      ...where.params, page.limit, page.skip,
    )
    if (actor.kind === 'user' && markAsRead === 1 && rows.some(r => r.sender_id !== actor.userId)) {
      const ids = rows.map(r => r.id)
      deps.st.tx(() => markAll(deps, 'message_reads', dialog.id, actor.userId, ids))
      rows = deps.st.all<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY ${page.orderBy}`, JSON.stringify(ids),
      )
    }
    return c.json({ skip: page.skip, limit: page.limit, items: rows.map(toMessage) })
  })

  app.get('/chat/Message/:id', (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'app') throw needUser()
    const row = loadMessage(deps, c.req.param('id'))
    const dialog = loadDialog(deps, row.dialog_id)
    if (!canSee(deps, dialog, actor)) throw forbidden()
    return c.json(toMessage(row))
  })

  app.post('/chat/Message', async (c) => {
    const actor = authenticate(c, deps)
    const body = await readBody(c)
    const id = deps.st.tx(() => createMessage(deps, actor, body))
    return c.json(toMessage(loadMessage(deps, id)), 201)
  })

  app.put('/chat/Message', async (c) => {
    const actor = authenticate(c, deps)
    const body = await readBody(c)
    deps.st.tx(() => updateMessages(deps, actor, undefined, body))
    return c.body(null, 200)
  })

  app.put('/chat/Message/:ids', async (c) => {
    const actor = authenticate(c, deps)
    const body = await readBody(c)
    const ids = pathIds(c)
    deps.st.tx(() => updateMessages(deps, actor, ids, body))
    return c.body(null, 200)
  })

  app.delete('/chat/Message/:ids', async (c) => {
    const actor = authenticate(c, deps)
    if (actor.kind === 'app') throw needUser()
    const body = await readBody(c)
    const query = readQuery(c)
    const force = toFlag(body.force ?? query.force, 'force') === 1
    const ids = pathIds(c)
    const result = deps.st.tx(() => {
      const touched = new Set<string>()
      const out = ids.map(id => [id, deleteMessage(deps, actor, id, force, touched)] as const)
      for (const dialogId of touched) refreshLastMessage(deps, dialogId)
      return out
    })
    return deleteAnswer(c, result)
  })
}
