import { describe, expect, it } from 'vitest'
import { describeSearch, hasLookups, MAX_SEARCH_LENGTH, parseSearch } from './search'

describe('parseSearch', () => {
  it('empty and blank text asks nothing', () => {
    expect(parseSearch('')).toEqual({ text: '', kind: 'empty' })
    expect(parseSearch('   ')).toEqual({ text: '', kind: 'empty' })
    expect(hasLookups(parseSearch(' '))).toBe(false)
  })

  it('24 hex digits are a dialog ID, and nothing else', () => {
    expect(parseSearch(' 672C8EEC5EEDDA7A00000001 ')).toEqual({ text: '672C8EEC5EEDDA7A00000001', kind: 'dialog-id', dialogId: '672c8eec5eedda7a00000001' })
    // One digit short: a name or login, not an ID.
    expect(parseSearch('672c8eec5eedda7a0000000').kind).toBe('text')
  })

  it('digits are a user ID, maybe a numeric login, maybe part of a dialog name', () => {
    expect(parseSearch('1042')).toEqual({ text: '1042', kind: 'user-id', userId: 1042, login: '1042', dialogName: '1042' })
    expect(parseSearch('7')).toEqual({ text: '7', kind: 'user-id', userId: 7, login: '7' })
  })

  it('#digits are a user ID only, as the desk writes them', () => {
    expect(parseSearch('#1042')).toEqual({ text: '#1042', kind: 'user-id', userId: 1042 })
  })

  it('zero and huge numbers are not user IDs', () => {
    expect(parseSearch('0').kind).toBe('text')
    expect(parseSearch('0').userId).toBeUndefined()
    expect(parseSearch('9'.repeat(20)).userId).toBeUndefined()
  })

  it('an email is looked up as an email and as a login', () => {
    expect(parseSearch('Anna.Lee@Example.com')).toEqual({ text: 'Anna.Lee@Example.com', kind: 'email', email: 'Anna.Lee@Example.com', login: 'Anna.Lee@Example.com' })
    expect(parseSearch('anna@localhost').kind).toBe('text')
  })

  it('one word is a login, a full name (3+ letters) and part of a dialog name (2+)', () => {
    expect(parseSearch('alice.martin')).toEqual({ text: 'alice.martin', kind: 'text', login: 'alice.martin', fullName: 'alice.martin', dialogName: 'alice.martin' })
    expect(parseSearch('al')).toEqual({ text: 'al', kind: 'text', login: 'al', dialogName: 'al' })
    expect(parseSearch('a')).toEqual({ text: 'a', kind: 'text', login: 'a' })
  })

  it('words with spaces are a name, never a login', () => {
    expect(parseSearch('Alice  Martin')).toEqual({ text: 'Alice  Martin', kind: 'text', fullName: 'Alice  Martin', dialogName: 'Alice  Martin' })
  })

  it('names in any script', () => {
    expect(parseSearch('Ольга').fullName).toBe('Ольга')
    expect(parseSearch('--_').fullName).toBeUndefined()
  })

  it('text is cut at the longest length searched for', () => {
    expect(parseSearch('x'.repeat(500)).text).toHaveLength(MAX_SEARCH_LENGTH)
  })

  it('says what it understood', () => {
    expect(describeSearch(parseSearch('672c8eec5eedda7a00000001'))).toBe('Looks like a dialog ID.')
    expect(describeSearch(parseSearch('1042'))).toBe('Looks like a user ID.')
    expect(describeSearch(parseSearch('a@b.io'))).toBe('Looks like an email address.')
    expect(describeSearch(parseSearch('a'))).toBe('Type at least 2 characters.')
  })
})
