import type { Ref } from 'vue'
import type { Shortcut } from './useShortcuts'
import { ref } from 'vue'
import { useShortcuts } from './useShortcuts'

/** What a list screen lets the keyboard do with its rows; leave out what the list does not offer. */
export interface ListKeysOptions {
  /** The rows shown now. */
  count: () => number
  /** Moves focus to row `index` (and scrolls it into view). */
  focusRow: (index: number) => void
  /** 'dialog', 'message', 'user': used in the help sheet ("Open the dialog"). */
  noun: string
  open?: (index: number) => void
  toggle?: (index: number) => void
  edit?: (index: number) => void
  /** Asks to delete (a confirmation); never deletes at once. */
  remove?: (index: number) => void
  /** What the help sheet says `Delete` does, when it is more than "Delete the {noun}…". */
  removeDescription?: string
  /** Whether the keys apply now (e.g. the list is shown, nothing is being edited). */
  when?: () => boolean
}

/**
 * The one keyboard scheme of every list: `j`/`k` move, `Enter` opens, `x` selects, `e` edits,
 * `Delete` asks to delete, all through the shortcut registry (so the `?` sheet lists them).
 * `active` is the row the keys act on; call `setActive` when a row gets focus by Tab or click.
 */
export function useListKeys(options: ListKeysOptions): { active: Ref<number>, setActive: (index: number) => void } {
  const active = ref(-1)
  const enabled = () => (options.when?.() ?? true) && options.count() > 0

  function setActive(index: number) {
    active.value = index
  }

  function move(step: 1 | -1) {
    const last = options.count() - 1
    const from = active.value < 0 || active.value > last ? (step === 1 ? -1 : last + 1) : active.value
    active.value = Math.min(last, Math.max(0, from + step))
    options.focusRow(active.value)
  }

  /** Runs `act` on the active row, when there is one still shown. */
  function onActive(act: (index: number) => void) {
    return () => {
      if (active.value >= 0 && active.value < options.count())
        act(active.value)
    }
  }

  const { noun } = options
  const list: Shortcut[] = [
    { keys: 'j', description: `Next ${noun}`, group: 'Lists', when: enabled, handler: () => move(1) },
    { keys: 'k', description: `Previous ${noun}`, group: 'Lists', when: enabled, handler: () => move(-1) },
  ]
  if (options.open)
    list.push({ keys: 'Enter', description: `Open the ${noun}`, group: 'Lists', when: enabled, handler: onActive(options.open) })
  if (options.toggle)
    list.push({ keys: 'x', description: `Select or unselect the ${noun}`, group: 'Lists', when: enabled, handler: onActive(options.toggle) })
  if (options.edit)
    list.push({ keys: 'e', description: `Edit the ${noun}`, group: 'Lists', when: enabled, handler: onActive(options.edit) })
  if (options.remove)
    list.push({ keys: 'Delete', description: options.removeDescription ?? `Delete the ${noun}…`, group: 'Lists', when: enabled, handler: onActive(options.remove) })
  useShortcuts(list)
  return { active, setActive }
}
