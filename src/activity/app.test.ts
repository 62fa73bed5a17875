import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { appFingerprint, belongsTo, sha256Fallback } from './app'

const hex = (bytes: Uint8Array) => [...bytes].map(b => b.toString(16).padStart(2, '0')).join('')

describe('application fingerprint', () => {
  it('is the first 16 hex characters of SHA-256 over base, newline, key', async () => {
    const expected = createHash('sha256').update('/api\nsecret-key').digest('hex').slice(0, 16)
    expect(await appFingerprint('/api', 'secret-key')).toBe(expected)
    expect(await appFingerprint('/api', 'other-key')).not.toBe(expected)
    expect(await appFingerprint('https://api.example.com', 'secret-key')).not.toBe(expected)
  })

  it('the fallback for pages without crypto.subtle computes the same SHA-256', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'ключ 🔑'.repeat(40)]) {
      const bytes = new TextEncoder().encode(text)
      expect(hex(sha256Fallback(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
  })

  it('an entry belongs to its app; one without a fingerprint goes with its API base', () => {
    const current = { app: 'aaaa', apiBase: '/api' }
    expect(belongsTo({ app: 'aaaa', apiBase: '/api' }, current)).toBe(true)
    expect(belongsTo({ app: 'bbbb', apiBase: '/api' }, current)).toBe(false)
    expect(belongsTo({ apiBase: '/api' }, current)).toBe(true)
    expect(belongsTo({ apiBase: 'https://elsewhere' }, current)).toBe(false)
    expect(belongsTo({ app: 'aaaa', apiBase: '/api' }, null)).toBe(false)
  })
})
