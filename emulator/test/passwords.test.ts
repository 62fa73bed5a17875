import type { SessionEnvelope } from '../../src/api/types'
import { createHash, createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../context'
import { hashPassword, isLegacyHash, verifyPassword, wrapLegacyHash } from '../passwords'
import { sameSecret } from '../secrets'
import { SEED_PASSWORD } from '../seed'
import { startEmulator } from '../server'

// Stored passwords (salted scrypt), the migration of older SHA-256 hashes, and secrets compared in constant time.
const dir = mkdtempSync(join(tmpdir(), 'qb-passwords-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Exactly what schema 3 stored: `SALT$hex(sha256("SALT:password"))`. */
const schema3Hash = (password: string, salt: string): string => `${salt}$${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`

let nonce = 7000
function signed(user: Record<string, string>): string {
  const params: Record<string, string> = { application_id: String(DEFAULT_CONFIG.appId), auth_key: DEFAULT_CONFIG.authKey, nonce: String(nonce++), timestamp: String(Math.floor(Date.now() / 1000)) }
  for (const [k, v] of Object.entries(user)) params[`user[${k}]`] = v
  const base = Object.keys(params).sort().map(k => `${k}=${params[k]}`).join('&')
  return new URLSearchParams({ ...params, signature: createHmac('sha1', DEFAULT_CONFIG.authSecret).update(base).digest('hex') }).toString()
}

async function login(url: string, user: Record<string, string>): Promise<number> {
  const r = await fetch(`${url}/session.json`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: signed(user) })
  return r.status === 201 ? ((await r.json()) as SessionEnvelope).session.user_id : -r.status
}

describe('password hashes', () => {
  it('are salted scrypt, verified only by the right password', async () => {
    const a = hashPassword('correct horse')
    const b = hashPassword('correct horse')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w+/]+=*\$[\w+/]+=*$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('correct horse', a)).toBe(true)
    expect(await verifyPassword('correct horse', b)).toBe(true)
    expect(await verifyPassword('correct horsE', a)).toBe(false)
    expect(await verifyPassword('', a)).toBe(false)
  })

  it('answer false, after the same work, for no hash, a damaged one or costs this emulator never writes', async () => {
    const good = hashPassword('p')
    const parts = good.split('$')
    for (const stored of [null, undefined, '', 'garbage', schema3Hash('p', 'salt'), [parts[0], '1024', ...parts.slice(2)].join('$'), `${good.slice(0, -4)}AAA=`, good.replace('scrypt$', 'scrypt-sha256$'), `${good}$x`])
      expect(await verifyPassword('p', stored), String(stored)).toBe(false)
  })

  it('of schema 3 are wrapped, not replaced: the old password still verifies and the SHA-256 is gone', async () => {
    const old = schema3Hash(SEED_PASSWORD, 'seed1001')
    expect(isLegacyHash(old)).toBe(true)
    expect(isLegacyHash(hashPassword('x'))).toBe(false)
    const wrapped = wrapLegacyHash(old)
    expect(wrapped).toMatch(/^scrypt-sha256\$16384\$8\$1\$seed1001\$/)
    expect(wrapped).not.toContain(old.split('$')[1])
    expect(await verifyPassword(SEED_PASSWORD, wrapped)).toBe(true)
    expect(await verifyPassword('dialogdesK', wrapped)).toBe(false)
  })
})

describe('a database of schema 3', () => {
  it('opens, its users log in with their seed passwords, and no SHA-256 hash is left', async () => {
    const file = join(dir, 'v3.db')
    const first = await startEmulator({ port: 0, db: file, seed: 'demo' })
    // What today's schema 3 database looks like: its seed's per-user SHA-256 hashes, no sessions index.
    const ids = first.db.prepare('SELECT id FROM users').pluck().all() as number[]
    const put = first.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
    for (const id of ids) put.run(schema3Hash(SEED_PASSWORD, `seed${id}`), id)
    put.run(schema3Hash('another-password', 'a1b2c3d4e5f6a7b8'), 1050)
    first.db.exec('DROP INDEX sessions_expires; UPDATE meta SET value = \'3\' WHERE key = \'schema_version\'')
    await first.close()

    const migrated = await startEmulator({ port: 0, db: file, seed: 'none' })
    try {
      const db = migrated.db
      expect(db.prepare('SELECT value FROM meta WHERE key = \'schema_version\'').pluck().get()).toBe('4')
      const hashes = db.prepare('SELECT password_hash FROM users').pluck().all() as string[]
      expect(hashes).toHaveLength(50)
      expect(hashes.every(h => h.startsWith('scrypt-sha256$16384$8$1$') && !isLegacyHash(h))).toBe(true)
      expect(db.prepare('SELECT 1 FROM sqlite_master WHERE name = \'sessions_expires\'').get()).toBeDefined()

      expect(await login(migrated.url, { login: 'alice.martin', password: SEED_PASSWORD })).toBe(1001)
      expect(await login(migrated.url, { email: 'bob.martin@example.com', password: SEED_PASSWORD })).toBe(1002)
      expect(await login(migrated.url, { login: 'alice.martin', password: 'wrong-password' })).toBe(-401)
      const last = db.prepare('SELECT login FROM users WHERE id = 1050').pluck().get() as string
      expect(await login(migrated.url, { login: last, password: 'another-password' })).toBe(1050)
      expect(await login(migrated.url, { login: last, password: SEED_PASSWORD })).toBe(-401)

      // A password set after the migration is plain scrypt and logs in too.
      const put = await fetch(`${migrated.url}/users/1003.json`, { method: 'PUT', headers: { 'Authorization': `ApiKey ${migrated.config.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ user: { password: 'brand-new-password' } }) })
      expect(put.status).toBe(200)
      expect(db.prepare('SELECT password_hash FROM users WHERE id = 1003').pluck().get()).toMatch(/^scrypt\$/)
      const login1003 = db.prepare('SELECT login FROM users WHERE id = 1003').pluck().get() as string
      expect(await login(migrated.url, { login: login1003, password: 'brand-new-password' })).toBe(1003)
    }
    finally {
      await migrated.close()
    }
  })

  it('a new demo seed logs in with the documented password', async () => {
    const fresh = await startEmulator({ port: 0, db: join(dir, 'v4.db'), seed: 'demo' })
    try {
      expect(fresh.db.prepare('SELECT count(*) FROM users WHERE password_hash NOT LIKE \'scrypt$%\'').pluck().get()).toBe(0)
      expect(await login(fresh.url, { login: 'alice.martin', password: SEED_PASSWORD })).toBe(1001)
      expect(await login(fresh.url, { login: 'nobody.here', password: SEED_PASSWORD })).toBe(-401)
    }
    finally {
      await fresh.close()
    }
  })
})

describe('secrets', () => {
  it('sameSecret compares digests, so any lengths compare without throwing', () => {
    expect(sameSecret('demo-dialog-desk-api-key', 'demo-dialog-desk-api-key')).toBe(true)
    for (const other of ['', 'd', 'demo-dialog-desk-api-ke', 'demo-dialog-desk-api-key ', 'Demo-dialog-desk-api-key', 'x'.repeat(10_000)])
      expect(sameSecret(other, 'demo-dialog-desk-api-key'), other).toBe(false)
  })
})
