import process from 'node:process'
import { afterEach, describe, expect, it } from 'vitest'
import { dayOf } from '@/domain/format'
import { ACTION_GROUPS, DEFAULT_ACTIVITY_FILTER, filterActivity, hasActivityFilters, parseActivityFilter, serializeActivityFilter } from './filter'
import { makeEntry } from './testEntries'

const D1 = '672c8eec5eedda7a00000001'
const D2 = '672c8eec5eedda7a00000002'

// Instants in the zone the table shows (the person's own by default, see absoluteTime).
const local = (day: string, time: string) => new Date(`${day}T${time}Z`).toISOString()

const entries = [
  makeEntry({ id: 1, at: local('2026-11-20', '09:00:00'), action: 'session.sign-in', summary: 'Signed in to /api as the account owner', target: { kind: 'session', label: '/api' }, operator: 'Dana' }),
  makeEntry({ id: 2, at: local('2026-11-21', '23:59:59'), action: 'dialog.update', target: { kind: 'dialog', id: D1, label: 'Help desk' } }),
  makeEntry({ id: 3, at: local('2026-11-22', '00:00:00'), action: 'dialog.occupants.add', summary: 'Added 2 occupants', target: { kind: 'dialog', id: D2 }, result: 'failure', status: 403, error: 'You are not the owner', after: { occupants_ids: [1001, 4242] } }),
  makeEntry({ id: 5, at: local('2026-11-22', '13:00:00'), action: 'dialog.delete', summary: 'Deleted 2 dialogs', target: { kind: 'dialog', id: D2, ids: [D2, D1] } }),
  makeEntry({ id: 4, at: local('2026-11-22', '12:00:00'), action: 'message.delete', summary: 'Deleted a message', target: { kind: 'message', id: 'm1', dialogId: D1 }, result: 'partial', actingAs: { userId: 1001, label: 'Alice (#1001)' } }),
]
const ids = (state: Partial<typeof DEFAULT_ACTIVITY_FILTER>) => filterActivity(entries, { ...DEFAULT_ACTIVITY_FILTER, ...state }).map(e => e.id)

describe('activity filters', () => {
  it('no filter keeps everything', () => {
    expect(ids({})).toEqual([1, 2, 3, 5, 4])
    expect(hasActivityFilters(DEFAULT_ACTIVITY_FILTER)).toBe(false)
  })

  it('matches an action exactly or by group', () => {
    expect(ids({ action: 'dialog.update' })).toEqual([2])
    expect(ids({ action: 'dialog' })).toEqual([2, 3, 5])
    expect(ids({ action: 'dialog.occupants' })).toEqual([3])
    expect(ids({ action: 'session' })).toEqual([1])
    expect(ACTION_GROUPS).toEqual(expect.arrayContaining(['session', 'dialog', 'dialog.occupants', 'dialog.admins', 'message']))
  })

  it('filters by result', () => {
    expect(ids({ result: 'failure' })).toEqual([3])
    expect(ids({ result: 'partial' })).toEqual([4])
  })

  it('takes whole days of the zone the table shows, both ends included', () => {
    expect(ids({ from: '2026-11-21', to: '2026-11-21' })).toEqual([2])
    expect(ids({ from: '2026-11-22' })).toEqual([3, 5, 4])
    expect(ids({ to: '2026-11-20' })).toEqual([1])
  })

  it('finds a dialog by itself, in a batch, or through its messages', () => {
    expect(ids({ dialogId: D1 })).toEqual([2, 5, 4])
    expect(ids({ dialogId: ` ${D2} ` })).toEqual([3, 5])
  })

  it('finds a dialog\'s creation, also one recorded with the new ID only in the state after', () => {
    const created = [
      makeEntry({ id: 7, action: 'dialog.create', target: { kind: 'dialog', id: D1, label: 'Team' } }),
      makeEntry({ id: 6, action: 'dialog.create', target: { kind: 'dialog', label: 'Team' }, after: { _id: D1, name: 'Team' } }),
      makeEntry({ id: 8, action: 'dialog.create', target: { kind: 'dialog', label: 'Other' }, after: { _id: D2 } }),
    ]
    expect(filterActivity(created, { ...DEFAULT_ACTIVITY_FILTER, dialogId: D1 }).map(e => e.id)).toEqual([7, 6])
  })

  it('searches every word, any case, in summary, people, IDs, errors and state', () => {
    expect(ids({ text: 'dana' })).toEqual([1])
    expect(ids({ text: 'ALICE deleted' })).toEqual([4])
    expect(ids({ text: 'not the owner' })).toEqual([3])
    expect(ids({ text: '4242' })).toEqual([3])
    expect(ids({ text: '403' })).toEqual([3])
    expect(ids({ text: 'nothing-like-this' })).toEqual([])
  })

  describe('in a time zone far from UTC', () => {
    const zone = process.env.TZ
    afterEach(() => {
      process.env.TZ = zone
    })

    it('a day holds exactly the entries the table shows with that date', () => {
      process.env.TZ = 'America/New_York'
      const late = [
        makeEntry({ id: 1, at: '2026-11-22T02:00:00.000Z' }),
        makeEntry({ id: 2, at: '2026-11-22T23:30:00.000Z' }),
        makeEntry({ id: 3, at: '2026-11-21T23:59:59.000Z' }),
      ]
      for (const entry of late) {
        const shown = dayOf(entry.at)!
        const found = filterActivity(late, { ...DEFAULT_ACTIVITY_FILTER, from: shown, to: shown }).map(e => e.id)
        expect(found).toContain(entry.id)
        expect(found.every(id => dayOf(late.find(e => e.id === id)!.at) === shown)).toBe(true)
      }
    })
  })

  it('round-trips through the URL, leaving defaults out and dropping nonsense', () => {
    const state = { ...DEFAULT_ACTIVITY_FILTER, text: 'rename', action: 'dialog', result: 'failure' as const, from: '2026-11-01', to: '2026-11-22', dialogId: D1, page: 3, size: 100 }
    const query = serializeActivityFilter(state)
    expect(query).toEqual({ q: 'rename', action: 'dialog', result: 'failure', from: '2026-11-01', to: '2026-11-22', dialog: D1, page: '3', size: '100' })
    expect(parseActivityFilter(query as Record<string, string>)).toEqual(state)
    expect(serializeActivityFilter(DEFAULT_ACTIVITY_FILTER)).toEqual({})
    expect(parseActivityFilter({ action: 'dialog.explode', result: 'maybe', from: '22/11/2026', page: '-1', size: '7' })).toEqual(DEFAULT_ACTIVITY_FILTER)
    expect(parseActivityFilter({ result: 'unknown' }).result).toBe('unknown')
    expect(parseActivityFilter({ result: 'pending' }).result).toBe('pending')
  })
})
