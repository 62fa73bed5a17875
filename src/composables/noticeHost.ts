import type { NotificationApi } from 'naive-ui'
import { NConfigProvider, NNotificationProvider, useNotification } from 'naive-ui'
import { createApp, defineComponent, h } from 'vue'
import { useTheme } from './useTheme'

/**
 * naive-ui's notifications in an app of their own, mounted on the first one shown (useNotices.ts
 * loads this module then): the screens that show them do not carry their code before first paint.
 * Same theme as the page, bottom right, at most three at a time, in the Notifications region.
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
  // Inside index.html's Notifications region (a polite live region) when the page has one.
  const region = document.getElementById('desk-notices')
  ;(region ?? document.body).appendChild(host)
  createApp(() => h(NConfigProvider, { theme: naiveTheme.value, themeOverrides: overrides.value, abstract: true }, () =>
    h(NNotificationProvider, { placement: 'bottom-right', max: 3, to: region ?? undefined }, () => h(Take)))).mount(host)
  return api!
}
