import { describe, expect, it } from 'vitest'
import { capSize, REDACTED, scrub, toPlain } from './scrub'

describe('toPlain', () => {
  it('keeps JSON values and turns the rest into JSON-safe ones', () => {
    const cyclic: Record<string, unknown> = { name: 'a' }
    cyclic.self = cyclic
    expect(toPlain({
      n: 1,
      s: 'x',
      b: true,
      nil: null,
      nan: Number.NaN,
      date: new Date('2026-11-22T01:00:00Z'),
      big: 10n,
      fn: () => 1,
      list: [1, undefined, 'z'],
      set: new Set([1, 2]),
      map: new Map([['k', 'v']]),
      error: new TypeError('bad'),
      cyclic,
    })).toEqual({
      n: 1,
      s: 'x',
      b: true,
      nil: null,
      nan: null,
      date: '2026-11-22T01:00:00.000Z',
      big: '10',
      list: [1, null, 'z'],
      set: [1, 2],
      map: { k: 'v' },
      error: { name: 'TypeError', message: 'bad' },
      cyclic: { name: 'a', self: '[circular]' },
    })
  })

  it('lets the same object appear twice when it is no cycle', () => {
    const shared = { id: 1 }
    expect(toPlain({ a: shared, b: shared })).toEqual({ a: { id: 1 }, b: { id: 1 } })
  })
})

describe('scrub', () => {
  const key = 'secret-key-123'

  it('removes strings equal to or containing the key, properties named by it, and headers', () => {
    const out = scrub({
      plain: 'hello',
      equal: key,
      inside: `Authorization: ApiKey ${key}`,
      list: ['ok', key],
      [key]: 'named by the key',
      headers: { 'X-Anything': 'y' },
      nested: { Authorization: 'ApiKey whatever', 'On-Behalf-Of': '1001', apiKey: 'x', deep: [{ v: `..${key}..` }] },
      n: 5,
    }, [key])
    expect(out).toEqual({
      plain: 'hello',
      equal: REDACTED,
      inside: REDACTED,
      list: ['ok', REDACTED],
      nested: { deep: [{ v: REDACTED }] },
      n: 5,
    })
    expect(JSON.stringify(out)).not.toContain(key)
  })

  it('ignores empty and missing secrets', () => {
    expect(scrub({ a: 'text' }, ['', null, undefined])).toEqual({ a: 'text' })
  })
})

describe('capSize', () => {
  it('keeps small values and previews big ones', () => {
    expect(capSize({ a: 1 }, 100)).toEqual({ a: 1 })
    const big = { text: 'x'.repeat(500) }
    const capped = capSize(big, 100) as { truncated: boolean, chars: number, preview: string }
    expect(capped.truncated).toBe(true)
    expect(capped.chars).toBe(JSON.stringify(big).length)
    expect(capSize(undefined)).toBeUndefined()
  })
})
