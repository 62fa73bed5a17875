import { shallowRef } from 'vue'

/** One question waiting for an answer. */
export interface ConfirmRequest {
  title: string
  content: string
  positiveText: string
  /** 'warning' colours the positive button as a caution, 'error' as destructive. */
  tone: 'warning' | 'error'
  resolve: (ok: boolean) => void
}

/**
 * A screen's one confirmation at a time, answered in `ConfirmDialog` (a named dialog with a real
 * heading, which naive-ui's `useDialog` does not give). A new question cancels an open one.
 */
export function useConfirm() {
  const request = shallowRef<ConfirmRequest | null>(null)

  function ask(title: string, content: string, positiveText: string, tone: ConfirmRequest['tone'] = 'warning'): Promise<boolean> {
    request.value?.resolve(false)
    return new Promise((resolve) => {
      request.value = { title, content, positiveText, tone, resolve }
    })
  }

  function answer(ok: boolean) {
    const open = request.value
    request.value = null
    open?.resolve(ok)
  }

  return { request, ask, answer }
}

export type Confirm = ReturnType<typeof useConfirm>
