import type { DB } from './db'
import { SEED_EPOCH } from './seed'
import { IdGenerator } from './util'

/**
 * `busy-user`: one user in 500 dialogs with 50,000 messages of their own, for the user page's
 * benchmark and tests. Deterministic, inserted straight into SQLite in one transaction (the
 * count triggers keep unread counts right). The user owns some groups, is an admin in others,
 * has private chats, and has unread messages from others in most dialogs.
 */
export const BUSY_USER = {
  id: 300_001,
  login: 'busy.user',
  fullName: 'Robin Busy',
  dialogs: 500,
  messages: 50_000,
  /** Peers get IDs from here on (the user is the first). */
  firstPeerId: 300_002,
  peers: 60,
  /** Messages from others per dialog (about half of them read by the user). */
  othersPerDialog: 10,
} as const

const LINES = ['Morning all', 'Can you check this?', 'Pushed the fix', 'See the attached report', 'Meeting at 10', 'Thanks!', 'On my way', 'Any news on the ticket?', 'Great work', 'Shipping it today', 'Let me look', 'Sounds good']
const NAMES = ['Ash', 'Birch', 'Cedar', 'Elm', 'Fir', 'Hazel', 'Larch', 'Maple', 'Oak', 'Pine', 'Rowan', 'Willow']

/** Every dialog's share of the user's messages: uneven (20–180), summing to exactly `total`. */
export function messageCounts(dialogs: number, total: number): number[] {
  const counts = Array.from({ length: dialogs }, (_, d) => 20 + ((d * 37) % 161))
  let diff = total - counts.reduce((a, b) => a + b, 0)
  for (let d = 0; diff !== 0; d = (d + 1) % dialogs) {
    const step = diff > 0 ? 1 : -1
    if (counts[d]! + step >= 1) {
      counts[d]! += step
      diff -= step
    }
  }
  return counts
}

/** Adds the busy user, their peers, dialogs and messages; does nothing if the user is already there. */
export function addBusyUser(db: DB, options: { dialogs?: number, messages?: number } = {}): number {
  const { id: user } = BUSY_USER
  if (db.prepare('SELECT 1 FROM users WHERE id = ?').get(user))
    return user
  const dialogs = options.dialogs ?? BUSY_USER.dialogs
  const counts = messageCounts(dialogs, options.messages ?? BUSY_USER.messages)
  const created = SEED_EPOCH - 86400 * 400
  const insertUser = db.prepare(`INSERT INTO users(id, login, email, full_name, user_tags, custom_data, created_at, updated_at, last_request_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertDialog = db.prepare(`INSERT INTO dialogs(id, type, name, user_id, created_at, updated_at, is_join_required,
    last_message, last_message_date_sent, last_message_id, last_message_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertOccupant = db.prepare('INSERT OR IGNORE INTO dialog_occupants(dialog_id, user_id) VALUES (?, ?)')
  const insertAdmin = db.prepare('INSERT OR IGNORE INTO dialog_admins(dialog_id, user_id) VALUES (?, ?)')
  const insertMessage = db.prepare(`INSERT INTO messages(id, dialog_id, sender_id, recipient_id, message, date_sent, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertRead = db.prepare('INSERT INTO message_reads(message_id, user_id, dialog_id) VALUES (?, ?, ?)')
  const dialogIds = new IdGenerator('b05b05b05b', 0)
  const messageIds = new IdGenerator('b05e55a9e5', 0)
  const peer = (n: number) => BUSY_USER.firstPeerId + (n % BUSY_USER.peers)
  const peerName = (i: number) => `${NAMES[i % NAMES.length]} Peer ${i + 1}`

  db.transaction(() => {
    insertUser.run(user, BUSY_USER.login, 'busy.user@example.com', BUSY_USER.fullName, 'vip,support', '{"plan":"pro"}', created, created, SEED_EPOCH)
    for (let i = 0; i < BUSY_USER.peers; i++) {
      const id = BUSY_USER.firstPeerId + i
      insertUser.run(id, `peer${i + 1}`, `peer${i + 1}@busy.example.com`, peerName(i), null, null, created, created, SEED_EPOCH - i * 3600)
    }
    for (let d = 0; d < dialogs; d++) {
      const isPrivate = d % 10 === 9
      const others = isPrivate ? [peer(d)] : Array.from({ length: 3 + (d % 6) }, (_, k) => peer(d * 7 + k * 11))
      const owns = !isPrivate && d % 15 === 0
      const owner = owns || isPrivate ? user : others[0]!
      const admin = !isPrivate && !owns && d % 8 === 0
      const start = created + d * 3600
      // Newest activity in the lowest-numbered dialogs: the inbox's first page holds the busiest.
      const end = SEED_EPOCH - d * 1800
      const mine = counts[d]!
      const total = mine + BUSY_USER.othersPerDialog
      const step = Math.max(1, Math.floor((end - start) / total))
      const rows: { id: string, sender: number, text: string, sent: number }[] = []
      for (let i = 0; i < total; i++) {
        // The others' messages are the last ten, so unread ones are the newest.
        const fromUser = i < mine
        const sent = start + i * step
        const sender = fromUser ? user : others[i % others.length]!
        const text = fromUser && i % 97 === 5 ? `Buy cheap followers now (${d}-${i})` : `${LINES[(d + i) % LINES.length]} (${d}-${i})`
        rows.push({ id: messageIds.next(sent), sender, text, sent })
      }
      const last = rows.at(-1)!
      const id = dialogIds.next(start)
      const name = isPrivate ? peerName(others[0]! - BUSY_USER.firstPeerId) : `${NAMES[d % NAMES.length]} team ${d + 1}`
      insertDialog.run(id, isPrivate ? 3 : 2, name, owner, start, last.sent, isPrivate ? null : 0, last.text, last.sent, last.id, last.sender)
      for (const u of [user, ...others]) insertOccupant.run(id, u)
      if (admin)
        insertAdmin.run(id, user)
      for (const [i, row] of rows.entries()) {
        const recipient = isPrivate ? (row.sender === user ? others[0]! : user) : 0
        insertMessage.run(row.id, id, row.sender, recipient, row.text, row.sent, row.sent, row.sent)
        // The user has read the older half of the others' messages; dialogs ending in 0 are read to the end.
        if (row.sender !== user && (i < mine + BUSY_USER.othersPerDialog / 2 || d % 10 === 0))
          insertRead.run(row.id, user, id)
      }
    }
  })()
  return user
}
