import type { User, UserList } from './types'
import type { RequestOverrides } from './client'
import { expectShape, isObject, request } from './client'

/** Most IDs one `filter[]=number id in …` request asks for (QuickBlox's largest page). */
export const USERS_PER_REQUEST = 100

export function isUser(value: unknown): value is User {
  return isObject(value) && typeof value.id === 'number'
}

export function isUserList(value: unknown): value is UserList {
  return isObject(value) && typeof value.total_entries === 'number' && Array.isArray(value.items)
    && value.items.every(item => isObject(item) && isUser(item.user))
}

function isUserEnvelope(value: unknown): value is { user: User } {
  return isObject(value) && isUser(value.user)
}

export interface ListUsersQuery {
  page?: number
  perPage?: number
  /** Raw `filter[]` entries, e.g. `number id in 1,2`. */
  filters?: readonly string[]
  /** e.g. `asc string full_name` */
  order?: string
}

/** GET /users.json — a page of users. `overrides.session` lets the sign-in check run before there is one. */
export async function listUsers(query: ListUsersQuery = {}, signal?: AbortSignal, overrides: RequestOverrides = {}): Promise<UserList> {
  const path = '/users.json'
  const body = await request(path, {
    query: { page: query.page, per_page: query.perPage, 'filter[]': query.filters, order: query.order },
    signal,
    ...overrides,
  })
  return expectShape(body, isUserList, 'a list of users', path)
}

/** GET /users.json?filter[]=number id in … — up to 100 users by ID in one request. */
export async function listUsersByIds(ids: readonly number[], signal?: AbortSignal): Promise<User[]> {
  if (ids.length > USERS_PER_REQUEST)
    throw new RangeError(`At most ${USERS_PER_REQUEST} IDs per request`)
  if (!ids.length)
    return []
  const list = await listUsers({ filters: [`number id in ${ids.join(',')}`], perPage: USERS_PER_REQUEST }, signal)
  return list.items.map(item => item.user)
}

/** GET /users/{id}.json — one user. */
export async function getUser(id: number, signal?: AbortSignal, overrides: RequestOverrides = {}): Promise<User> {
  const path = `/users/${id}.json`
  return expectShape(await request(path, { signal, ...overrides }), isUserEnvelope, 'a user', path).user
}

/** GET /users/by_login.json?login= — the user with exactly this login. */
export async function findUserByLogin(login: string, signal?: AbortSignal): Promise<User> {
  const path = '/users/by_login.json'
  return expectShape(await request(path, { query: { login }, signal }), isUserEnvelope, 'a user', path).user
}

/** Paging and order of the users search endpoints. */
export interface UserPageQuery {
  page?: number
  perPage?: number
  /** e.g. `asc string full_name` */
  order?: string
}

/** GET /users/by_full_name.json?full_name= — users whose full name matches (3 characters at least). */
export async function searchUsersByFullName(fullName: string, options: UserPageQuery = {}, signal?: AbortSignal): Promise<UserList> {
  const path = '/users/by_full_name.json'
  const body = await request(path, {
    query: { full_name: fullName, page: options.page, per_page: options.perPage, order: options.order },
    signal,
  })
  return expectShape(body, isUserList, 'a list of users', path)
}

/** GET /users/by_tags.json?tags= — users with any of these tags, paged. */
export async function listUsersByTags(tags: readonly string[], options: UserPageQuery = {}, signal?: AbortSignal): Promise<UserList> {
  const path = '/users/by_tags.json'
  const body = await request(path, {
    query: { tags: tags.join(','), page: options.page, per_page: options.perPage, order: options.order },
    signal,
  })
  return expectShape(body, isUserList, 'a list of users', path)
}

/** GET /users/by_email.json?email= — the user with exactly this email. */
export async function findUserByEmail(email: string, signal?: AbortSignal): Promise<User> {
  const path = '/users/by_email.json'
  return expectShape(await request(path, { query: { email }, signal }), isUserEnvelope, 'a user', path).user
}

/**
 * GET /users.json?filter[]=string login in … (or email) — up to 100 users by exact login or
 * email in one request (rest-contract §6.2: `in` works on login and email).
 */
export async function listUsersByField(field: 'login' | 'email', values: readonly string[], signal?: AbortSignal): Promise<User[]> {
  if (values.length > USERS_PER_REQUEST)
    throw new RangeError(`At most ${USERS_PER_REQUEST} values per request`)
  if (!values.length)
    return []
  const list = await listUsers({ filters: [`string ${field} in ${values.join(',')}`], perPage: USERS_PER_REQUEST }, signal)
  return list.items.map(item => item.user)
}
