import type { NotificationApi } from 'naive-ui'
import { NConfigProvider, NNotificationProvider, useNotification } from 'naive-ui'
import { createApp, defineComponent, h } from 'vue'
import { useTheme } from './useTheme'

/**
 * naive-ui's notifications in an app of their own, mounted on the first one shown (useNotices.ts
 * loads this module then): the screens that show them do not carry their code before first paint.
 * Same theme as the page, bottom right, at most three at a time.
 */
export function mountNoticeHost(): NotificationApi {
  let api: NotificationApi | null = null
  const Take = defineComponent({
    setup() {
      api = useNotification()
      return () => null
    },
  })
  const { naiveTheme, overrides } = useTheme()
  const host = document.createElement('div')
  document.body.appendChild(host)
  createApp(() => h(NConfigProvider, { theme: naiveTheme.value, themeOverrides: overrides.value, abstract: true }, () =>
    h(NNotificationProvider, { placement: 'bottom-right', max: 3 }, () => h(Take)))).mount(host)
  return api!
}
