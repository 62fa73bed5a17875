import type { NotificationOptions } from 'naive-ui'

/** What a shown notice offers back: taking it away early (an Undo that was used). */
export interface NoticeHandle {
  destroy: () => void
}

type Api = Awaited<ReturnType<typeof load>>
let api: Promise<Api> | null = null

function load() {
  return import('./noticeHost').then(m => m.mountNoticeHost())
}

function show(kind: 'success' | 'info', options: NotificationOptions): NoticeHandle {
  api ??= load()
  let destroyed = false
  let shown: { destroy: () => void } | null = null
  void api.then((notices) => {
    if (!destroyed)
      shown = notices[kind](options)
  })
  return {
    destroy: () => {
      destroyed = true
      shown?.destroy()
    },
  }
}

/**
 * Results and Undo as naive-ui notifications (bottom right), whose code loads with the first one
 * shown instead of with the screen. Same options as naive-ui's `useNotification`.
 */
export function useNotices() {
  return {
    success: (options: NotificationOptions) => show('success', options),
    info: (options: NotificationOptions) => show('info', options),
  }
}

/** Takes every notice away (leaving the screen they belong to); nothing when none was ever shown. */
export function clearNotices(): void {
  void api?.then(notices => notices.destroyAll())
}
