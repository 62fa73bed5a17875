import type { ComputedRef } from 'vue'
import type { DialogListState, SearchFilter } from './listQuery'
import type { ListDialogsQuery } from '@/api/dialogs'
import type { SearchResolution } from '@/stores/dialogSearch'
import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import { isApiError } from '@/api/errors'
import { useAbortOnLeave } from '@/composables/useAbortOnLeave'
import { explainApiError } from '@/domain'
import { useDialogsStore } from '@/stores/dialogs'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'
import { lastListQuery } from './lastListQuery'
import { toListDialogsQuery } from './listQuery'

function filterOf(resolution: SearchResolution | null): SearchFilter {
  if (!resolution)
    return { kind: 'none' }
  switch (resolution.kind) {
    case 'dialog': return { kind: 'dialog', id: resolution.id }
    case 'person': return { kind: 'person', userId: resolution.userId }
    case 'name': return { kind: 'name', text: resolution.text }
    default: return { kind: 'none' }
  }
}

/**
 * Loads the page the URL asks for: the search text is turned into a filter first (people looked
 * up when it may name one), then one list request. Owners' and private dialogs' people are named
 * in batches through the users store.
 */
export function useDialogList(state: ComputedRef<DialogListState>) {
  const dialogs = useDialogsStore()
  const users = useUsersStore()
  const session = useSessionStore()
  const route = useRoute()
  const signal = useAbortOnLeave()

  const resolution = shallowRef<SearchResolution | null>(null)
  const resolving = ref(false)
  /** Looking people up failed: the server's words. */
  const searchError = ref<string | null>(null)
  /** The query of the page shown (or being loaded). */
  const apiQuery = shallowRef<ListDialogsQuery | null>(null)
  let run = 0

  async function load() {
    const own = ++run
    const current = state.value
    searchError.value = null
    // The search's code is loaded only for a search.
    const search = current.q ? (await import('@/stores/dialogSearch')).useDialogSearchStore() : null
    let found = search ? search.known(current.q) : { kind: 'none' as const }
    if (!found && search) {
      resolving.value = true
      try {
        found = await search.resolve(current.q, signal)
      }
      catch (error) {
        if (own === run && !isApiError(error, 'abort'))
          searchError.value = isApiError(error) ? explainApiError(error).map(e => e.text).join(' ') : String(error)
        return
      }
      finally {
        if (own === run)
          resolving.value = false
      }
    }
    if (own !== run || !found)
      return
    resolution.value = found
    if (found.kind === 'nobody')
      return
    const query = toListDialogsQuery(current, filterOf(found))
    apiQuery.value = query
    try {
      await dialogs.fetchDialogs(query, signal)
    }
    catch {
      // The store keeps the error for the error state; aborts need nothing.
    }
  }

  watch([() => JSON.stringify(state.value), () => session.actingUserId], () => {
    if (route.name !== 'dialogs')
      return
    lastListQuery.value = { ...route.query }
    void load()
  }, { immediate: true })

  watch(() => dialogs.items, (items) => {
    const ids = new Set<number>()
    for (const d of items) {
      ids.add(d.user_id)
      if (d.type === 3)
        d.occupants_ids.forEach(id => ids.add(id))
    }
    void users.ensureUsers(ids)
  }, { immediate: true })

  watch(resolution, (r) => {
    if (r?.kind === 'person')
      void users.ensureUsers([r.userId])
  })

  const nobody = computed(() => resolution.value?.kind === 'nobody' && !resolving.value ? resolution.value : null)
  const loading = computed(() => resolving.value || dialogs.loading)

  return { resolution, resolving, searchError, nobody, loading, apiQuery, load }
}
