import { getCurrentScope, onScopeDispose } from 'vue'

/** Calls `fn` once calls stop for `ms`; `flush` runs a pending call now, `cancel` drops it. */
export function useDebouncedFn<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastArgs: A | null = null
  function cancel() {
    clearTimeout(timer)
    timer = undefined
    lastArgs = null
  }
  function flush() {
    if (!lastArgs)
      return
    const args = lastArgs
    cancel()
    fn(...args)
  }
  function call(...args: A) {
    lastArgs = args
    clearTimeout(timer)
    timer = setTimeout(flush, ms)
  }
  if (getCurrentScope())
    onScopeDispose(cancel)
  return Object.assign(call, { flush, cancel })
}
