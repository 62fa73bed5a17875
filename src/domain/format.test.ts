import { describe, expect, it } from 'vitest'
import { makeDialog } from './testFixtures'
import {
  absoluteTime,
  describeDeleteResult,
  dialogDisplayName,
  dialogTypeLabel,
  relativeTime,
  roleLabel,
  toEpochMs,
  userDisplayName,
} from './format'

const now = Date.parse('2024-03-10T12:00:00Z')
const sec = now / 1000

describe('relativeTime', () => {
  it.each([
    [sec, 'just now'],
    [sec - 44, 'just now'],
    [sec - 45, '1 min ago'],
    [sec - 180, '3 min ago'],
    [sec - 3599, '59 min ago'],
    [sec - 3600, '1 h ago'],
    [sec - 5 * 3600, '5 h ago'],
    [sec - 86399, '23 h ago'],
    [sec - 86400, 'yesterday'],
    [sec - 2 * 86400, '2 days ago'],
    [sec - 29 * 86400, '29 days ago'],
    [sec - 30 * 86400, '1 month ago'],
    [sec - 200 * 86400, '6 months ago'],
    [sec - 365 * 86400, '1 year ago'],
    [sec - 800 * 86400, '2 years ago'],
    [sec + 180, 'in 3 min'],
    [sec + 86400, 'tomorrow'],
    [sec + 3 * 86400, 'in 3 days'],
  ])('%i → %s', (value, text) => {
    expect(relativeTime(value, now)).toBe(text)
  })

  it('accepts ISO strings, Dates and a Date as now', () => {
    expect(relativeTime('2024-03-10T11:57:00Z', now)).toBe('3 min ago')
    expect(relativeTime(new Date('2024-03-10T09:00:00Z'), new Date(now))).toBe('3 h ago')
  })

  it('missing or unreadable times give an empty string', () => {
    expect(relativeTime(null, now)).toBe('')
    expect(relativeTime(undefined, now)).toBe('')
    expect(relativeTime('not a date', now)).toBe('')
    expect(relativeTime('', now)).toBe('')
  })
})

describe('toEpochMs / absoluteTime', () => {
  it('numbers are unix seconds', () => {
    expect(toEpochMs(1567971414)).toBe(1567971414000)
    expect(toEpochMs('2019-09-08T19:36:54Z')).toBe(1567971414000)
    expect(absoluteTime(1567971414)).toBe('2019-09-08 19:36 UTC')
    expect(absoluteTime('2019-09-08T19:36:54.120Z', { seconds: true })).toBe('2019-09-08 19:36:54 UTC')
    expect(absoluteTime(1567971414, { zone: false })).toBe('2019-09-08 19:36')
    expect(absoluteTime(null)).toBe('')
    expect(absoluteTime('nonsense')).toBe('')
  })
})

describe('labels', () => {
  it('dialog types and roles', () => {
    expect([1, 2, 3].map((t) => dialogTypeLabel(t as 1))).toEqual(['Public group', 'Group', 'Private'])
    expect(roleLabel('account-owner')).toBe('Account owner')
    expect(roleLabel('outsider')).toBe('Not in this dialog')
  })

  it('user names fall back to login, email, then id', () => {
    const u = { id: 7, full_name: null, login: null, email: null }
    expect(userDisplayName({ ...u, full_name: 'Ann Lee', login: 'ann' })).toBe('Ann Lee')
    expect(userDisplayName({ ...u, full_name: ' ', login: 'ann' })).toBe('ann')
    expect(userDisplayName({ ...u, email: 'a@b.co' })).toBe('a@b.co')
    expect(userDisplayName(u)).toBe('User 7')
  })
})

describe('dialogDisplayName', () => {
  const names: Record<number, string> = { 1: 'Olga', 3: 'Cara' }
  const nameOf = (id: number): string | undefined => names[id]

  it('group and public: the name, or a placeholder', () => {
    expect(dialogDisplayName(makeDialog({ name: 'Team' }), nameOf)).toBe('Team')
    expect(dialogDisplayName(makeDialog({ name: '  ' }), nameOf)).toBe('Untitled group')
    expect(dialogDisplayName(makeDialog({ type: 1, name: null }), nameOf)).toBe('Untitled public dialog')
  })

  it('private: the other person for the viewer', () => {
    const d = makeDialog({ type: 3, occupants_ids: [1, 3] })
    expect(dialogDisplayName(d, nameOf, 1)).toBe('Cara')
    expect(dialogDisplayName(d, nameOf, 3)).toBe('Olga')
  })

  it('private: both people for the account owner or a viewer outside it', () => {
    const d = makeDialog({ type: 3, occupants_ids: [1, 3] })
    expect(dialogDisplayName(d, nameOf)).toBe('Olga & Cara')
    expect(dialogDisplayName(d, nameOf, 99)).toBe('Olga & Cara')
  })

  it('private: unknown names fall back to the id', () => {
    expect(dialogDisplayName(makeDialog({ type: 3, occupants_ids: [1, 42] }), nameOf, 1)).toBe('User 42')
    expect(dialogDisplayName(makeDialog({ type: 3, occupants_ids: [] }), nameOf, 1)).toBe('Private dialog')
  })
})

describe('describeDeleteResult', () => {
  const noun = { one: 'message', many: 'messages' }
  it('all outcomes', () => {
    expect(describeDeleteResult({
      SuccessfullyDeleted: { ids: ['a', 'b'] }, NotFound: { ids: ['c'] }, WrongPermissions: { ids: ['d', 'e'] },
    }, noun)).toBe('Deleted 2 messages. 1 message was not found (already deleted?). 2 messages: not allowed for the acting user.')
    expect(describeDeleteResult({
      SuccessfullyDeleted: { ids: [] }, NotFound: { ids: ['c', 'x'] }, WrongPermissions: { ids: [] },
    }, noun)).toBe('Nothing was deleted. 2 messages were not found (already deleted?).')
    expect(describeDeleteResult({
      SuccessfullyDeleted: { ids: ['a'] }, NotFound: { ids: [] }, WrongPermissions: { ids: [] },
    }, { one: 'dialog', many: 'dialogs' })).toBe('Deleted 1 dialog.')
  })
})
