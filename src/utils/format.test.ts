import { describe, expect, it } from 'vitest'
import { formatRelative, toMs } from './format'

describe('format', () => {
  it('says how long ago', () => {
    const now = Date.UTC(2024, 0, 10)
    expect(formatRelative(now - 3 * 24 * 3600 * 1000, now)).toBe('3 days ago')
    expect(formatRelative(now - 30 * 1000, now)).toBe('just now')
    expect(formatRelative(now - 2 * 3600 * 1000, now)).toBe('2 hours ago')
  })

  it('reads ISO strings and unix seconds', () => {
    expect(toMs('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1))
    expect(toMs(1704067200)).toBe(Date.UTC(2024, 0, 1))
    expect(toMs(null)).toBeNull()
    expect(toMs('nonsense')).toBeNull()
  })
})
