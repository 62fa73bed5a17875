import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'
import { useSessionStore } from '@/stores/session'

export interface UnsavedGuardOptions {
  /** Asks the person; resolves true to leave and lose the changes. Defaults to `window.confirm`. */
  confirm?: () => Promise<boolean>
  message?: string
}

const DEFAULT_MESSAGE = 'You have unsaved changes. Leave this page and lose them?'

/**
 * Asks before a dirty draft is lost: route changes away from the component (another tab of the
 * same dialog included), the same route with other params, and closing or reloading the tab
 * (the browser shows its own question then).
 */
export function useUnsavedGuard(isDirty: () => boolean, options: UnsavedGuardOptions = {}) {
  const ask = options.confirm ?? (() => Promise.resolve(window.confirm(options.message ?? DEFAULT_MESSAGE)))
  const session = useSessionStore()

  async function guard(to: { fullPath: string }, from: { fullPath: string }) {
    // A session that ended (key revoked, idle lock) can save nothing: let it reach sign-in.
    if (to.fullPath === from.fullPath || !isDirty() || !session.signedIn)
      return true
    return await ask()
  }

  onBeforeRouteLeave(guard)
  onBeforeRouteUpdate((to, from) => {
    // Only a change of the dialog matters here; query changes of the same page keep the draft.
    if (to.path === from.path)
      return true
    return guard(to, from)
  })

  function onBeforeUnload(event: BeforeUnloadEvent) {
    if (!isDirty())
      return
    event.preventDefault()
    // Older browsers need returnValue set to show their prompt.
    event.returnValue = ''
  }

  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))
}
