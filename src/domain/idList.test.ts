import { describe, expect, it } from 'vitest'
import {
  chunkIdsForPath,
  classifyToken,
  type IdToken,
  idsToAdd,
  lookupsFor,
  mergeDeleteResults,
  isObjectId,
  parseIdList,
  planAdd,
  splitTokens,
} from './idList'

describe('splitTokens', () => {
  it('splits on commas, semicolons, spaces, tabs and newlines, dropping blanks', () => {
    expect(splitTokens(' 1,2;;3 \t4\n\n5\r\n6 ,, ; ')).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(splitTokens('')).toEqual([])
    expect(splitTokens(' ,;\n\t ')).toEqual([])
  })

  it('strips quotes and brackets around tokens', () => {
    expect(splitTokens(`"12", 'ann' <bob@example.com>`)).toEqual(['12', 'ann', 'bob@example.com'])
    expect(splitTokens('[1, 2, 3]')).toEqual(['1', '2', '3'])
    expect(splitTokens('[]')).toEqual([])
  })
})

describe('classifyToken', () => {
  it('ids', () => {
    expect(classifyToken('96831397')).toEqual({ kind: 'id', raw: '96831397', id: 96831397 })
    expect(classifyToken('007')).toEqual({ kind: 'id', raw: '007', id: 7 })
    expect(classifyToken('0')).toEqual({ kind: 'invalid', raw: '0', reason: 'User IDs start at 1.' })
    expect(classifyToken('9007199254740993')).toEqual({
      kind: 'invalid', raw: '9007199254740993', reason: 'This number is too large to be a user ID.',
    })
    expect(classifyToken('-5')).toEqual({ kind: 'invalid', raw: '-5', reason: 'User IDs are whole numbers above 0.' })
    expect(classifyToken('1.5')).toEqual({ kind: 'invalid', raw: '1.5', reason: 'User IDs are whole numbers above 0.' })
  })

  it('emails, lower-cased', () => {
    expect(classifyToken('Ann.Lee+qb@Example.co.uk')).toEqual({ kind: 'email', raw: 'Ann.Lee+qb@Example.co.uk', email: 'ann.lee+qb@example.co.uk' })
    expect(classifyToken('a@b').kind).toBe('login')
    expect(classifyToken('a@b.c').kind).toBe('login')
    expect(classifyToken('a@-b.com').kind).toBe('login')
  })

  it('logins', () => {
    expect(classifyToken('marvin18')).toEqual({ kind: 'login', raw: 'marvin18', login: 'marvin18' })
    expect(classifyToken('john.doe-2_x')).toEqual({ kind: 'login', raw: 'john.doe-2_x', login: 'john.doe-2_x' })
    expect(classifyToken('x'.repeat(256)).kind).toBe('invalid')
  })

  it('invalid tokens say which characters are wrong', () => {
    expect(classifyToken('jöhn#1')).toEqual({
      kind: 'invalid', raw: 'jöhn#1', reason: 'Not an ID, email or login: contains "ö", "#".',
    })
  })
})

describe('parseIdList', () => {
  it('a messy paste: mixed separators, duplicates, blanks and malformed tokens', () => {
    const text = '12, 7;ann@example.com\n\n ANN@example.com\t12 bob ;; 007 bad!x ,bob, 0\r\n'
    expect(parseIdList(text)).toEqual([
      { kind: 'id', raw: '12', id: 12 },
      { kind: 'id', raw: '7', id: 7 },
      { kind: 'email', raw: 'ann@example.com', email: 'ann@example.com' },
      { kind: 'login', raw: 'bob', login: 'bob' },
      { kind: 'invalid', raw: 'bad!x', reason: 'Not an ID, email or login: contains "!".' },
      { kind: 'invalid', raw: '0', reason: 'User IDs start at 1.' },
    ])
  })

  it('logins are compared exactly', () => {
    expect(parseIdList('Bob bob').map((t) => t.raw)).toEqual(['Bob', 'bob'])
  })
})

