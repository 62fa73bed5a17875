import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Salted SHA-256: enough for an emulator that never holds real passwords. */
export function hashPassword(password: string, salt: string = randomBytes(8).toString('hex')): string {
  return `${salt}$${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`
}

export function checkPassword(password: string, stored: string | null): boolean {
  if (!stored) return false
  const [salt] = stored.split('$')
  if (!salt) return false
  const a = Buffer.from(hashPassword(password, salt))
  const b = Buffer.from(stored)
  return a.length === b.length && timingSafeEqual(a, b)
}
