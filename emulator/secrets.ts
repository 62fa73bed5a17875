import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/**
 * Whether two secrets are equal, in time that tells nothing about where they differ: both are
 * hashed first, so the compared buffers always have the same length whatever was sent.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected))
}

/** The key of `Authorization: ApiKey KEY`, or undefined when the header has another form. */
export function apiKeyOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined
  return /^ApiKey\s+(\S+)\s*$/i.exec(authorization)?.[1]
}
