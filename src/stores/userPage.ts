import type { ApiError } from '@/api/errors'
import type { Dialog, User } from '@/api/types'
import type { FanOutProgress } from '@/jobs/fanOut'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { listDialogs } from '@/api/dialogs'
import { isApiError } from '@/api/errors'
import { getUnreadCounts } from '@/api/messages'
import { getUser } from '@/api/users'
import { fanOut } from '@/jobs/fanOut'

/** Dialogs per page of the inbox, and per request when reading all of them. */
export const INBOX_PAGE = 100

/** How long a load started ahead (with the route, before the page's code) stands in for the page's own. */
const REUSE_MS = 10_000

/** `reuse`: a load of the same thing in flight or just finished is taken instead of a new request. */
export interface LoadOptions {
  reuse?: boolean
}

interface Loading {
  key: string
  at: number
  done: boolean
  promise: Promise<void>
}

function reusable(last: Loading | null, key: string, options: LoadOptions): Promise<void> | null {
  if (!options.reuse || last?.key !== key)
    return null
  return !last.done || Date.now() - last.at < REUSE_MS ? last.promise : null
}

function remember(key: string, run: () => Promise<void>): Loading {
  const loading: Loading = { key, at: Date.now(), done: false, promise: Promise.resolve() }
  loading.promise = run().finally(() => {
    loading.done = true
    loading.at = Date.now()
  })
  return loading
}

/** Their dialogs, newest activity first, as they see them (On-Behalf-Of: them). */
function inboxPage(userId: number, skip: number, limit: number, signal?: AbortSignal) {
  return listDialogs({ skip, limit, sort: { field: 'last_message_date_sent', order: 'desc' } }, signal, { actAs: userId })
}

/**
 * Every dialog of a user as they see them: the first page says how many there are, the rest
 * are read a few pages at a time. Rejects when a page cannot be read (an action must not plan
 * over half a list).
 */
export async function readAllDialogs(userId: number, signal?: AbortSignal, onProgress?: (p: FanOutProgress) => void): Promise<Dialog[]> {
  const first = await inboxPage(userId, 0, INBOX_PAGE, signal)
  const skips: number[] = []
  for (let skip = INBOX_PAGE; skip < first.total_entries; skip += INBOX_PAGE)
    skips.push(skip)
  const pages = Math.max(1, 1 + skips.length)
  onProgress?.({ finished: 1, total: pages, failed: 0 })
  const rest = await fanOut({
    items: skips,
    kind: 'read',
    signal,
    run: (skip, s) => inboxPage(userId, skip, INBOX_PAGE, s),
    onProgress: p => onProgress?.({ ...p, finished: p.finished + 1, total: pages }),
  })
  const failure = rest.outcomes.find(o => o.status === 'failed')
  if (failure && failure.status === 'failed')
    throw failure.error
  if (rest.cancelled)
    throw new DOMException('Cancelled', 'AbortError')
  const seen = new Set<string>()
  const all: Dialog[] = []
  for (const page of [first, ...rest.outcomes.map(o => o.status === 'done' ? o.value : null)]) {
    for (const d of page?.items ?? []) {
      // Paging while the list changes can show a dialog twice.
      if (!seen.has(d._id)) {
        seen.add(d._id)
        all.push(d)
      }
    }
  }
  return all
}

