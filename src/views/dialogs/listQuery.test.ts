import { describe, expect, it } from 'vitest'
import { dayBounds } from '@/domain/format'
import { DEFAULT_STATE, effectiveSort, filterKey, hasFilters, parseIdList, parseListState, serializeListState, toListDialogsQuery } from './listQuery'

describe('dialog list URL state', () => {
  it('round-trips through the URL and leaves defaults out', () => {
    const state = { ...DEFAULT_STATE, page: 3, size: 50, sort: 'name' as const, order: 'asc' as const, type: 'group' as const, name: 'team', occupants: [1001, 1002], q: 'alice', since: '2024-01-01', before: '2024-02-01', className: 'Ticket' }
    const query = serializeListState(state)
    expect(query).toEqual({ page: '3', size: '50', sort: 'name', order: 'asc', type: 'group', name: 'team', occupants: '1001,1002', q: 'alice', since: '2024-01-01', before: '2024-02-01', class: 'Ticket' })
    expect(parseListState(query as Record<string, string>)).toEqual(state)
    expect(serializeListState(DEFAULT_STATE)).toEqual({})
  })

  it('ignores nonsense in a hand-edited URL', () => {
    expect(parseListState({ page: '-2', size: '7', sort: 'x', order: 'up', type: '9', since: '2024-13-45', occupants: 'a,5', q: '  ' })).toEqual({ ...DEFAULT_STATE, occupants: [5] })
  })

  it('maps days onto the API query in the zone times are shown in (dayBounds)', () => {
    const q = toListDialogsQuery({ ...DEFAULT_STATE, page: 2, size: 10, type: 'private', since: '2024-01-01', before: '2024-01-01' })
    const day = dayBounds('2024-01-01')!
    expect(q).toMatchObject({ skip: 10, limit: 10, type: 3, updatedSince: day.start / 1000, updatedBefore: day.end / 1000 - 1, sort: { field: 'last_message_date_sent', order: 'desc' } })
  })

  it('applies what the search came to: one dialog, one more occupant, or a name', () => {
    const base = { ...DEFAULT_STATE, q: 'x', occupants: [1002] }
    expect(toListDialogsQuery(base, { kind: 'dialog', id: 'a'.repeat(24) })).toMatchObject({ id: 'a'.repeat(24), occupantsAll: [1002] })
    expect(toListDialogsQuery(base, { kind: 'person', userId: 1001 }).occupantsAll).toEqual([1002, 1001])
    expect(toListDialogsQuery(base, { kind: 'person', userId: 1002 }).occupantsAll).toEqual([1002])
    expect(toListDialogsQuery({ ...base, name: 'old' }, { kind: 'name', text: 'support' }).nameContains).toBe('support')
    expect(toListDialogsQuery({ ...base, name: 'team' }).nameContains).toBe('team')
  })

  it('sorts by name among named dialogs only, and never a list of private dialogs', () => {
    expect(effectiveSort({ ...DEFAULT_STATE, sort: 'name', order: 'asc' })).toEqual({ sort: 'name', order: 'asc', note: 'named-only' })
    expect(toListDialogsQuery({ ...DEFAULT_STATE, sort: 'name', order: 'asc' })).toMatchObject({ typeIn: [1, 2], sort: { field: 'name', order: 'asc' } })
    expect(toListDialogsQuery({ ...DEFAULT_STATE, sort: 'name', type: 'group' })).toMatchObject({ type: 2, typeIn: undefined })
    expect(effectiveSort({ ...DEFAULT_STATE, sort: 'name', order: 'asc', type: 'private' })).toEqual({ sort: 'last_message', order: 'desc', note: 'private-unnamed' })
    expect(effectiveSort({ ...DEFAULT_STATE, sort: 'updated', order: 'asc' })).toEqual({ sort: 'updated', order: 'asc', note: null })
  })

  it('keys a selection by the filters, not by page or order', () => {
    const a = { ...DEFAULT_STATE, type: 'group' as const }
    expect(filterKey({ ...a, page: 4, sort: 'name' as const })).toBe(filterKey(a))
    expect(filterKey({ ...a, q: 'alice' })).not.toBe(filterKey(a))
    expect(hasFilters({ ...DEFAULT_STATE, q: 'alice' })).toBe(true)
  })

  it('parses ID lists', () => {
    expect(parseIdList('1001, 1002 1002;x 0')).toEqual({ ids: [1001, 1002], invalid: ['x', '0'] })
  })
})
