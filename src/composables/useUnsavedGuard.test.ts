/* eslint-disable vue/one-component-per-file -- tiny test components */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { useUnsavedGuard } from './useUnsavedGuard'

const dirty = ref(false)
const confirm = vi.fn<() => Promise<boolean>>()

const Editor = defineComponent({
  setup() {
    useUnsavedGuard(() => dirty.value, { confirm })
    return () => h('p', 'editor')
  },
})
const Other = defineComponent({ render: () => h('p', 'other') })

async function setup(signedIn = true) {
  setActivePinia(createPinia())
  useSessionStore().apiKey = signedIn ? 'test-key' : null
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/d/:id', component: Editor },
      { path: '/other', component: Other },
    ],
  })
  await router.push('/d/1')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router] }, attachTo: document.body })
  await router.isReady()
  return { router, wrapper }
}

describe('useUnsavedGuard', () => {
  it('lets a clean page go without asking', async () => {
    dirty.value = false
    confirm.mockReset()
    const { router, wrapper } = await setup()
    await router.push('/other')
    expect(router.currentRoute.value.path).toBe('/other')
    expect(confirm).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('asks before leaving with changes, and stays when told to', async () => {
    dirty.value = true
    confirm.mockReset().mockResolvedValueOnce(false).mockResolvedValueOnce(true)
    const { router, wrapper } = await setup()
    await router.push('/other')
    expect(router.currentRoute.value.path).toBe('/d/1')
    await router.push('/d/2')
    expect(confirm).toHaveBeenCalledTimes(2)
    expect(router.currentRoute.value.path).toBe('/d/2')
    wrapper.unmount()
  })

  it('a query change of the same page keeps the draft without asking', async () => {
    dirty.value = true
    confirm.mockReset()
    const { router, wrapper } = await setup()
    await router.push('/d/1?tab=x')
    expect(router.currentRoute.value.fullPath).toBe('/d/1?tab=x')
    expect(confirm).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('asks the browser before the tab closes, only with changes', async () => {
    const { wrapper } = await setup()
    dirty.value = true
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
    dirty.value = false
    const clean = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(clean)
    expect(clean.defaultPrevented).toBe(false)
    wrapper.unmount()
  })

  it('lets an ended session leave without asking: there is nothing it could save', async () => {
    dirty.value = true
    confirm.mockReset()
    const { router, wrapper } = await setup(false)
    await router.push('/other')
    expect(router.currentRoute.value.path).toBe('/other')
    expect(confirm).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
