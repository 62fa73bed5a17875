import type { DB } from './db'
import { addBusyUser } from './fixtureBusyUser'
import { SEED_EPOCH } from './seed'

/**
 * Extra, deterministic data for tests and benchmarks that the demo seed doesn't have.
 * `big-dialog`: one group dialog with 10,000 occupants, inserted straight into SQLite in one
 * transaction (well under a second), so no one has to create 10,000 users over HTTP.
 * `busy-user`: one user (300001) in 500 dialogs with 50,000 of their messages (fixtureBusyUser.ts).
 */

export { BUSY_USER } from './fixtureBusyUser'

export const FIXTURES = ['big-dialog', 'busy-user'] as const
export type Fixture = typeof FIXTURES[number]

/** The big dialog's fixed ID, owner, admin and size. */
export const BIG_DIALOG = {
  id: 'b16d1a10b16d1a1000010000',
  name: 'Big room (10,000 members)',
  members: 10_000,
  /** Fixture users get IDs from here on (the demo seed uses 1001–1050). */
  firstUserId: 200_001,
} as const

/** Owner and admin of the big dialog: its first two fixture users. */
export const BIG_DIALOG_OWNER = BIG_DIALOG.firstUserId
export const BIG_DIALOG_ADMIN = BIG_DIALOG.firstUserId + 1

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Milo', 'Nia', 'Otto', 'Pia', 'Rex', 'Sia', 'Teo', 'Uma']
const LAST = ['Abbott', 'Baker', 'Castro', 'Diaz', 'Evans', 'Ford', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Klein', 'Lopez', 'Meyer', 'Nakamura', 'Owens', 'Park', 'Quinn', 'Reyes', 'Sato', 'Turner']

/** Whether a string names a fixture. */
export function isFixture(name: string): name is Fixture {
  return (FIXTURES as readonly string[]).includes(name)
}

/** Adds the big dialog and its users; does nothing if it is already there. */
export function addBigDialog(db: DB, members: number = BIG_DIALOG.members): string {
  const exists = db.prepare('SELECT 1 FROM dialogs WHERE id = ?').get(BIG_DIALOG.id)
  if (exists)
    return BIG_DIALOG.id
  const insertUser = db.prepare(`INSERT OR IGNORE INTO users(id, login, email, full_name, created_at, updated_at, last_request_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const insertOccupant = db.prepare('INSERT OR IGNORE INTO dialog_occupants(dialog_id, user_id) VALUES (?, ?)')
  const created = SEED_EPOCH - 86400 * 90
  db.transaction(() => {
    for (let i = 0; i < members; i++) {
      const id = BIG_DIALOG.firstUserId + i
      const first = FIRST[i % FIRST.length]!
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!
      const login = `member${String(i + 1).padStart(5, '0')}`
      insertUser.run(id, login, `${login}@big.example.com`, `${first} ${last} ${i + 1}`, created, created, SEED_EPOCH + (i % 720) * 3600)
    }
    db.prepare(`INSERT INTO dialogs(id, type, name, photo, user_id, created_at, updated_at, is_join_required)
      VALUES (?, 2, ?, NULL, ?, ?, ?, 0)`).run(BIG_DIALOG.id, BIG_DIALOG.name, BIG_DIALOG_OWNER, created, created)
    for (let i = 0; i < members; i++)
      insertOccupant.run(BIG_DIALOG.id, BIG_DIALOG.firstUserId + i)
    db.prepare('INSERT OR IGNORE INTO dialog_admins(dialog_id, user_id) VALUES (?, ?)').run(BIG_DIALOG.id, BIG_DIALOG_ADMIN)
  })()
  return BIG_DIALOG.id
}

/** Applies the named fixtures (comma-separated); throws on an unknown name. */
export function applyFixtures(db: DB, names: string): void {
  for (const name of names.split(',').map(n => n.trim()).filter(Boolean)) {
    if (!isFixture(name))
      throw new Error(`unknown fixture "${name}" (${FIXTURES.join(', ')})`)
    if (name === 'big-dialog')
      addBigDialog(db)
    if (name === 'busy-user')
      addBusyUser(db)
  }
}
