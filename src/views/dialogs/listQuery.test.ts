import { describe, expect, it } from 'vitest'
import { DEFAULT_STATE, parseIdList, parseListState, serializeListState, toListDialogsQuery } from './listQuery'

describe('dialog list URL state', () => {
  it('round-trips through the URL and leaves defaults out', () => {
    const state = { ...DEFAULT_STATE, page: 3, size: 50, sort: 'name' as const, order: 'asc' as const, type: 'group' as const, name: 'team', occupants: [1001, 1002], since: '2024-01-01', before: '2024-02-01', className: 'Ticket' }
    const query = serializeListState(state)
    expect(query).toEqual({ page: '3', size: '50', sort: 'name', order: 'asc', type: 'group', name: 'team', occupants: '1001,1002', since: '2024-01-01', before: '2024-02-01', class: 'Ticket' })
    expect(parseListState(query as Record<string, string>)).toEqual(state)
    expect(serializeListState(DEFAULT_STATE)).toEqual({})
  })

  it('ignores nonsense in a hand-edited URL', () => {
    expect(parseListState({ page: '-2', size: '7', sort: 'x', order: 'up', type: '9', since: '2024-13-45', occupants: 'a,5' })).toEqual({ ...DEFAULT_STATE, occupants: [5] })
  })

  it('maps onto the API query in UTC days', () => {
    const q = toListDialogsQuery({ ...DEFAULT_STATE, page: 2, size: 10, type: 'private', since: '2024-01-01', before: '2024-01-01' })
    expect(q).toMatchObject({ skip: 10, limit: 10, type: 3, updatedSince: 1704067200, updatedBefore: 1704153599, sort: { field: 'last_message_date_sent', order: 'desc' } })
  })

  it('parses ID lists', () => {
    expect(parseIdList('1001, 1002 1002;x 0')).toEqual({ ids: [1001, 1002], invalid: ['x', '0'] })
  })
})
