import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { isEmpty, openDatabase, recount } from './db'
import { hashPassword } from './passwords'
import { IdGenerator, prng } from './util'

export interface FillOptions {
  dialogs: number
  messages: number
  users: number
  /** Share of all messages that go to one large group dialog. */
  largeShare: number
}

export interface FillResult {
  largeDialogId: string
  nameTerm: string
  seconds: number
}

/** Words of the dialog names (also the benchmark's search terms). */
export const ADJECTIVES = ['Amber', 'Bold', 'Calm', 'Daring', 'Eager', 'Fuzzy', 'Gentle', 'Happy', 'Icy', 'Jolly', 'Keen', 'Lucky', 'Mighty', 'Noble', 'Odd', 'Proud', 'Quiet', 'Rapid', 'Silent', 'Tidy', 'Urban', 'Vivid', 'Witty', 'Young', 'Zesty', 'Brave', 'Clever', 'Dusty', 'Early', 'Fancy', 'Grand', 'Humble', 'Ideal', 'Jumpy', 'Kind', 'Lively', 'Merry', 'Neat', 'Orange', 'Polite']
export const NOUNS = ['Falcon', 'Harbor', 'Meadow', 'Rocket', 'Summit', 'Lantern', 'Canyon', 'Orchard', 'Glacier', 'Beacon', 'Compass', 'Dolphin', 'Ember', 'Forest', 'Garden', 'Horizon', 'Island', 'Jungle', 'Kettle', 'Lagoon', 'Marble', 'Nebula', 'Oasis', 'Pebble', 'Quartz', 'River', 'Saddle', 'Thunder', 'Umbrella', 'Valley', 'Willow', 'Yonder', 'Zephyr', 'Anchor', 'Bridge', 'Castle', 'Desert', 'Engine', 'Fountain', 'Galaxy', 'Hammock', 'Igloo', 'Jigsaw', 'Kayak', 'Ladder', 'Mirror', 'Needle', 'Opal', 'Parrot', 'Quill']
const LINES = ['ok', 'see you there', 'on my way', 'sounds good', 'can you check this?', 'done', 'thanks!', 'let me look', 'any news?', 'great work everyone', 'meeting at 10', 'shipping it']

