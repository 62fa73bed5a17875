import type { ApiError } from '@/api/errors'
import type { User } from '@/api/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { reactive, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { findUserByEmail, findUserByLogin, getUser, listUsersByField, listUsersByIds, searchUsersByFullName, USERS_PER_REQUEST } from '@/api/users'

/** A readable name: full name, else login, else the ID. */
export function userLabel(user: User): string {
  return user.full_name?.trim() || user.login?.trim() || `User #${user.id}`
}

/** What a pasted list names: user IDs to confirm, exact logins, emails (lower-case). */
export interface UserLookups {
  ids: readonly number[]
  logins: readonly string[]
  emails: readonly string[]
}

/** Who each looked-up ID, login and email turned out to be (absent: no such user). */
export interface ResolvedLookups {
  ids: Set<number>
  logins: Map<string, number>
  emails: Map<string, number>
}

function chunked<T>(list: readonly T[], size = USERS_PER_REQUEST): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size)
    out.push(list.slice(i, i + size))
  return out
}

/** User lookups in flight at once. */
const PARALLEL_LOOKUPS = 3

function isUserId(id: number): boolean {
  return Number.isInteger(id) && id > 0
}

export const useUsersStore = defineStore('users', () => {
  const byId = reactive(new Map<number, User>())
  /** IDs the server does not know; not asked again. */
  const missing = reactive(new Set<number>())
  const lastError = shallowRef<ApiError | null>(null)

  const pending = new Map<number, Promise<void>>()
  let queued: number[] = []
  let flushing: Promise<void> | null = null

  function remember(users: readonly User[]) {
    for (const user of users) {
      byId.set(user.id, user)
      missing.delete(user.id)
    }
  }

  async function flush() {
    const ids = queued
    queued = []
    flushing = null
    const chunks: number[][] = []
    for (let i = 0; i < ids.length; i += USERS_PER_REQUEST)
      chunks.push(ids.slice(i, i + USERS_PER_REQUEST))
    const load = async (chunk: number[]) => {
      try {
        const users = await listUsersByIds(chunk)
        remember(users)
        for (const id of chunk) {
          if (!byId.has(id))
            missing.add(id)
        }
      }
      catch (error) {
        // Names are a nicety shared by many views: a failure leaves IDs shown as IDs and
        // lets a later call try again.
        lastError.value = isApiError(error) ? error : null
      }
      finally {
        for (const id of chunk)
          pending.delete(id)
      }
    }
    // A few at a time, in order: the browser keeps about six connections per host, and 100
    // lookups at once (a 10,000-member dialog) would queue the page's own scripts and API
    // calls behind them. The first chunk holds the first rows shown.
    let next = 0
    const worker = async () => {
      while (next < chunks.length)
        await load(chunks[next++]!)
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL_LOOKUPS, chunks.length) }, worker))
  }

  /**
   * Makes sure these users are cached. IDs asked in the same tick are batched: N unknown IDs
   * cost ceil(N/100) requests; cached, unknown-to-the-server and in-flight IDs cost none.
   * Never rejects: failures land in `lastError`.
   */
  function ensureUsers(ids: Iterable<number>): Promise<void> {
    const waits = new Set<Promise<void>>()
    for (const id of new Set(ids)) {
      if (!isUserId(id) || byId.has(id) || missing.has(id))
        continue
      const inFlight = pending.get(id)
      if (inFlight) {
        waits.add(inFlight)
        continue
      }
      queued.push(id)
      flushing ??= Promise.resolve().then(flush)
      pending.set(id, flushing)
      waits.add(flushing)
    }
    return Promise.all(waits).then(() => undefined)
  }

  function userById(id: number): User | undefined {
    return byId.get(id)
  }

  /** The name to show for an ID (the ID itself until it is known). */
  function nameOf(id: number): string {
    const user = byId.get(id)
    if (user)
      return userLabel(user)
    return missing.has(id) ? `Unknown user #${id}` : `#${id}`
  }

  /** One user by ID, from the cache or the server. */
  async function fetchUser(id: number, signal?: AbortSignal): Promise<User> {
    const cached = byId.get(id)
    if (cached)
      return cached
    const user = await getUser(id, signal)
    remember([user])
    return user
  }

  /** Users matching an ID, an exact login, or a full name (3+ characters), for pickers. */
  async function searchUsers(text: string, signal?: AbortSignal): Promise<User[]> {
    const term = text.trim()
    if (!term)
      return []
    const notFound = (error: unknown) => {
      if (isApiError(error, 'http') && error.status === 404)
        return null
      throw error
    }
    const found: User[] = []
    if (/^\d+$/.test(term)) {
      const user = await fetchUser(Number(term), signal).catch(notFound)
      if (user)
        found.push(user)
    }
    const [byLogin, byEmail, byName] = await Promise.all([
      findUserByLogin(term, signal).catch(notFound),
      term.includes('@') ? findUserByEmail(term, signal).catch(notFound) : null,
      term.length >= 3 ? searchUsersByFullName(term, { perPage: 20 }, signal).catch(notFound) : null,
    ])
    if (byLogin)
      found.push(byLogin)
    if (byEmail)
      found.push(byEmail)
    if (byName)
      found.push(...byName.items.map(item => item.user))
    const unique = [...new Map(found.map(u => [u.id, u])).values()]
    remember(unique)
    return unique
  }

  /**
   * Resolves the IDs, logins and emails of a pasted list in as few requests as possible:
   * ceil(n/100) per kind, nothing for what the cache already knows. Rejects when a lookup
   * fails, so a failed request is never mistaken for "not found".
   */
  async function resolveLookups(lookups: UserLookups, signal?: AbortSignal): Promise<ResolvedLookups> {
    const cachedBy = (field: 'login' | 'email') => {
      const map = new Map<string, number>()
      for (const user of byId.values()) {
        const value = user[field]
        if (value)
          map.set(field === 'email' ? value.toLowerCase() : value, user.id)
      }
      return map
    }
    const logins = cachedBy('login')
    const emails = cachedBy('email')
    const askLogins = [...new Set(lookups.logins)].filter(l => !logins.has(l))
    const askEmails = [...new Set(lookups.emails.map(e => e.toLowerCase()))].filter(e => !emails.has(e))
    const byField = async (field: 'login' | 'email', values: string[], into: Map<string, number>) => {
      const found = (await Promise.all(chunked(values).map(chunk => listUsersByField(field, chunk, signal)))).flat()
      remember(found)
      for (const user of found) {
        const value = user[field]
        if (value)
          into.set(field === 'email' ? value.toLowerCase() : value, user.id)
      }
    }
    const errorBefore = lastError.value
    await Promise.all([
      ensureUsers(lookups.ids),
      byField('login', askLogins, logins),
      byField('email', askEmails, emails),
    ])
    const unsure = lookups.ids.filter(id => isUserId(id) && !byId.has(id) && !missing.has(id))
    if (unsure.length)
      throw lastError.value !== errorBefore && lastError.value ? lastError.value : new Error(`Could not check user IDs ${unsure.slice(0, 5).join(', ')}…`)
    return { ids: new Set(lookups.ids.filter(id => byId.has(id))), logins, emails }
  }

  function $reset() {
    byId.clear()
    missing.clear()
    pending.clear()
    queued = []
    flushing = null
    lastError.value = null
  }

  return { byId, missing, lastError, ensureUsers, userById, nameOf, fetchUser, searchUsers, resolveLookups, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useUsersStore, import.meta.hot))
