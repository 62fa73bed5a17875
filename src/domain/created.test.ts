import { describe, expect, it } from 'vitest'
import { existedBefore } from './created'

describe('existedBefore', () => {
  const sent = Date.parse('2026-12-03T12:00:00Z')
  it('is true for a dialog created well before the request', () => {
    expect(existedBefore({ created_at: '2026-11-01T08:00:00Z' }, sent)).toBe(true)
  })
  it('is false for one created just now, allowing for a clock ahead of the server', () => {
    expect(existedBefore({ created_at: '2026-12-03T12:00:01Z' }, sent)).toBe(false)
    expect(existedBefore({ created_at: '2026-12-03T11:59:00Z' }, sent)).toBe(false)
  })
  it('is false when the time cannot be read', () => {
    expect(existedBefore({ created_at: '' }, sent)).toBe(false)
  })
})
