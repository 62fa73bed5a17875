import type { RouteLocationNormalized } from 'vue-router'
import { useUserPageStore } from '@/stores/userPage'
import { INBOX_PAGE } from '@/stores/userPage'

/**
 * Starts the user page's first requests as soon as its route is known, in parallel with the
 * page's code (the layout and the view are lazy chunks); the page then takes these loads over.
 */
export function prefetchUserPage(to: RouteLocationNormalized): void {
  const raw = String(to.params.id ?? '')
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
    return
  const id = Number(raw)
  const store = useUserPageStore()
  void store.loadUser(id, undefined, { reuse: true })
  if (to.query.view !== 'messages') {
    const page = Number(to.query.page)
    const skip = Number.isSafeInteger(page) && page > 1 ? (page - 1) * INBOX_PAGE : 0
    void store.loadInbox(id, skip, undefined, { reuse: true })
  }
}
