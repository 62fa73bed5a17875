import { parseKeys } from '@/composables/useShortcuts'

const NAMES: Record<string, string> = {
  ' ': 'Space',
  'Escape': 'Esc',
  'ArrowUp': '↑',
  'ArrowDown': '↓',
  'ArrowLeft': '←',
  'ArrowRight': '→',
}

/** Whether this browser runs on an Apple keyboard, where mod is ⌘. */
export function isApple(platform = globalThis.navigator?.platform ?? ''): boolean {
  return /Mac|iPhone|iPad|iPod/.test(platform)
}

/** A shortcut's keys as the steps to press, each a list of key caps: 'g d' → [['g'], ['d']], 'mod+k' → [['Ctrl', 'K']]. */
export function keyCaps(keys: string, apple = isApple()): string[][] {
  return parseKeys(keys).map(step => {
    const parts = step === '+' ? ['+'] : step.split(/\+(?!$)/)
    return parts.map((part, i) => {
      if (part === 'mod')
        return apple ? '⌘' : 'Ctrl'
      if (part === 'alt')
        return apple ? '⌥' : 'Alt'
      if (part === 'shift')
        return 'Shift'
      const name = NAMES[part] ?? part
      return i > 0 && name.length === 1 ? name.toUpperCase() : name
    })
  })
}

/** What a screen reader or tooltip says for a shortcut: 'g then d', 'Ctrl+K'. */
export function keysLabel(keys: string, apple = isApple()): string {
  return keyCaps(keys, apple).map(step => step.join('+')).join(' then ')
}
