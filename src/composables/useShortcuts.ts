import type { Ref } from 'vue'
import { computed, getCurrentInstance, onBeforeUnmount, onMounted, shallowRef } from 'vue'

/** One keyboard shortcut: what to press, what it does, and when it applies. */
export interface Shortcut {
  /** Space-separated steps, each a key with optional `mod+`/`alt+`/`shift+`: 'j', 'g d', 'mod+k', '?', 'Delete'. */
  keys: string
  description: string
  /** Heading in the help sheet: 'General', 'Navigation', 'Lists', 'Messages'… */
  group: string
  handler: (e: KeyboardEvent) => void
  when?: () => boolean
  allowInInput?: boolean
}

interface Entry {
  shortcut: Shortcut
  steps: string[]
}

/** How long the next step of a sequence such as `g d` may wait. */
export const SEQUENCE_TIMEOUT_MS = 1000

const entries = shallowRef<readonly Entry[]>([])

/** What is registered now, one per key combination (the latest registration), for the help sheet. */
export const shortcuts: Readonly<Ref<readonly Shortcut[]>> = computed(() => {
  const seen = new Set<string>()
  const out: Shortcut[] = []
  for (let i = entries.value.length - 1; i >= 0; i--) {
    const entry = entries.value[i]!
    const id = entry.steps.join(' ')
    if (seen.has(id))
      continue
    seen.add(id)
    out.unshift(entry.shortcut)
  }
  return out
})

const MODIFIER_ORDER = ['mod', 'alt', 'shift'] as const
const MODIFIER_ALIASES: Record<string, (typeof MODIFIER_ORDER)[number]> = {
  mod: 'mod',
  ctrl: 'mod',
  control: 'mod',
  cmd: 'mod',
  meta: 'mod',
  alt: 'alt',
  option: 'alt',
  shift: 'shift',
}

/** A step written as 'mod+k' or 'shift+Enter', normalised so it compares with what an event makes. */
function normaliseStep(step: string): string {
  const parts = step === '+' ? ['+'] : step.split(/\+(?!$)/)
  const key = parts.pop()!
  const mods = new Set(parts.map(p => MODIFIER_ALIASES[p.toLowerCase()] ?? p.toLowerCase()))
  return formatStep(key, mods)
}

function formatStep(key: string, mods: Set<string>): string {
  // A printable key already says whether Shift was held ('?' vs '/', 'J' vs 'j'); with Ctrl/Cmd it is a letter.
  const printable = key.length === 1
  const name = printable && mods.has('mod') ? key.toLowerCase() : key
  const prefix = MODIFIER_ORDER.filter(m => mods.has(m) && !(m === 'shift' && printable))
  return [...prefix, name].join('+')
}

/** Splits a shortcut's keys into normalised steps: 'g d' → ['g', 'd']. */
export function parseKeys(keys: string): string[] {
  return keys.trim().split(/\s+/).map(normaliseStep)
}

const KEY_ALIASES: Record<string, string> = {
  // The key labelled "delete" on a Mac keyboard sends Backspace.
  Backspace: 'Delete',
  Esc: 'Escape',
  Spacebar: ' ',
}

function stepOf(e: KeyboardEvent): string | null {
  if (['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Dead', 'Unidentified', 'Process'].includes(e.key))
    return null
  const mods = new Set<string>()
  if (e.ctrlKey || e.metaKey)
    mods.add('mod')
  if (e.altKey)
    mods.add('alt')
  if (e.shiftKey)
    mods.add('shift')
  return formatStep(KEY_ALIASES[e.key] ?? e.key, mods)
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file', 'range', 'color'])

function eventTarget(e: KeyboardEvent): Element | null {
  const first = e.composedPath()[0] ?? e.target
  return first instanceof Element ? first : null
}

function isTyping(el: Element | null): boolean {
  if (!el)
    return false
  const tag = el.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT')
    return true
  if (tag === 'INPUT')
    return !NON_TEXT_INPUTS.has((el as HTMLInputElement).type)
  const editable = el.closest('[contenteditable]')
  return editable !== null && editable.getAttribute('contenteditable') !== 'false'
}

const ACTIVATES_ON_ENTER = 'button, a[href], summary, select, [role="button"], [role="link"], [role="menuitem"], [role="option"], [role="tab"], [role="checkbox"], [role="switch"], [role="combobox"]'

/** Enter and Space already mean "press this" on a button or link; a shortcut must not fire as well. */
function activatesNatively(el: Element | null, step: string): boolean {
  return (step === 'Enter' || step === ' ') && el?.closest(ACTIVATES_ON_ENTER) != null
}

function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"], dialog[open]:modal') !== null
}

let pending: string[] = []
let pendingTimer: ReturnType<typeof setTimeout> | undefined

function clearPending() {
  pending = []
  clearTimeout(pendingTimer)
}

function eligible(entry: Entry, typing: boolean): boolean {
  if (typing && !entry.shortcut.allowInInput)
    return false
  return entry.shortcut.when?.() ?? true
}

function sameSteps(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((s, i) => s === b[i])
}

function startsWith(steps: readonly string[], prefix: readonly string[]) {
  return steps.length > prefix.length && prefix.every((s, i) => s === steps[i])
}

function tryFire(candidate: string[], typing: boolean, e: KeyboardEvent): 'fired' | 'prefix' | 'none' {
  const list = entries.value
  // Later registrations win: a screen's own shortcut over the app's.
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i]!
    if (sameSteps(entry.steps, candidate) && eligible(entry, typing)) {
      e.preventDefault()
      entry.shortcut.handler(e)
      return 'fired'
    }
  }
  if (list.some(entry => startsWith(entry.steps, candidate) && eligible(entry, typing)))
    return 'prefix'
  return 'none'
}

function onKeydown(e: KeyboardEvent) {
  if (e.isComposing)
    return
  const step = stepOf(e)
  if (step === null)
    return
  if (e.defaultPrevented || (modalOpen() && step !== 'Escape')) {
    clearPending()
    return
  }
  const target = eventTarget(e)
  if (activatesNatively(target, step)) {
    clearPending()
    return
  }
  const typing = isTyping(target)
  const candidate = [...pending, step]
  clearPending()
  // After a step that led nowhere, the key may still start or be a shortcut of its own.
  for (const steps of candidate.length > 1 ? [candidate, [step]] : [candidate]) {
    const result = tryFire(steps, typing, e)
    if (result === 'fired')
      return
    if (result === 'prefix') {
      e.preventDefault()
      pending = steps
      pendingTimer = setTimeout(clearPending, SEQUENCE_TIMEOUT_MS)
      return
    }
  }
}

function add(entry: Entry) {
  if (entries.value.length === 0)
    document.addEventListener('keydown', onKeydown)
  entries.value = [...entries.value, entry]
}

function remove(entry: Entry) {
  entries.value = entries.value.filter(e => e !== entry)
  if (entries.value.length === 0) {
    document.removeEventListener('keydown', onKeydown)
    clearPending()
  }
}

/** Registers shortcuts while the calling component is mounted; one document listener serves the whole app. */
export function useShortcuts(list: Shortcut[]): void {
  const own = list.map(shortcut => ({ shortcut, steps: parseKeys(shortcut.keys) }))
  if (!getCurrentInstance()) {
    own.forEach(add)
    return
  }
  onMounted(() => own.forEach(add))
  onBeforeUnmount(() => own.forEach(remove))
}
