import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { UserSortField } from '@/domain/userSearch'
import { USER_SORTS } from '@/domain/userSearch'

/** The Users screen's state, all of it in the URL: `?q=tag:vip&sort=created_at&dir=desc&page=2&size=50`. */
export interface UsersListState {
  q: string
  sort: UserSortField
  dir: 'asc' | 'desc'
  page: number
  size: number
}

export const USER_PAGE_SIZES = [25, 50, 100] as const
export const USERS_DEFAULTS: UsersListState = { q: '', sort: 'id', dir: 'asc', page: 1, size: 25 }

function one(value: LocationQuery[string] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

/** Reads the URL; anything unreadable falls back to its default. */
export function parseUsersState(query: LocationQuery): UsersListState {
  const sort = one(query.sort)
  const page = Number(one(query.page))
  const size = Number(one(query.size))
  return {
    q: one(query.q).slice(0, 500),
    sort: Object.hasOwn(USER_SORTS, sort) ? sort as UserSortField : USERS_DEFAULTS.sort,
    dir: one(query.dir) === 'desc' ? 'desc' : 'asc',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    size: (USER_PAGE_SIZES as readonly number[]).includes(size) ? size : USERS_DEFAULTS.size,
  }
}

/** Writes only what differs from the defaults, so a plain /users stays plain. */
export function serializeUsersState(state: UsersListState): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (state.q.trim())
    out.q = state.q.trim()
  if (state.sort !== USERS_DEFAULTS.sort)
    out.sort = state.sort
  if (state.dir !== USERS_DEFAULTS.dir)
    out.dir = state.dir
  if (state.page !== 1)
    out.page = String(state.page)
  if (state.size !== USERS_DEFAULTS.size)
    out.size = String(state.size)
  return out
}