/** Fills an empty database with `dialogs` dialogs and `messages` messages, in batched transactions. */
export function fillDatabase(file: string, options: FillOptions): FillResult {
  const started = performance.now()
  const db = openDatabase(file)
  if (!isEmpty(db)) {
    db.close()
    throw new Error(`${file} is not empty; pass --reset to replace it`)
  }
  // A bulk load into a fresh file: no journal, no fsync; WAL is switched back on at the end.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -1000000')
  const lap = (label: string) => process.env.QB_FILL_DEBUG && console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const rand = prng(4242)
  const base = 1700000000
  const firstUser = 1001
  const userIds = Array.from({ length: options.users }, (_, i) => firstUser + i)
  const dialogIds = new IdGenerator('f111ed1a10', 0)
  const messageIds = new IdGenerator('f111ed3e55', 0)

  const passwordHash = hashPassword('dialogdesk')
  const insertUser = db.prepare('INSERT INTO users(id, login, email, full_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (const id of userIds) insertUser.run(id, `user${id}`, `user${id}@example.com`, `User ${id}`, passwordHash, base, base)
  })()

  // Plan every dialog's members and every message's dialog first, so last_message_* is known at insert time.
  const n = options.dialogs
  const types = new Uint8Array(n)
  const members: number[][] = []
  for (let d = 0; d < n; d++) {
    const roll = d === 0 ? 0.5 : rand()
    types[d] = roll < 0.4 ? 3 : roll < 0.85 ? 2 : 1
    const size = d === 0 ? Math.min(200, options.users) : types[d] === 3 ? 2 : types[d] === 2 ? 3 + Math.floor(rand() * 6) : 0
    const set = new Set<number>()
    while (set.size < size) set.add(userIds[Math.floor(rand() * userIds.length)]!)
    members.push([...set])
  }
  const m = options.messages
  const messageDialog = new Uint32Array(m)
  const lastMessage = new Int32Array(n).fill(-1)
  for (let i = 0; i < m; i++) {
    const d = rand() < options.largeShare ? 0 : Math.floor(rand() * n)
    messageDialog[i] = d
    lastMessage[d] = i
  }
  const sentAt = (i: number) => base + 86400 + Math.floor(i * 2.5)
  const senderOf = (i: number, d: number) => {
    const occ = members[d]!
    return occ.length ? occ[i % occ.length]! : userIds[i % userIds.length]!
  }
  const idsOfMessages: string[] = Array.from({ length: m })
  for (let i = 0; i < m; i++) idsOfMessages[i] = messageIds.next(sentAt(i))

  lap('plan')
  // Secondary indexes are built once after the load (a sort) instead of row by row (random inserts).
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
    AND tbl_name IN ('dialogs', 'dialog_occupants', 'dialog_admins', 'messages')`).all() as { name: string, sql: string }[]
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`)
  // One full-text rebuild at the end is far cheaper than a trigger per row; rows are consistent by construction, so no FK checks.
  // Likewise the message counts (db.ts): counted once after the load instead of a trigger per message.
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
    AND (name = 'dialogs_fts_insert' OR tbl_name IN ('messages', 'message_reads'))`).all() as { name: string, sql: string }[]
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)
  db.pragma('foreign_keys = OFF')
  const insertDialog = db.prepare(`INSERT INTO dialogs(id, type, name, photo, user_id, created_at, updated_at, is_join_required, last_message, last_message_date_sent, last_message_id, last_message_user_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertOccupant = db.prepare('INSERT INTO dialog_occupants(dialog_id, user_id) VALUES (?, ?)')
  const insertAdmin = db.prepare('INSERT INTO dialog_admins(dialog_id, user_id) VALUES (?, ?)')
  const ids: string[] = []
  const BATCH = 20000
  for (let start = 0; start < n; start += BATCH) {
    db.transaction(() => {
      for (let d = start; d < Math.min(n, start + BATCH); d++) {
        const created = base + Math.floor((d * 86400) / n)
        const id = dialogIds.next(created)
        ids.push(id)
        const type = types[d]!
        const occ = members[d]!
        const owner = occ[0] ?? userIds[d % userIds.length]!
        const name = d === 0 ? 'Large bench room' : type === 3 ? `User ${occ[1]}` : `${ADJECTIVES[d % ADJECTIVES.length]} ${NOUNS[Math.floor(d / ADJECTIVES.length) % NOUNS.length]} ${d}`
        const last = lastMessage[d]!
        insertDialog.run(id, type, name, d % 3 === 0 ? String(60000 + d) : null, owner, created, last >= 0 ? sentAt(last) : created,
          type === 2 ? d % 5 === 0 ? 1 : 0 : null,
          last >= 0 ? LINES[last % LINES.length] : null, last >= 0 ? sentAt(last) : null, last >= 0 ? idsOfMessages[last] : null, last >= 0 ? senderOf(last, d) : null)
        for (const u of occ) insertOccupant.run(id, u)
        if (type !== 3 && occ.length > 2 && d % 4 === 0) insertAdmin.run(id, occ[1]!)
      }
    })()
  }

  db.exec('INSERT INTO dialogs_fts(dialogs_fts) VALUES (\'rebuild\')')
  lap('dialogs')
  const insertMessage = db.prepare(`INSERT INTO messages(id, dialog_id, sender_id, recipient_id, message, date_sent, created_at, updated_at, markable)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`)
  const MESSAGE_BATCH = 50000
  for (let start = 0; start < m; start += MESSAGE_BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(m, start + MESSAGE_BATCH); i++) {
        const d = messageDialog[i]!
        const sender = senderOf(i, d)
        const sent = sentAt(i)
        const recipient = types[d] === 3 ? members[d]!.find(u => u !== sender) ?? 0 : 0
        insertMessage.run(idsOfMessages[i], ids[d], sender, recipient, LINES[i % LINES.length], sent, sent, sent)
      }
    })()
  }
  lap('messages')
  for (const index of indexes) db.exec(index.sql)
  lap('indexes')
  recount(db)
  for (const trigger of triggers) db.exec(trigger.sql)
  lap('counts')
  db.pragma('foreign_keys = ON')
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?), (?, ?)').run('fill_large_dialog', ids[0], 'fill_name_term', 'falcon')
  db.exec('ANALYZE')
  lap('analyze')
  db.pragma('journal_mode = WAL')
  db.close()
  return { largeDialogId: ids[0]!, nameTerm: 'falcon', seconds: (performance.now() - started) / 1000 }
}

const USAGE = 'usage: tsx emulator/fill.ts --db FILE [--dialogs 100000] [--messages 1000000] [--users 1000] [--reset]'

function main(): void {
  let values
  try {
    values = parseArgs({
      options: {
        db: { type: 'string' },
        dialogs: { type: 'string', default: '100000' },
        messages: { type: 'string', default: '1000000' },
        users: { type: 'string', default: '1000' },
        reset: { type: 'boolean' },
      },
      strict: true,
    }).values
  }
  catch (error) {
    console.error(`fill: ${error instanceof Error ? error.message : String(error)}`)
    console.error(USAGE)
    process.exit(2)
  }
  const numbers = [values.dialogs, values.messages, values.users].map(Number)
  if (!values.db || numbers.some(v => !Number.isInteger(v) || v < 1)) {
    console.error(USAGE)
    process.exit(2)
  }
  const [dialogs, messages, users] = numbers as [number, number, number]
  mkdirSync(dirname(values.db), { recursive: true })
  if (values.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(values.db + suffix, { force: true })
  else if (existsSync(values.db)) console.log(`fill: adding to ${values.db} (must be empty)`)
  const result = fillDatabase(values.db, { dialogs, messages, users, largeShare: 0.05 })
  console.log(`fill: ${dialogs} dialogs, ${messages} messages, ${users} users in ${result.seconds.toFixed(1)} s → ${values.db}`)
  console.log(`fill: large dialog ${result.largeDialogId}; name[ctn] term "${result.nameTerm}"`)
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main()
