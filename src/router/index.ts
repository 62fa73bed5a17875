import type { RouteLocationNormalized, RouteLocationRaw, RouteRecordRaw, RouterHistory } from 'vue-router'
import type { useSessionStore } from '@/stores/session'
import { createRouter } from 'vue-router'
import { getDialogEarly, listDialogsEarly } from '@/api/dialogReads'
import { parseListState, toListDialogsQuery } from '@/views/dialogs/listQuery'
import SignInView from '@/views/sign-in/SignInView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for a signed-in session. */
    requiresAuth?: boolean
    /** Shown in the document title and the header. */
    title?: string
    /**
     * Starts the screen's first data request as soon as the route is known, in parallel with
     * its code; the store's first load takes the answer (api/early.ts).
     */
    early?: (to: RouteLocationNormalized) => void
  }
}

// The sign-in screen is in the entry bundle (lazy-loading it costs a round trip);
// everything behind sign-in, the layout included, is loaded lazily.
export const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { title: 'Sign in' } },
  {
    path: '/',
    component: () => import('@/views/layout/AppLayout.vue'),
    meta: { requiresAuth: true },
    children: [
      { path: '', name: 'home', redirect: { name: 'dialogs' } },
      { path: 'dialogs', name: 'dialogs', component: () => import('@/views/dialogs/DialogListView.vue'), meta: { requiresAuth: true, title: 'Dialogs', early: to => listDialogsEarly(toListDialogsQuery(parseListState(to.query))) } },
      { path: 'dialogs/new', name: 'dialog-new', component: () => import('@/views/dialog-new/DialogCreateView.vue'), meta: { requiresAuth: true, title: 'New dialog' } },
      {
        path: 'dialogs/:id',
        component: () => import('@/views/dialog/DialogView.vue'),
        meta: { requiresAuth: true, early: to => getDialogEarly(String(to.params.id)) },
        children: [
          { path: '', name: 'dialog', component: () => import('@/views/dialog/overview/DialogOverviewView.vue'), meta: { requiresAuth: true, title: 'Dialog' } },
          { path: 'members', name: 'dialog-members', component: () => import('@/views/dialog/members/MembersTab.vue'), meta: { requiresAuth: true, title: 'Members' } },
          { path: 'messages', name: 'dialog-messages', component: () => import('@/views/dialog/messages/MessagesTab.vue'), meta: { requiresAuth: true, title: 'Messages' } },
        ],
      },
      { path: 'users', name: 'users', component: () => import('@/views/users/UsersView.vue'), meta: { requiresAuth: true, title: 'Users' } },
      {
        path: 'users/:id',
        name: 'user',
        component: () => import('@/views/users/UserView.vue'),
        meta: { requiresAuth: true, title: 'User' },
        // Its data is asked for while its code loads.
        beforeEnter: (to) => {
          void import('@/views/users/prefetch').then(m => m.prefetchUserPage(to))
        },
      },
      { path: 'activity', name: 'activity', component: () => import('@/views/activity/ActivityView.vue'), meta: { requiresAuth: true, title: 'Activity' } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/not-found/NotFoundView.vue'), meta: { title: 'Page not found' } },
]

/** An in-app path from `?redirect=`, or null for anything else (other sites, protocol-relative URLs). */
export function safeRedirect(value: unknown): string | null {
  const path = Array.isArray(value) ? value[0] : value
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\'))
    return null
  return path.startsWith('/sign-in') ? null : path
}

/** The router with its one guard. */
export function createAppRouter(history: RouterHistory, session: ReturnType<typeof useSessionStore>, appTitle: string) {
  const router = createRouter({ history, routes })

  router.beforeEach((to): RouteLocationRaw | true => {
    if (to.matched.some(record => record.meta.requiresAuth) && !session.signedIn) {
      // Only the path the person wanted goes into the URL, never anything of the session.
      const wanted = to.fullPath === '/' || to.fullPath === '/dialogs' ? undefined : to.fullPath
      return { name: 'sign-in', query: wanted ? { redirect: wanted } : {} }
    }
    if (to.name === 'sign-in' && session.signedIn)
      return safeRedirect(to.query.redirect) ?? { name: 'dialogs' }
    return true
  })

  // After the guard above let the navigation through, before the route's lazy code is fetched.
  router.beforeEach((to, from) => {
    for (const record of to.matched) {
      // A parent whose params did not change keeps its data (a tab switch inside one dialog).
      const kept = from.matched.includes(record) && record.path.includes(':') && to.params.id === from.params.id
      if (record.meta.early && !kept)
        record.meta.early(to)
    }
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · ${appTitle}` : appTitle
  })

  return router
}
