import type { ApiError } from '@/api/errors'
import type { Dialog, User } from '@/api/types'
import type { ParsedSearch } from '@/domain/search'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { getDialog, listDialogs } from '@/api/dialogs'
import { isApiError } from '@/api/errors'
import { findUserByEmail, findUserByLogin, getUser, searchUsersByFullName } from '@/api/users'
import { hasLookups } from '@/domain/search'
import { useUsersStore } from './users'

/** Most results of each kind the search box lists. */
export const SEARCH_LIMIT = 5

export type SearchStatus = 'idle' | 'loading' | 'done'

/** A lookup that found nothing answers 404 (or 403 for a dialog the acting user may not see). */
function nothing(error: unknown): null {
  if (isApiError(error, 'http') && (error.status === 404 || error.status === 403))
    return null
  throw error
}

function asError(error: unknown): ApiError | Error {
  return error instanceof Error ? error : new Error(String(error))
}

function unique<T>(items: readonly (T | null | undefined)[], key: (item: T) => string | number): T[] {
  const seen = new Map<string | number, T>()
  for (const item of items) {
    if (item && !seen.has(key(item)))
      seen.set(key(item), item)
  }
  return [...seen.values()]
}

/**
 * The header's search: dialogs (by ID, by name) and users (by ID, login, email, full name) for
 * what was typed, as the acting user sees them. A newer search aborts the one before; each half
 * fails on its own, so a refused dialog search still shows the users found.
 */
export const useSearchStore = defineStore('search', () => {
  const parsed = shallowRef<ParsedSearch | null>(null)
  const dialogs = shallowRef<Dialog[]>([])
  const users = shallowRef<User[]>([])
  const status = ref<SearchStatus>('idle')
  const dialogError = shallowRef<ApiError | Error | null>(null)
  const userError = shallowRef<ApiError | Error | null>(null)
  let controller: AbortController | null = null

  async function findDialogs(query: ParsedSearch, signal: AbortSignal): Promise<Dialog[]> {
    const [byId, byName] = await Promise.all([
      query.dialogId ? getDialog(query.dialogId, signal).catch(nothing) : null,
      query.dialogName
        ? listDialogs({ nameContains: query.dialogName, limit: SEARCH_LIMIT, sort: { field: 'last_message_date_sent', order: 'desc' } }, signal).then(list => list.items)
        : [],
    ])
    return unique([byId, ...byName], d => d._id).slice(0, SEARCH_LIMIT)
  }

  async function findUsers(query: ParsedSearch, signal: AbortSignal): Promise<User[]> {
    const [byId, byEmail, byLogin, byName] = await Promise.all([
      query.userId !== undefined ? getUser(query.userId, signal).catch(nothing) : null,
      query.email ? findUserByEmail(query.email, signal).catch(nothing) : null,
      query.login ? findUserByLogin(query.login, signal).catch(nothing) : null,
      query.fullName ? searchUsersByFullName(query.fullName, { perPage: SEARCH_LIMIT }, signal).then(list => list.items.map(i => i.user)) : [],
    ])
    return unique([byId, byEmail, byLogin, ...byName], u => u.id).slice(0, SEARCH_LIMIT)
  }

  /** Looks up what `query` asks for; resolves when both halves are settled (or a newer search began). */
  async function search(query: ParsedSearch): Promise<void> {
    controller?.abort()
    parsed.value = query
    dialogError.value = null
    userError.value = null
    if (!hasLookups(query)) {
      controller = null
      dialogs.value = []
      users.value = []
      status.value = 'idle'
      return
    }
    const current = new AbortController()
    controller = current
    status.value = 'loading'
    const [foundDialogs, foundUsers] = await Promise.allSettled([findDialogs(query, current.signal), findUsers(query, current.signal)])
    if (controller !== current)
      return
    controller = null
    dialogs.value = foundDialogs.status === 'fulfilled' ? foundDialogs.value : []
    dialogError.value = foundDialogs.status === 'rejected' ? asError(foundDialogs.reason) : null
    users.value = foundUsers.status === 'fulfilled' ? foundUsers.value : []
    userError.value = foundUsers.status === 'rejected' ? asError(foundUsers.reason) : null
    status.value = 'done'
    // Private dialogs are shown by their people's names.
    void useUsersStore().ensureUsers(dialogs.value.filter(d => d.type === 3).flatMap(d => d.occupants_ids))
  }

  /** Forgets the search (the box was emptied or closed); a search in flight is aborted. */
  function $reset() {
    controller?.abort()
    controller = null
    parsed.value = null
    dialogs.value = []
    users.value = []
    status.value = 'idle'
    dialogError.value = null
    userError.value = null
  }

  return { parsed, dialogs, users, status, dialogError, userError, search, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSearchStore, import.meta.hot))
