import { onBeforeUnmount, onMounted } from 'vue'

/** Runs `fn` once, when the browser has nothing better to do after the component mounts. */
export function useIdleCallback(fn: () => void, timeoutMs = 2000): void {
  let handle: number | undefined
  onMounted(() => {
    handle = typeof requestIdleCallback === 'function'
      ? requestIdleCallback(fn, { timeout: timeoutMs })
      : window.setTimeout(fn, 200)
  })
  onBeforeUnmount(() => {
    if (handle === undefined)
      return
    if (typeof cancelIdleCallback === 'function')
      cancelIdleCallback(handle)
    else
      clearTimeout(handle)
  })
}