describe('planAdd', () => {
  const users: Record<string, number> = { 'ann@example.com': 100, bob: 101, carl: 3 }
  const resolve = (t: Exclude<IdToken, { kind: 'invalid' }>): number | undefined => {
    if (t.kind === 'id') return t.id < 1000 ? t.id : undefined
    return users[t.kind === 'email' ? t.email : t.login]
  }

  it('sorts tokens into will-add, already members, not found, invalid and duplicates', () => {
    const tokens = parseIdList('100, 5, ann@example.com, bob, 3, carl, nobody, 5000, x#y')
    const plan = planAdd(tokens, resolve, [1, 3])
    expect(plan).toEqual({
      willAdd: [
        { token: { kind: 'id', raw: '100', id: 100 }, userId: 100 },
        { token: { kind: 'id', raw: '5', id: 5 }, userId: 5 },
        { token: { kind: 'login', raw: 'bob', login: 'bob' }, userId: 101 },
      ],
      alreadyMembers: [{ token: { kind: 'id', raw: '3', id: 3 }, userId: 3 }],
      notFound: [
        { kind: 'login', raw: 'nobody', login: 'nobody' },
        { kind: 'id', raw: '5000', id: 5000 },
      ],
      invalid: [{ kind: 'invalid', raw: 'x#y', reason: 'Not an ID, email or login: contains "#".' }],
      duplicates: [
        { token: { kind: 'email', raw: 'ann@example.com', email: 'ann@example.com' }, userId: 100 },
        { token: { kind: 'login', raw: 'carl', login: 'carl' }, userId: 3 },
      ],
    })
    expect(idsToAdd(plan)).toEqual([100, 5, 101])
  })

  it('an empty paste plans nothing', () => {
    expect(planAdd([], resolve, [1])).toEqual({ willAdd: [], alreadyMembers: [], notFound: [], invalid: [], duplicates: [] })
  })
})

describe('lookupsFor', () => {
  it('groups valid tokens by kind for batch look-ups', () => {
    expect(lookupsFor(parseIdList('5 ann@example.com bob x#y 6 Carl'))).toEqual({
      ids: [5, 6],
      logins: ['bob', 'Carl'],
      emails: ['ann@example.com'],
    })
  })
})

describe('isObjectId', () => {
  it('24 hex digits only', () => {
    expect(isObjectId('5d75393ba28f9a17e1cb0f9e')).toBe(true)
    expect(isObjectId('5D75393BA28F9A17E1CB0F9E')).toBe(true)
    expect(isObjectId('5d75393ba28f9a17e1cb0f9')).toBe(false)
    expect(isObjectId('5d75393ba28f9a17e1cb0f9ez')).toBe(false)
    expect(isObjectId('5d76b6sdfff9a0cc7cb023')).toBe(false)
    expect(isObjectId('')).toBe(false)
  })
})

describe('chunkIdsForPath', () => {
  const hex = (i: number): string => i.toString(16).padStart(24, '0')
  const many = Array.from({ length: 500 }, (_, i) => hex(i))

  it('keeps every chunk within the limit, keeps every id once, in order, in the fewest chunks', () => {
    const chunks = chunkIdsForPath(many, 2000)
    for (const c of chunks) expect(c.join(',').length).toBeLessThanOrEqual(2000)
    expect(chunks.flat()).toEqual(many)
    // 80 ids of 24 chars + 79 commas = 1999 characters; 81 would be 2024.
    expect(chunks.map((c) => c.length)).toEqual([80, 80, 80, 80, 80, 80, 20])
    expect(chunks.length).toBe(Math.ceil(500 / 80))
  })

  it('counts the rest of the path as overhead', () => {
    const overhead = '/chat/Message/'.length + '.json'.length
    const chunks = chunkIdsForPath(many.slice(0, 100), 2000, overhead)
    for (const c of chunks) expect(c.join(',').length + overhead).toBeLessThanOrEqual(2000)
    expect(chunks.map((c) => c.length)).toEqual([79, 21])
  })

  it('fills a chunk exactly to the limit', () => {
    expect(chunkIdsForPath(['aa', 'bb', 'cc'], 5)).toEqual([['aa', 'bb'], ['cc']])
    expect(chunkIdsForPath(['aa', 'bb', 'cc'], 8)).toEqual([['aa', 'bb', 'cc']])
  })

  it('sends repeated ids once and handles an empty list', () => {
    expect(chunkIdsForPath(['a', 'b', 'a'], 100)).toEqual([['a', 'b']])
    expect(chunkIdsForPath([], 100)).toEqual([])
  })

  it('refuses an id that can never fit', () => {
    expect(() => chunkIdsForPath([hex(1)], 20)).toThrow(RangeError)
  })
})

describe('mergeDeleteResults', () => {
  it('merges chunk answers; an empty answer means the chunk was deleted', () => {
    expect(mergeDeleteResults(
      [['a', 'b', 'c'], ['d'], ['e', 'f']],
      [
        { SuccessfullyDeleted: { ids: ['a'] }, NotFound: { ids: ['b'] }, WrongPermissions: { ids: ['c'] } },
        null,
        { SuccessfullyDeleted: { ids: ['e'] }, NotFound: { ids: ['f'] } },
      ],
    )).toEqual({
      SuccessfullyDeleted: { ids: ['a', 'd', 'e'] },
      NotFound: { ids: ['b', 'f'] },
      WrongPermissions: { ids: ['c'] },
    })
  })
})
