import type { OutcomeEvent } from '@/api/writes'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'

/** One line the person is shown about a write whose answer was lost. */
export interface OutcomeNotice {
  id: number
  phase: OutcomeEvent['phase']
  text: string
}

/** How long a notice stays unless dismissed. */
export const NOTICE_MS = 12_000

/** What the person is told when a lost answer was settled by a check. */
export function noticeText(event: OutcomeEvent): string | null {
  switch (event.phase) {
    case 'landed': return `${event.what}: the server's answer was lost, so we checked. It went through, once; nothing was sent twice.`
    // The screen that made the request shows these in its own error text.
    default: return null
  }
}

/** Notices about writes whose answer was lost (api/writes.ts reports them). */
export const useOutcomesStore = defineStore('outcomes', () => {
  const notices = ref<OutcomeNotice[]>([])
  let nextId = 0

  /** Adds the notice for an event (if it needs one); it goes away by itself after a while. */
  function report(event: OutcomeEvent, hideAfterMs = NOTICE_MS) {
    const text = noticeText(event)
    if (!text)
      return
    const id = ++nextId
    notices.value = [...notices.value.slice(-2), { id, phase: event.phase, text }]
    if (hideAfterMs > 0)
      setTimeout(() => dismiss(id), hideAfterMs)
  }

  function dismiss(id: number) {
    notices.value = notices.value.filter(n => n.id !== id)
  }

  function $reset() {
    notices.value = []
  }

  return { notices, report, dismiss, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOutcomesStore, import.meta.hot))
