import type { Dialog, DialogCustomData, DialogType, Message, MessageAttachment, User } from '../src/api/types'
import type { Actor, Deps } from './context'
import { iso } from './util'

export interface DialogRow {
  seq: number
  id: string
  type: number
  name: string | null
  photo: string | null
  user_id: number
  created_at: number
  updated_at: number
  is_join_required: number | null
  class_name: string | null
  data: string | null
  last_message: string | null
  last_message_date_sent: number | null
  last_message_id: string | null
  last_message_user_id: number | null
}

/** A dialog row with its member lists folded in (see DIALOG_COLUMNS). */
export interface DialogRowWithMembers extends DialogRow {
  occupants_csv?: string | null
  admins_csv?: string | null
}

/** Dialog columns plus occupant and admin ids, so a page of dialogs is one query. */
export const DIALOG_COLUMNS = `d.*,
  (SELECT group_concat(user_id) FROM dialog_occupants o WHERE o.dialog_id = d.id) AS occupants_csv,
  (SELECT group_concat(user_id) FROM dialog_admins a WHERE a.dialog_id = d.id) AS admins_csv`

export interface MessageRow {
  id: string
  dialog_id: string
  sender_id: number
  recipient_id: number
  message: string | null
  date_sent: number
  created_at: number
  updated_at: number
  attachments: string | null
  custom: string | null
  markable: number
  read_ids: string | null
  delivered_ids: string | null
}

export interface UserRow {
  id: number
  login: string | null
  email: string | null
  full_name: string | null
  phone: string | null
  website: string | null
  password_hash: string | null
  external_user_id: number | null
  facebook_id: string | null
  blob_id: number | null
  custom_data: string | null
  user_tags: string | null
  created_at: number
  updated_at: number
  last_request_at: number | null
}

/** Occupant and admin ids of several dialogs, each list ascending. */
export function membersOf(deps: Deps, table: 'dialog_occupants' | 'dialog_admins', ids: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>(ids.map(id => [id, []]))
  if (ids.length === 0) return out
  const rows = deps.st.all<{ dialog_id: string, user_id: number }>(
    `SELECT dialog_id, user_id FROM ${table} WHERE dialog_id IN (SELECT value FROM json_each(?)) ORDER BY dialog_id, user_id`,
    JSON.stringify(ids),
  )
  for (const row of rows) out.get(row.dialog_id)?.push(row.user_id)
  return out
}

/**
 * Messages of a dialog from others that the user has not read. Read marks only ever name other
 * people's messages, and hiding a message marks it read, so this is three index counts.
 */
export function unreadCount(deps: Deps, dialogId: string, userId: number): number {
  const row = deps.st.one<{ n: number }>(
    `SELECT (SELECT count(*) FROM messages WHERE dialog_id = ?)
          - (SELECT count(*) FROM messages WHERE dialog_id = ? AND sender_id = ?)
          - (SELECT count(*) FROM message_reads WHERE user_id = ? AND dialog_id = ?) AS n`,
    dialogId, dialogId, userId, userId, dialogId,
  )
  return Math.max(0, row?.n ?? 0)
}

/** Wire dialogs, in the order of `rows`; `withUnread: false` leaves `unread_messages_count` null, as the create answer does. */
export function toDialogs(deps: Deps, rows: DialogRowWithMembers[], actor: Actor, withUnread = true): Dialog[] {
  const folded = rows.every(r => r.occupants_csv !== undefined)
  const ids = folded ? [] : rows.map(r => r.id)
  const occupants = membersOf(deps, 'dialog_occupants', ids)
  const admins = membersOf(deps, 'dialog_admins', ids)
  // A private dialog is named after the opponent of whoever looks at it.
  const opponents = new Map<string, number>()
  if (actor.kind === 'user') {
    for (const row of rows) {
      if (row.type !== 3) continue
      const occ = folded ? idList(row.occupants_csv ?? null) : (occupants.get(row.id) ?? [])
      const other = occ.find(u => u !== actor.userId)
      if (other !== undefined && occ.includes(actor.userId)) opponents.set(row.id, other)
    }
  }
  const names = new Map<number, string | null>()
  if (opponents.size) {
    const users = deps.st.all<{ id: number, full_name: string | null, login: string | null }>(
      'SELECT id, full_name, login FROM users WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify([...new Set(opponents.values())]),
    )
    for (const u of users) names.set(u.id, u.full_name ?? u.login)
  }
  return rows.map((row) => {
    const occ = folded ? idList(row.occupants_csv ?? null) : (occupants.get(row.id) ?? [])
    const adm = folded ? idList(row.admins_csv ?? null) : (admins.get(row.id) ?? [])
    let unread: number | null = null
    if (actor.kind === 'user' && withUnread) unread = occ.includes(actor.userId) ? unreadCount(deps, row.id, actor.userId) : 0
    const dialog: Dialog = {
      _id: row.id,
      created_at: iso(row.created_at),
      last_message: row.last_message,
      last_message_date_sent: row.last_message_date_sent,
      last_message_id: row.last_message_id,
      last_message_user_id: row.last_message_user_id,
      name: opponents.has(row.id) ? (names.get(opponents.get(row.id)!) ?? row.name) : row.name,
      occupants_ids: occ,
      admin_ids: row.type === 3 ? [] : adm,
      photo: row.photo,
      type: row.type as DialogType,
      updated_at: iso(row.updated_at),
      user_id: row.user_id,
      xmpp_room_jid: row.type === 3 ? null : `${deps.config.appId}_${row.id}@muc.chat.quickblox.com`,
      unread_messages_count: unread,
      is_join_required: row.type === 2 ? (row.is_join_required === 1 ? 1 : 0) : null,
    }
    if (row.data !== null) dialog.data = JSON.parse(row.data) as DialogCustomData
    return dialog
  })
}

function idList(csv: string | null): number[] {
  if (csv === null || csv === '') return []
  return csv.split(',').map(Number).sort((a, b) => a - b)
}

/** Columns for message selects, with read/delivered ids gathered per row. */
export const MESSAGE_COLUMNS = `m.id, m.dialog_id, m.sender_id, m.recipient_id, m.message, m.date_sent, m.created_at, m.updated_at,
  m.attachments, m.custom, m.markable,
  (SELECT group_concat(user_id) FROM message_reads r WHERE r.message_id = m.id) AS read_ids,
  (SELECT group_concat(user_id) FROM message_delivered v WHERE v.message_id = m.id) AS delivered_ids`

export function toMessage(row: MessageRow): Message {
  const readIds = idList(row.read_ids)
  const message: Message = {
    _id: row.id,
    attachments: row.attachments ? JSON.parse(row.attachments) as MessageAttachment[] : [],
    chat_dialog_id: row.dialog_id,
    created_at: iso(row.created_at),
    date_sent: row.date_sent,
    delivered_ids: idList(row.delivered_ids),
    message: row.message,
    read_ids: readIds,
    recipient_id: row.recipient_id,
    sender_id: row.sender_id,
    updated_at: iso(row.updated_at),
    read: readIds.some(id => id !== row.sender_id) ? 1 : 0,
  }
  if (row.markable === 1) message.markable = 1
  if (row.custom) Object.assign(message, JSON.parse(row.custom) as Record<string, unknown>)
  return message
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    full_name: row.full_name,
    email: row.email,
    login: row.login,
    phone: row.phone,
    website: row.website,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    last_request_at: row.last_request_at === null ? null : iso(row.last_request_at),
    external_user_id: row.external_user_id,
    facebook_id: row.facebook_id,
    blob_id: row.blob_id,
    custom_data: row.custom_data,
    user_tags: row.user_tags,
  }
}
