import type { TimeZoneChoice } from './format'
import process from 'node:process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeDialog } from './testFixtures'
import {
  absoluteTime,
  dayBounds,
  dayOf,
  formatDay,
  formatNumber,
  setFormatLocale,
  setTimeZoneSource,
  timeZoneName,
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
    [sec, 'now'],
    [sec - 44, 'now'],
    [sec - 45, '1 minute ago'],
    [sec - 180, '3 minutes ago'],
    [sec - 3599, '59 minutes ago'],
    [sec - 3600, '1 hour ago'],
    [sec - 5 * 3600, '5 hours ago'],
    [sec - 86399, '23 hours ago'],
    [sec - 86400, 'yesterday'],
    [sec - 2 * 86400, '2 days ago'],
    [sec - 29 * 86400, '29 days ago'],
    [sec - 30 * 86400, '1 month ago'],
    [sec - 59 * 86400, '1 month ago'],
    [sec - 200 * 86400, '6 months ago'],
    [sec - 365 * 86400, '1 year ago'],
    [sec - 800 * 86400, '2 years ago'],
    [sec + 180, 'in 3 minutes'],
    [sec + 86400, 'tomorrow'],
    [sec + 3 * 86400, 'in 3 days'],
  ])('%i → %s', (value, text) => {
    expect(relativeTime(value, now)).toBe(text)
  })

  it('accepts ISO strings, Dates and a Date as now', () => {
    expect(relativeTime('2024-03-10T11:57:00Z', now)).toBe('3 minutes ago')
    expect(relativeTime(new Date('2024-03-10T09:00:00Z'), new Date(now))).toBe('3 hours ago')
  })

  it('missing or unreadable times give an empty string', () => {
    expect(relativeTime(null, now)).toBe('')
    expect(relativeTime(undefined, now)).toBe('')
    expect(relativeTime('not a date', now)).toBe('')
    expect(relativeTime('', now)).toBe('')
  })
})

describe('time zones: absoluteTime, dayOf, dayBounds, formatDay', () => {
  const tz = process.env.TZ
  let zone: TimeZoneChoice = 'local'
  beforeEach(() => {
    process.env.TZ = 'America/New_York'
    zone = 'local'
    setTimeZoneSource(() => zone)
    setFormatLocale('en-US')
  })
  afterEach(() => {
    process.env.TZ = tz
    setTimeZoneSource(() => 'local')
    setFormatLocale(undefined)
  })

  it('numbers are unix seconds; times are shown in the person\'s zone by default, in UTC when chosen', () => {
    expect(toEpochMs(1567971414)).toBe(1567971414000)
    expect(toEpochMs('2019-09-08T19:36:54Z')).toBe(1567971414000)
    expect(absoluteTime(1567971414)).toBe('09/08/2019, 03:36 PM')
    expect(absoluteTime('2019-09-08T19:36:54.120Z', { seconds: true })).toBe('09/08/2019, 03:36:54 PM')
    zone = 'utc'
    expect(absoluteTime(1567971414)).toBe('09/08/2019, 07:36 PM UTC')
    expect(absoluteTime(1567971414, { zone: false })).toBe('09/08/2019, 07:36 PM')
    expect(absoluteTime(null)).toBe('')
    expect(absoluteTime('nonsense')).toBe('')
  })

  it('follows the browser\'s region, as its date inputs do', () => {
    setFormatLocale('de-DE')
    expect(absoluteTime(1567971414)).toBe('08.09.2019, 15:36')
    expect(formatDay('2019-09-08')).toBe('08.09.2019')
    expect(formatNumber(12345.5)).toBe('12.345,5')
  })

  it('a day is a day in the chosen zone', () => {
    const late = '2026-11-22T02:00:00.000Z'
    expect(dayOf(late)).toBe('2026-11-21')
    expect(dayBounds('2026-11-21')).toEqual({ start: Date.parse('2026-11-21T05:00:00Z'), end: Date.parse('2026-11-22T05:00:00Z') })
    zone = 'utc'
    expect(dayOf(late)).toBe('2026-11-22')
    expect(dayBounds('2026-11-22')).toEqual({ start: Date.parse('2026-11-22T00:00:00Z'), end: Date.parse('2026-11-23T00:00:00Z') })
  })

  it('a local day across a daylight-saving change is 23 or 25 hours long', () => {
    const spring = dayBounds('2026-03-08')!
    expect((spring.end - spring.start) / 3_600_000).toBe(23)
    const autumn = dayBounds('2026-11-01')!
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25)
  })

  it('every time shown with a date falls in that date\'s bounds', () => {
    for (const z of ['local', 'utc'] as const) {
      zone = z
      for (const at of ['2026-11-22T02:00:00Z', '2026-11-22T23:30:00Z', '2026-11-21T23:59:59Z', '2026-03-08T07:30:00Z']) {
        const bounds = dayBounds(dayOf(at)!)!
        const t = Date.parse(at)
        expect(t >= bounds.start && t < bounds.end).toBe(true)
        expect(absoluteTime(at).startsWith(formatDay(dayOf(at)!))).toBe(true)
      }
    }
  })

  it('unreadable days are refused', () => {
    expect(dayBounds('2024-02-31')).toBeNull()
    expect(dayBounds('03/05/2024')).toBeNull()
    expect(dayOf('nonsense')).toBeNull()
    expect(formatDay('soon')).toBe('soon')
  })

  it('names the zone', () => {
    expect(timeZoneName('utc')).toBe('UTC')
    expect(timeZoneName('local')).toBe('America/New_York')
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
