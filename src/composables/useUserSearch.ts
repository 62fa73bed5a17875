import type { User } from '@/api/types'
import { onScopeDispose, ref, shallowRef } from 'vue'
import { useUsersStore } from '@/stores/users'
import { useDebouncedFn } from './useDebouncedFn'

/**
 * Type-ahead user search for pickers: debounced, a newer search aborts the older one,
 * and the scope's end aborts the last.
 */
export function useUserSearch(delayMs = 300) {
  const users = useUsersStore()
  const found = shallowRef<User[]>([])
  const searching = ref(false)
  const searchError = ref('')
  let controller: AbortController | null = null

  const runSearch = useDebouncedFn(async (text: string) => {
    controller?.abort()
    if (!text.trim()) {
      found.value = []
      searching.value = false
      return
    }
    const current = new AbortController()
    controller = current
    searching.value = true
    searchError.value = ''
    try {
      found.value = await users.searchUsers(text, current.signal)
    }
    catch (error) {
      if (!current.signal.aborted)
        searchError.value = error instanceof Error ? error.message : String(error)
    }
    finally {
      if (controller === current)
        searching.value = false
    }
  }, delayMs)

  /** For NSelect's `@search`: shows "Searching…" at once, asks the server after the pause. */
  function onSearch(text: string) {
    searching.value = !!text.trim()
    runSearch(text)
  }

  /** Forgets the last search (after a pick, or when the list closes), so the next one starts afresh. */
  function reset() {
    runSearch.cancel()
    controller?.abort()
    controller = null
    found.value = []
    searching.value = false
    searchError.value = ''
  }

  onScopeDispose(() => controller?.abort())

  return { found, searching, searchError, onSearch, reset }
}
