import type { RunningEmulator, StartOptions } from '../server'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashPassword } from '../passwords'
import { startEmulator } from '../server'
import { nowSec } from '../util'

/** The API key of the official recipes, so their requests run unchanged. */
export const DOC_API_KEY = '28irlNAGasWDSupO9Vw0BBMZfuHrAUYKpmroS9yBORI'
export const APP_ID = 76730
export const PASSWORD = 'secret-password'

export interface TestEmulator extends RunningEmulator {
  dir: string
  stop: () => Promise<void>
}

/** An emulator on a random port with a fresh database in a temp directory. */
export async function startTestEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'qb-emulator-'))
  const emulator = await startEmulator({ port: 0, db: join(dir, 'test.db'), seed: 'none', apiKey: DOC_API_KEY, appId: APP_ID, ...options })
  return {
    ...emulator,
    dir,
    stop: async () => {
      await emulator.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface Reply {
  status: number
  text: string
  headers: Headers
  json: () => unknown
}

export interface CallOptions {
  headers?: Record<string, string>
  /** Raw body, sent as given (JSON recipes are passed as their exact text). */
  body?: string
  /** JSON body: serialised and sent as application/json. */
  json?: unknown
  /** Form body: sent as application/x-www-form-urlencoded. */
  form?: string
}

export function client(base: () => string) {
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers }
    let body: string | undefined = options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['Content-Type'] = 'application/json'
    }
    if (options.form !== undefined) {
      body = options.form
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    }
    const response = await fetch(base() + path, { method, headers, body })
    const text = await response.text()
    return { status: response.status, text, headers: response.headers, json: () => JSON.parse(text) as unknown }
  }
}

export const apiKey = (onBehalfOf?: number): Record<string, string> => {
  const headers: Record<string, string> = { Authorization: `ApiKey ${DOC_API_KEY}` }
  if (onBehalfOf !== undefined) headers['On-Behalf-Of'] = String(onBehalfOf)
  return headers
}

let passwordHash: string | undefined

/** Inserts users with fixed ids (login `user{id}`, password PASSWORD). */
export function addUsers(emulator: RunningEmulator, ids: number[]): void {
  // One scrypt per test process: the hash is the same for every user and costs ~35 ms.
  passwordHash ??= hashPassword(PASSWORD)
  const insert = emulator.db.prepare(`INSERT OR IGNORE INTO users(id, login, email, full_name, password_hash, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const now = nowSec()
  for (const id of ids) insert.run(id, `user${id}`, `user${id}@example.com`, `User ${id}`, passwordHash, now, now)
}

/** Inserts a session whose token is fixed, like the tokens in the official recipes. */
export function addToken(emulator: RunningEmulator, token: string, userId: number): void {
  const now = nowSec()
  emulator.db.prepare('INSERT OR REPLACE INTO sessions(token, user_id, nonce, ts, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(token, userId, '1', now, now, now, now + 7200)
}

export interface DialogFixture {
  id: string
  type: 1 | 2 | 3
  owner: number
  occupants?: number[]
  admins?: number[]
  name?: string
  isJoinRequired?: 0 | 1
  data?: Record<string, string>
}

/** (Re)creates a dialog with a fixed id, like the ids in the official recipes. */
export function putDialog(emulator: RunningEmulator, d: DialogFixture): void {
  const db = emulator.db
  db.prepare('DELETE FROM dialogs WHERE id = ?').run(d.id)
  const created = 1567963451
  db.prepare(`INSERT INTO dialogs(id, type, name, photo, user_id, created_at, updated_at, is_join_required, class_name, data)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(d.id, d.type, d.name ?? 'New Year party', '68123', d.owner, created, created,
    d.type === 2 ? (d.isJoinRequired ?? 0) : null, d.data?.class_name ?? null, d.data ? JSON.stringify(d.data) : null)
  const occ = db.prepare('INSERT OR IGNORE INTO dialog_occupants(dialog_id, user_id) VALUES (?, ?)')
  const adm = db.prepare('INSERT OR IGNORE INTO dialog_admins(dialog_id, user_id) VALUES (?, ?)')
  for (const u of d.occupants ?? []) occ.run(d.id, u)
  for (const u of d.admins ?? []) adm.run(d.id, u)
}

/** Inserts a message with a fixed id. */
export function putMessage(emulator: RunningEmulator, m: { id: string, dialogId: string, sender: number, text?: string, dateSent?: number }): void {
  const sent = m.dateSent ?? 1568061015
  emulator.db.prepare('DELETE FROM messages WHERE id = ?').run(m.id)
  emulator.db.prepare(`INSERT INTO messages(id, dialog_id, sender_id, recipient_id, message, date_sent, created_at, updated_at, markable)
    VALUES (?, ?, ?, 0, ?, ?, ?, ?, 1)`).run(m.id, m.dialogId, m.sender, m.text ?? 'hello', sent, sent, sent)
}

/** Occupants, admins and owner straight from the database. */
export function members(emulator: RunningEmulator, dialogId: string) {
  const ids = (table: string) => (emulator.db.prepare(`SELECT user_id FROM ${table} WHERE dialog_id = ? ORDER BY user_id`).all(dialogId) as { user_id: number }[]).map(r => r.user_id)
  return { occupants: ids('dialog_occupants'), admins: ids('dialog_admins') }
}
