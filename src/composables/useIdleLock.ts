import { onBeforeUnmount, onMounted } from 'vue'

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const

/**
 * Calls `onIdle` once no input has come for `minutes` (0 = never). Time is read from the clock,
 * not counted by the timer, so a laptop that slept past the limit locks as soon as it wakes.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const limitMs = minutes * 60_000
  if (!(limitMs > 0))
    return
  let last = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const touch = () => {
    last = Date.now()
  }
  const check = () => {
    if (Date.now() - last >= limitMs)
      onIdle()
  }
  const onVisible = () => {
    if (document.visibilityState === 'visible')
      check()
  }

  onMounted(() => {
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, touch, { capture: true, passive: true })
    document.addEventListener('visibilitychange', onVisible)
    timer = setInterval(check, Math.min(15_000, Math.max(1_000, limitMs / 4)))
  })
  onBeforeUnmount(() => {
    for (const name of ACTIVITY_EVENTS)
      window.removeEventListener(name, touch, { capture: true })
    document.removeEventListener('visibilitychange', onVisible)
    clearInterval(timer)
  })
}