/** The user page: the profile and their inbox as they see it. Reading never changes anything. */
export const useUserPageStore = defineStore('userPage', () => {
  const userId = ref<number | null>(null)
  const user = shallowRef<User | null>(null)
  const userLoading = ref(false)
  const userError = shallowRef<ApiError | null>(null)

  const inbox = shallowRef<Dialog[]>([])
  const inboxTotal = ref(0)
  const inboxSkip = ref(0)
  const inboxLoading = ref(false)
  const inboxError = shallowRef<ApiError | null>(null)
  /** Their unread count per dialog of the page shown (GET /chat/Message/unread.json on their behalf). */
  const unread = shallowRef<ReadonlyMap<string, number>>(new Map())
  const unreadLoading = ref(false)
  const unreadError = shallowRef<ApiError | null>(null)

  let userTurn = 0
  let inboxTurn = 0
  let lastUser: Loading | null = null
  let lastInbox: Loading | null = null

  /** Loads the profile. A 404 lands in `userError` (an unknown user ID). */
  function loadUser(id: number, signal?: AbortSignal, options: LoadOptions = {}): Promise<void> {
    const again = reusable(lastUser, String(id), options)
    if (again)
      return again
    lastUser = remember(String(id), () => fetchUser(id, signal))
    return lastUser.promise
  }

  async function fetchUser(id: number, signal?: AbortSignal): Promise<void> {
    const mine = ++userTurn
    if (userId.value !== id) {
      user.value = null
      inbox.value = []
      inboxTotal.value = 0
      unread.value = new Map()
    }
    userId.value = id
    userLoading.value = true
    userError.value = null
    try {
      const found = await getUser(id, signal)
      if (mine === userTurn)
        user.value = found
    }
    catch (caught) {
      if (mine === userTurn && !isApiError(caught, 'abort'))
        userError.value = isApiError(caught) ? caught : null
    }
    finally {
      if (mine === userTurn)
        userLoading.value = false
    }
  }

  /** One page of their dialogs, then their unread counts for exactly those dialogs (one request). */
  function loadInbox(id: number, skip: number, signal?: AbortSignal, options: LoadOptions = {}): Promise<void> {
    const key = `${id}:${skip}`
    const again = reusable(lastInbox, key, options)
    if (again)
      return again
    lastInbox = remember(key, () => fetchInbox(id, skip, signal))
    return lastInbox.promise
  }

  async function fetchInbox(id: number, skip: number, signal?: AbortSignal): Promise<void> {
    const mine = ++inboxTurn
    inboxLoading.value = true
    inboxError.value = null
    unreadError.value = null
    try {
      const page = await inboxPage(id, skip, INBOX_PAGE, signal)
      if (mine !== inboxTurn)
        return
      inbox.value = page.items
      inboxTotal.value = page.total_entries
      inboxSkip.value = skip
    }
    catch (caught) {
      if (mine === inboxTurn && !isApiError(caught, 'abort')) {
        inbox.value = []
        inboxTotal.value = 0
        inboxError.value = isApiError(caught) ? caught : null
      }
      return
    }
    finally {
      if (mine === inboxTurn)
        inboxLoading.value = false
    }
    await loadUnread(id, mine, signal)
  }

  async function loadUnread(id: number, mine: number, signal?: AbortSignal) {
    const ids = inbox.value.map(d => d._id)
    if (!ids.length) {
      unread.value = new Map()
      return
    }
    unreadLoading.value = true
    try {
      const counts = await getUnreadCounts(ids, signal, { actAs: id })
      if (mine === inboxTurn)
        unread.value = new Map(ids.map(d => [d, Number(counts[d] ?? 0)]))
    }
    catch (caught) {
      if (mine === inboxTurn && !isApiError(caught, 'abort'))
        unreadError.value = isApiError(caught) ? caught : null
    }
    finally {
      if (mine === inboxTurn)
        unreadLoading.value = false
    }
  }

  function $reset() {
    userTurn++
    inboxTurn++
    lastUser = null
    lastInbox = null
    userId.value = null
    user.value = null
    userLoading.value = false
    userError.value = null
    inbox.value = []
    inboxTotal.value = 0
    inboxSkip.value = 0
    inboxLoading.value = false
    inboxError.value = null
    unread.value = new Map()
    unreadLoading.value = false
    unreadError.value = null
  }

  return { userId, user, userLoading, userError, inbox, inboxTotal, inboxSkip, inboxLoading, inboxError, unread, unreadLoading, unreadError, loadUser, loadInbox, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useUserPageStore, import.meta.hot))
