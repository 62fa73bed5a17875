import { describe, expect, it } from 'vitest'
import { parseUsersState, serializeUsersState, USERS_DEFAULTS } from './usersQuery'

describe('users screen URL state', () => {
  it('round-trips every filter and keeps a plain URL plain', () => {
    const state = { q: 'tag:vip', sort: 'created_at', dir: 'desc', page: 3, size: 50 } as const
    expect(parseUsersState(serializeUsersState(state) as never)).toEqual(state)
    expect(serializeUsersState(USERS_DEFAULTS)).toEqual({})
  })

  it('falls back on anything unreadable', () => {
    expect(parseUsersState({ sort: 'password', dir: 'sideways', page: '-2', size: '7' })).toEqual(USERS_DEFAULTS)
  })
})
