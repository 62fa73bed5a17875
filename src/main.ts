import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createWebHistory } from 'vue-router'
import { registerSessionGetter, registerUnauthorizedHandler } from '@/api/client'
import { registerOutcomeListener } from '@/api/writes'
import { APP_CONFIG, loadConfig } from '@/config'
import { createAppRouter } from '@/router'
import { useOutcomesStore } from '@/stores/outcomes'
import { useSessionStore } from '@/stores/session'
import { recordSessionActivity } from '@/stores/sessionActivity'
import App from './App.vue'
import '@/styles/base.css'
import '@/styles/shared-parts.css'

async function start() {
  const config = await loadConfig(document.baseURI)
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.provide(APP_CONFIG, config)

  const session = useSessionStore(pinia)
  session.restore(config.apiBase)
  registerSessionGetter(() => session.snapshot())
  recordSessionActivity(pinia, session)
  // A write whose lost answer was settled by a check is told about wherever it was made.
  const outcomes = useOutcomesStore(pinia)
  registerOutcomeListener(event => outcomes.report(event))

  // The <base href> of index.html decides where the app lives; no rebuild per deployment.
  const router = createAppRouter(createWebHistory(new URL(document.baseURI).pathname), session, config.title)
  app.use(router)
  // The session's key refused mid-session (revoked): forget it, back to sign-in, place kept.
  registerUnauthorizedHandler(() => {
    if (!session.signedIn)
      return
    const place = router.currentRoute.value.fullPath
    session.expire()
    void router.replace({ name: 'sign-in', query: place === '/' || place.startsWith('/sign-in') ? {} : { redirect: place } })
  })
  app.mount('#app')
}

void start()
