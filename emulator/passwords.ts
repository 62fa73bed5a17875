import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

/**
 * Stored password hashes:
 * - `scrypt$N$r$p$SALT$HASH` — salted scrypt (salt and hash base64), what every new password gets.
 * - `scrypt-sha256$N$r$p$OLDSALT$SALT$HASH` — a hash of schema 3 and before (salted SHA-256,
 *   `OLDSALT$HEX`) wrapped in scrypt when the database was migrated, so no fast hash is left on
 *   disk and the old password still logs in: scrypt runs on that SHA-256 hex.
 */
const COST = { N: 16384, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const SALT_BYTES = 16

interface Parsed { N: number, r: number, p: number, salt: Buffer, hash: Buffer, legacySalt?: string }

function encode(prefix: string, salt: Buffer, hash: Buffer, legacySalt?: string): string {
  const parts = [prefix, COST.N, COST.r, COST.p, ...(legacySalt === undefined ? [] : [legacySalt]), salt.toString('base64'), hash.toString('base64')]
  return parts.join('$')
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$')
  const legacy = parts[0] === 'scrypt-sha256'
  if (!(legacy ? parts.length === 7 : parts[0] === 'scrypt' && parts.length === 6)) return undefined
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  // Only costs this emulator writes: a stored row must not choose how much memory a login takes.
  if (N !== COST.N || r !== COST.r || p !== COST.p) return undefined
  const salt = Buffer.from(parts.at(-2)!, 'base64')
  const hash = Buffer.from(parts.at(-1)!, 'base64')
  if (salt.length === 0 || hash.length !== KEY_LENGTH) return undefined
  return { N, r, p, salt, hash, legacySalt: legacy ? parts[4] : undefined }
}

/** The SHA-256 of schema 3 and before, which a migrated hash wraps. */
function legacyDigest(password: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${password}`).digest('hex')
}

/** Salted scrypt of a password (synchronous, ~35 ms: for seeds, fills and account writes). */
export function hashPassword(password: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  return encode('scrypt', salt, scryptSync(password, salt, KEY_LENGTH, COST))
}

/** Whether a stored hash is of the pre-scrypt form `SALT$HEX` (schema 3 and before). */
export function isLegacyHash(stored: string): boolean {
  return /^[^$]+\$[0-9a-f]{64}$/.test(stored)
}

/** Wraps a pre-scrypt hash in scrypt (the database migration); the same password still verifies. */
export function wrapLegacyHash(stored: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  const at = stored.indexOf('$')
  const legacySalt = stored.slice(0, at)
  return encode('scrypt-sha256', salt, scryptSync(stored.slice(at + 1), salt, KEY_LENGTH, COST), legacySalt)
}

const scryptAsync = (input: string, salt: Buffer): Promise<Buffer> => new Promise((resolve, reject) => {
  scrypt(input, salt, KEY_LENGTH, COST, (error, key) => (error ? reject(error) : resolve(key)))
})

// Compared against when there is no user or no usable hash, so a wrong login costs what a wrong password does.
const DUMMY = { salt: randomBytes(SALT_BYTES), hash: Buffer.alloc(KEY_LENGTH) }

/**
 * Whether the password matches the stored hash: scrypt off the main thread, compared in constant
 * time. Unknown users and unreadable hashes take the same work and answer false.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parse(stored) : undefined
  const target = parsed ?? DUMMY
  const input = parsed?.legacySalt !== undefined ? legacyDigest(password, parsed.legacySalt) : password
  const key = await scryptAsync(input, target.salt)
  return timingSafeEqual(key, target.hash) && parsed !== undefined
}
