import type { Dialog, Message, MessageAttachment, User } from '../src/api/types'
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

/**
 * Messages of dialog `dialog` from others that user `uid` has not read (SQL for both as
 * expressions). Read marks only ever name other people's messages, and hiding a message marks it
 * read, so this is the dialog's count minus the user's own minus their reads: three lookups in
 * the counts the triggers keep (emulator/db.ts), however long the dialog.
 */
function unreadSql(dialog: string, uid: string): string {
  return `max(0, coalesce((SELECT sum(n) FROM dialog_message_counts WHERE dialog_id = ${dialog}), 0)
    - coalesce((SELECT n FROM dialog_message_counts WHERE dialog_id = ${dialog} AND sender_id = ${uid}), 0)
    - coalesce((SELECT n FROM dialog_read_counts WHERE dialog_id = ${dialog} AND user_id = ${uid}), 0))`
}

/** Messages of a dialog from others that the user has not read. */
export function unreadCount(deps: Deps, dialogId: string, userId: number): number {
  return deps.st.one<{ n: number }>(`SELECT ${unreadSql('@dialog', '@uid')} AS n`, { dialog: dialogId, uid: userId })?.n ?? 0
}

/** `created_at`/`updated_at` as ISO-8601 without milliseconds, as `iso()` writes them (cheaper than strftime). */
function isoSql(column: string): string {
  return `replace(datetime(${column}, 'unixepoch'), ' ', 'T') || 'Z'`
}

/**
 * Member ids of dialog `d` as a JSON array, ascending: the search runs on the primary key
 * (dialog_id, user_id) of a WITHOUT ROWID table, so it meets them in that order (a contract test
 * checks it); an ORDER BY here would cost a sort per dialog.
 */
function memberIdsSql(table: 'dialog_occupants' | 'dialog_admins'): string {
  return `(SELECT json_group_array(user_id) FROM ${table} WHERE dialog_id = d.id)`
}

/**
 * One dialog row `d` as its wire JSON, written by SQLite itself: a page of 100 dialogs needs no
 * row objects, date formatting or id lists in JS. Reads the one-row table `a(uid, app, unread)`:
 * the acting user (NULL for the account owner), the app id, and whether to count unread messages.
 * A private dialog is named after the opponent of the user who looks at it; the unread count is
 * the user's (0 when they are not an occupant), and null for the account owner.
 */
const DIALOG_JSON = `json_object(
  '_id', d.id,
  'created_at', ${isoSql('d.created_at')},
  'last_message', d.last_message,
  'last_message_date_sent', d.last_message_date_sent,
  'last_message_id', d.last_message_id,
  'last_message_user_id', d.last_message_user_id,
  'name', CASE WHEN d.type = 3 AND a.uid IS NOT NULL AND EXISTS (SELECT 1 FROM dialog_occupants WHERE dialog_id = d.id AND user_id = a.uid)
    THEN coalesce((SELECT coalesce(full_name, login) FROM users WHERE id =
      (SELECT user_id FROM dialog_occupants WHERE dialog_id = d.id AND user_id != a.uid ORDER BY user_id LIMIT 1)), d.name)
    ELSE d.name END,
  'occupants_ids', ${memberIdsSql('dialog_occupants')},
  'admin_ids', CASE WHEN d.type = 3 THEN json('[]') ELSE ${memberIdsSql('dialog_admins')} END,
  'photo', d.photo,
  'type', d.type,
  'updated_at', ${isoSql('d.updated_at')},
  'user_id', d.user_id,
  'xmpp_room_jid', CASE WHEN d.type = 3 THEN NULL ELSE a.app || '_' || d.id || '@muc.chat.quickblox.com' END,
  'unread_messages_count', CASE
    WHEN a.uid IS NULL OR NOT a.unread THEN NULL
    WHEN NOT EXISTS (SELECT 1 FROM dialog_occupants WHERE dialog_id = d.id AND user_id = a.uid) THEN 0
    ELSE ${unreadSql('d.id', 'a.uid')} END,
  'is_join_required', CASE WHEN d.type = 2 THEN d.is_join_required IS 1 ELSE NULL END)`

/** Custom data comes last, and only when the dialog has some. */
const DIALOG_SELECT = `WITH a(uid, app, unread) AS (SELECT ?, ?, ?)
  SELECT seq, CASE WHEN data IS NULL THEN wire ELSE json_insert(wire, '$.data', json(data)) END
  FROM (SELECT d.seq, d.data, ${DIALOG_JSON} AS wire FROM dialogs d, a WHERE`

function actorParams(deps: Deps, actor: Actor, withUnread: boolean): unknown[] {
  return [actor.kind === 'user' ? actor.userId : null, String(deps.config.appId), withUnread ? 1 : 0]
}

/**
 * Wire JSON texts of the dialogs with these seqs, in the same order. `withUnread: false` leaves
 * `unread_messages_count` null, as the create answer does.
 */
export function dialogsJson(deps: Deps, seqs: number[], actor: Actor, withUnread = true): string[] {
  const rows = deps.st.raw<[number, string]>(`${DIALOG_SELECT} d.seq IN (SELECT value FROM json_each(?)))`, ...actorParams(deps, actor, withUnread), JSON.stringify(seqs))
  const bySeq = new Map(rows)
  return seqs.flatMap(seq => bySeq.get(seq) ?? [])
}

/** The wire dialog with this id, or undefined. */
export function dialogById(deps: Deps, id: string, actor: Actor, withUnread = true): Dialog | undefined {
  const row = deps.st.raw<[number, string]>(`${DIALOG_SELECT} d.id = ?)`, ...actorParams(deps, actor, withUnread), id)[0]
  return row ? JSON.parse(row[1]) as Dialog : undefined
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
