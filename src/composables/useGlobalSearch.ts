import type { RouteLocationRaw } from 'vue-router'
import { computed, ref, watch } from 'vue'
import { dialogDisplayName, dialogTypeLabel, userDisplayName } from '@/domain/format'
import { describeSearch, hasLookups, parseSearch } from '@/domain/search'
import { SEARCH_LIMIT, useSearchStore } from '@/stores/search'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'
import { useDebouncedFn } from './useDebouncedFn'

/** One row of the search box's list. */
export interface SearchOption {
  key: string
  group: 'dialogs' | 'users'
  label: string
  detail: string
  to: RouteLocationRaw
}

/** How long typing must pause before the server is asked. */
export const SEARCH_DELAY_MS = 250

/**
 * The header search's state: what was typed, what it was read as, the results as one list of
 * options with an active one for the arrow keys, and where the chosen one leads. Debounced;
 * a newer search aborts the older (the store does).
 */
export function useGlobalSearch() {
  const store = useSearchStore()
  const users = useUsersStore()
  const session = useSessionStore()
  const text = ref('')
  const active = ref(-1)
  /** Enter came before the answer: the first result opens when it arrives. */
  const enterPending = ref(false)
  const parsed = computed(() => parseSearch(text.value))
  /** Set when the person picks a result; the view navigates and resets. */
  const chosen = ref<SearchOption | null>(null)

  const run = useDebouncedFn(() => void store.search(parsed.value), SEARCH_DELAY_MS)

  watch(text, () => {
    active.value = -1
    enterPending.value = false
    if (!parsed.value.text)
      store.$reset()
    else
      run()
  })

  const options = computed<SearchOption[]>(() => {
    // Results belong to the text searched; while a newer text waits, the older results stay listed.
    const list: SearchOption[] = store.dialogs.map(d => ({
      key: `d-${d._id}`,
      group: 'dialogs',
      label: dialogDisplayName(d, users.nameOf, session.actingUserId),
      detail: `${dialogTypeLabel(d.type)} · ${d._id}`,
      to: { name: 'dialog', params: { id: d._id } },
    }))
    const query = store.parsed
    // A full page of names may not be all of them: the list, filtered by the name, has the rest.
    if (query?.dialogName && store.status === 'done' && store.dialogs.length >= SEARCH_LIMIT) {
      list.push({
        key: 'all-dialogs',
        group: 'dialogs',
        label: `All dialogs named “${query.dialogName}”`,
        detail: 'Opens the dialog list with this name filter',
        to: { name: 'dialogs', query: { name: query.dialogName } },
      })
    }
    for (const u of store.users) {
      list.push({
        key: `u-${u.id}`,
        group: 'users',
        label: userDisplayName(u),
        detail: [u.login, u.email, `#${u.id}`].filter(Boolean).join(' · '),
        to: `/users/${u.id}`,
      })
    }
    return list
  })

  watch(options, (list) => {
    // The first result is ready for Enter, as in a command palette.
    active.value = list.length ? 0 : -1
    if (enterPending.value && store.status === 'done') {
      enterPending.value = false
      if (list.length)
        chosen.value = list[0]!
    }
  })

  const statusText = computed(() => {
    const query = parsed.value
    if (!query.text)
      return describeSearch(query)
    if (store.status === 'loading' || (store.parsed?.text !== query.text && hasLookups(query)))
      return `Searching… ${describeSearch(query)}`
    const problems = [
      store.dialogError ? `Could not search dialogs: ${store.dialogError.message}` : '',
      store.userError ? `Could not search users: ${store.userError.message}` : '',
    ].filter(Boolean)
    if (problems.length)
      return problems.join(' ')
    if (store.status === 'idle')
      return describeSearch(query)
    const d = store.dialogs.length
    const u = store.users.length
    if (!d && !u)
      return `No dialog or user matches “${query.text}”.`
    return `${d} ${d === 1 ? 'dialog' : 'dialogs'}, ${u} ${u === 1 ? 'user' : 'users'}.`
  })

  function move(step: 1 | -1) {
    const n = options.value.length
    if (!n)
      return
    active.value = active.value < 0 ? (step === 1 ? 0 : n - 1) : (active.value + step + n) % n
  }

  /** Enter: the active result, or the first one once the pending search answers. */
  function enter() {
    const option = options.value[active.value]
    const fresh = store.parsed?.text === parsed.value.text && store.status === 'done'
    if (option && fresh) {
      chosen.value = option
      return
    }
    if (!parsed.value.text)
      return
    enterPending.value = true
    run.flush()
  }

  function choose(index: number) {
    const option = options.value[index]
    if (option)
      chosen.value = option
  }

  function clear() {
    run.cancel()
    text.value = ''
    chosen.value = null
    store.$reset()
  }

  return { text, parsed, options, active, statusText, loading: computed(() => store.status === 'loading'), chosen, move, enter, choose, clear }
}
