import { describe, expect, it } from 'vitest'
import { parseUserPageState, serializeUserPageState, toMessageFilters } from './userPageQuery'

describe('user page URL state', () => {
  it('round-trips the messages view with its filters, and the inbox page', () => {
    const messages = { view: 'messages', page: 1, text: 'spam', from: '2025-01-01', to: '2025-01-31' } as const
    expect(parseUserPageState(serializeUserPageState(messages) as never)).toEqual(messages)
    expect(serializeUserPageState({ view: 'inbox', page: 3, text: 'x', from: null, to: null })).toEqual({ page: '3' })
    expect(serializeUserPageState({ view: 'inbox', page: 1, text: '', from: null, to: null })).toEqual({})
  })

  it('drops unreadable days and turns days into the seconds the API filters on', () => {
    expect(parseUserPageState({ view: 'messages', from: '2025-13-40', to: 'soon' })).toMatchObject({ from: null, to: null })
    const filters = toMessageFilters({ view: 'messages', page: 1, text: ' hi ', from: '2025-01-01', to: '2025-01-01' })
    expect(filters.text).toBe('hi')
    expect(filters.to! - filters.from!).toBe(86399)
  })
})
