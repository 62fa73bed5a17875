import type { Shortcut } from './useShortcuts'
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { parseKeys, SEQUENCE_TIMEOUT_MS, shortcuts, useShortcuts } from './useShortcuts'

type Spec = Partial<Shortcut> & Pick<Shortcut, 'keys'>

function withShortcuts(list: Spec[], children: () => ReturnType<typeof h>[] = () => []) {
  const full = list.map(s => ({ description: s.keys, group: 'Test', handler: vi.fn(), ...s }))
  const Host = defineComponent({
    setup() {
      useShortcuts(full)
      return () => h('div', children())
    },
  })
  const wrapper = mount(Host, { attachTo: document.body })
  mounted.push(wrapper)
  return { wrapper, handlers: full.map(s => s.handler as ReturnType<typeof vi.fn>) }
}

const mounted: { unmount: () => void }[] = []

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(e)
  return e
}

beforeEach(() => {
  document.body.innerHTML = ''
})

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
})

describe('parseKeys', () => {
  it('normalises modifiers and sequences', () => {
    expect(parseKeys('g d')).toEqual(['g', 'd'])
    expect(parseKeys('Ctrl+K')).toEqual(['mod+k'])
    expect(parseKeys('shift+mod+Enter')).toEqual(['mod+shift+Enter'])
    expect(parseKeys('?')).toEqual(['?'])
    expect(parseKeys('+')).toEqual(['+'])
  })
})

describe('useShortcuts', () => {
  it('calls the handler for a single key and prevents the browser default', () => {
    const { handlers } = withShortcuts([{ keys: 'j' }])
    const e = press('j')
    expect(handlers[0]).toHaveBeenCalledWith(e)
    expect(e.defaultPrevented).toBe(true)
  })

  it('leaves keys nobody registered alone', () => {
    withShortcuts([{ keys: 'j' }])
    expect(press('q').defaultPrevented).toBe(false)
  })

  it('treats Ctrl and Cmd alike as mod', () => {
    const { handlers } = withShortcuts([{ keys: 'mod+k' }])
    press('k', { ctrlKey: true })
    press('k', { metaKey: true })
    press('k')
    expect(handlers[0]).toHaveBeenCalledTimes(2)
  })

  it('matches shifted characters by the character: ? is shift+/', () => {
    const { handlers } = withShortcuts([{ keys: '?' }, { keys: '/' }])
    press('?', { shiftKey: true })
    expect(handlers[0]).toHaveBeenCalledTimes(1)
    expect(handlers[1]).not.toHaveBeenCalled()
  })

  it('runs a sequence when the second key comes within the timeout', () => {
    vi.useFakeTimers()
    const { handlers } = withShortcuts([{ keys: 'g d' }, { keys: 'g a' }, { keys: 'd' }])
    press('g')
    vi.advanceTimersByTime(SEQUENCE_TIMEOUT_MS - 100)
    press('d')
    expect(handlers[0]).toHaveBeenCalledTimes(1)
    expect(handlers[1]).not.toHaveBeenCalled()
    expect(handlers[2]).not.toHaveBeenCalled()
  })

  it('forgets the first key of a sequence after the timeout', () => {
    vi.useFakeTimers()
    const { handlers } = withShortcuts([{ keys: 'g d' }, { keys: 'd' }])
    press('g')
    vi.advanceTimersByTime(SEQUENCE_TIMEOUT_MS + 1)
    press('d')
    expect(handlers[0]).not.toHaveBeenCalled()
    expect(handlers[1]).toHaveBeenCalledTimes(1)
  })

  it('lets a key that breaks a sequence act on its own', () => {
    const { handlers } = withShortcuts([{ keys: 'g d' }, { keys: 'j' }])
    press('g')
    press('j')
    expect(handlers[1]).toHaveBeenCalledTimes(1)
    press('d')
    expect(handlers[0]).not.toHaveBeenCalled()
  })

  it('ignores keys typed into inputs, textareas, selects and editable text', () => {
    const { handlers } = withShortcuts([{ keys: 'j' }], () => [
      h('input', { id: 'text' }),
      h('textarea', { id: 'area' }),
      h('select', { id: 'sel' }),
      h('div', { id: 'edit', contenteditable: 'true' }, [h('span', { id: 'inner' }, 'x')]),
    ])
    for (const id of ['text', 'area', 'sel', 'inner'])
      press('j', {}, document.getElementById(id)!)
    expect(handlers[0]).not.toHaveBeenCalled()
  })

  it('still acts on a focused checkbox, which is not typing', () => {
    const { handlers } = withShortcuts([{ keys: 'x' }], () => [h('input', { id: 'box', type: 'checkbox' })])
    press('x', {}, document.getElementById('box')!)
    expect(handlers[0]).toHaveBeenCalledTimes(1)
  })

  it('acts in inputs when the shortcut allows it', () => {
    const { handlers } = withShortcuts([{ keys: 'mod+k', allowInInput: true }], () => [h('input', { id: 'text' })])
    press('k', { ctrlKey: true }, document.getElementById('text')!)
    expect(handlers[0]).toHaveBeenCalledTimes(1)
  })

  it('lets Enter on a button press the button rather than run a shortcut', () => {
    const { handlers } = withShortcuts([{ keys: 'Enter' }], () => [h('button', { id: 'b' }, 'Save')])
    press('Enter', {}, document.getElementById('b')!)
    expect(handlers[0]).not.toHaveBeenCalled()
    press('Enter')
    expect(handlers[0]).toHaveBeenCalledTimes(1)
  })

  it('stays quiet while a modal dialog is open, except for Escape', () => {
    const { handlers } = withShortcuts([{ keys: 'j' }, { keys: 'Escape' }], () => [h('div', { 'role': 'dialog', 'aria-modal': 'true' })])
    press('j')
    press('Escape')
    expect(handlers[0]).not.toHaveBeenCalled()
    expect(handlers[1]).toHaveBeenCalledTimes(1)
  })

  it('respects when()', () => {
    let enabled = false
    const { handlers } = withShortcuts([{ keys: 'e', when: () => enabled }])
    press('e')
    enabled = true
    press('e')
    expect(handlers[0]).toHaveBeenCalledTimes(1)
  })

  it('lets the later registration win for the same keys, and falls back when it does not apply', () => {
    let screenApplies = true
    const app = withShortcuts([{ keys: 'Delete', description: 'app' }])
    const screen = withShortcuts([{ keys: 'Delete', description: 'screen', when: () => screenApplies }])
    press('Delete')
    expect(screen.handlers[0]).toHaveBeenCalledTimes(1)
    expect(app.handlers[0]).not.toHaveBeenCalled()
    screenApplies = false
    press('Delete')
    expect(app.handlers[0]).toHaveBeenCalledTimes(1)
  })

  it('treats Backspace (the Mac delete key) as Delete', () => {
    const { handlers } = withShortcuts([{ keys: 'Delete' }])
    press('Backspace')
    expect(handlers[0]).toHaveBeenCalledTimes(1)
  })

  it('registers while mounted and lists what is registered for the help sheet', () => {
    const first = withShortcuts([{ keys: 'j', description: 'Next' }, { keys: '?', description: 'Help' }])
    const second = withShortcuts([{ keys: 'j', description: 'Next message' }])
    expect(shortcuts.value.map(s => s.description)).toEqual(['Help', 'Next message'])
    second.wrapper.unmount()
    expect(shortcuts.value.map(s => s.description)).toEqual(['Next', 'Help'])
    first.wrapper.unmount()
    expect(shortcuts.value).toEqual([])
    press('j')
    expect(first.handlers[0]).not.toHaveBeenCalled()
  })
})
