import type { ListKeysOptions } from './useListKeys'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { useListKeys } from './useListKeys'
import { shortcuts } from './useShortcuts'

const mounted: { unmount: () => void }[] = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

function list(rows: number, extra: Partial<ListKeysOptions> = {}) {
  const focusRow = vi.fn<(index: number) => void>()
  const options = { count: () => rows, focusRow, noun: 'dialog', open: vi.fn(), toggle: vi.fn(), edit: vi.fn(), remove: vi.fn(), ...extra }
  let api!: ReturnType<typeof useListKeys>
  const Host = defineComponent({
    setup() {
      api = useListKeys(options)
      return () => h('div')
    },
  })
  mounted.push(mount(Host, { attachTo: document.body }))
  return { options, api, focusRow }
}

function press(key: string) {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
}

describe('useListKeys', () => {
  it('j and k move through the rows and stop at the ends', () => {
    const { api, focusRow } = list(3)
    press('j')
    expect(api.active.value).toBe(0)
    press('j')
    press('j')
    press('j')
    expect(api.active.value).toBe(2)
    press('k')
    expect(api.active.value).toBe(1)
    expect(focusRow.mock.calls.map(c => c[0])).toEqual([0, 1, 2, 2, 1])
  })

  it('k with no active row starts at the last one', () => {
    const { api } = list(4)
    press('k')
    expect(api.active.value).toBe(3)
  })

  it('Enter, x, e and Delete act on the active row only', () => {
    const { options, api } = list(3)
    press('Enter')
    press('x')
    expect(options.open).not.toHaveBeenCalled()
    expect(options.toggle).not.toHaveBeenCalled()
    api.setActive(1)
    press('Enter')
    press('x')
    press('e')
    press('Delete')
    expect(options.open).toHaveBeenCalledWith(1)
    expect(options.toggle).toHaveBeenCalledWith(1)
    expect(options.edit).toHaveBeenCalledWith(1)
    expect(options.remove).toHaveBeenCalledWith(1)
  })

  it('does nothing on an empty list or when not enabled, and lists only what the screen offers', () => {
    const { options } = list(0)
    press('j')
    expect(options.focusRow).not.toHaveBeenCalled()
    mounted.splice(0).forEach(w => w.unmount())
    const off = list(5, { when: () => false, edit: undefined, remove: undefined })
    press('j')
    expect(off.options.focusRow).not.toHaveBeenCalled()
    expect(shortcuts.value.map(s => s.keys)).toEqual(['j', 'k', 'Enter', 'x'])
  })
})
