import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { useDebouncedFn } from './useDebouncedFn'
import { useRouteQuery } from './useRouteQuery'

interface State { page: number, name: string }
const parse = (q: LocationQuery): State => ({ page: Number(q.page ?? 1) || 1, name: typeof q.name === 'string' ? q.name : '' })
const serialize = (s: State): LocationQueryRaw => ({ ...(s.page > 1 ? { page: String(s.page) } : {}), ...(s.name ? { name: s.name } : {}) })

describe('useRouteQuery', () => {
  it('reads typed state from the URL and pushes only real changes', async () => {
    let api: ReturnType<typeof useRouteQuery<State>> | undefined
    const Page = defineComponent({
      setup() {
        api = useRouteQuery<State>(parse, serialize)
        return () => h('div')
      },
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/list', component: Page }] })
    await router.push('/list?page=2')
    mount(RouterView, { global: { plugins: [router] } })
    await nextTick()
    expect(api!.state.value).toEqual({ page: 2, name: '' })

    const push = vi.spyOn(router, 'push')
    await api!.update({ page: 2 })
    expect(push).not.toHaveBeenCalled()
    await api!.update({ name: 'team', page: 1 })
    expect(router.currentRoute.value.fullPath).toBe('/list?name=team')
    expect(api!.state.value).toEqual({ page: 1, name: 'team' })
    await api!.update({ page: 3 }, { replace: true })
    expect(router.currentRoute.value.query).toEqual({ page: '3', name: 'team' })
  })
})

describe('useDebouncedFn', () => {
  it('calls once after a pause, flushes and cancels on demand', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const debounced = useDebouncedFn(fn, 100)
    debounced(1)
    debounced(2)
    vi.advanceTimersByTime(99)
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fn).toHaveBeenCalledExactlyOnceWith(2)
    debounced(3)
    debounced.flush()
    expect(fn).toHaveBeenLastCalledWith(3)
    debounced(4)
    debounced.cancel()
    vi.advanceTimersByTime(200)
    expect(fn).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
  })
})
