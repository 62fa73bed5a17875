import type { ApiError } from '@/api/errors'
import type { User, UserList } from '@/api/types'
import type { UserSearch, UserSortField } from '@/domain/userSearch'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { listUsers, listUsersByTags, searchUsersByFullName } from '@/api/users'
import { userOrder, userSearchFilters } from '@/domain/userSearch'

/** One page of the Users screen: what to search, how to sort, which page. */
export interface DirectoryQuery {
  search: UserSearch
  sort: UserSortField
  dir: 'asc' | 'desc'
  page: number
  size: number
}

/** The request a query makes: GET /users.json with filters, or the name and tag endpoints. */
export function fetchDirectoryPage(query: DirectoryQuery, signal?: AbortSignal): Promise<UserList> {
  const paging = { page: query.page, perPage: query.size, order: userOrder(query.sort, query.dir) }
  const { search } = query
  if (search.kind === 'name')
    return searchUsersByFullName(search.value, paging, signal)
  if (search.kind === 'tag')
    return listUsersByTags(search.tags, paging, signal)
  return listUsers({ ...paging, filters: userSearchFilters(search) ?? [] }, signal)
}

/** The Users screen's server-paged directory. */
export const useUsersDirectoryStore = defineStore('usersDirectory', () => {
  const items = shallowRef<User[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  /** The query of what is shown (null before the first answer). */
  const query = shallowRef<DirectoryQuery | null>(null)
  let turn = 0

  /** Loads one page; a newer call wins over an older one still in flight. */
  async function fetchPage(next: DirectoryQuery, signal?: AbortSignal): Promise<void> {
    const mine = ++turn
    loading.value = true
    error.value = null
    try {
      const page = await fetchDirectoryPage(next, signal)
      if (mine !== turn)
        return
      items.value = page.items.map(i => i.user)
      total.value = page.total_entries
      query.value = next
    }
    catch (caught) {
      if (mine !== turn || isApiError(caught, 'abort'))
        return
      items.value = []
      total.value = 0
      query.value = next
      error.value = isApiError(caught) ? caught : null
      if (!isApiError(caught))
        throw caught
    }
    finally {
      if (mine === turn)
        loading.value = false
    }
  }

  function $reset() {
    turn++
    items.value = []
    total.value = 0
    loading.value = false
    error.value = null
    query.value = null
  }

  return { items, total, loading, error, query, fetchPage, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useUsersDirectoryStore, import.meta.hot))
