import { getCurrentScope, onScopeDispose } from 'vue'

/** A signal aborted when the calling component (or effect scope) goes away: leaving a screen cancels its requests. */
export function useAbortOnLeave(): AbortSignal {
  const controller = new AbortController()
  if (getCurrentScope())
    onScopeDispose(() => controller.abort())
  return controller.signal
}
