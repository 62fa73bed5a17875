import type { Ref } from 'vue'
import type { Message } from '@/api/types'
import { computed, shallowRef } from 'vue'
import { rangeBetween } from './messagesQuery'

/** Selected messages by ID: click, shift-click ranges from the last click, all loaded, and pruning of deleted ones. */
export function useSelection(items: Readonly<Ref<readonly Message[]>>) {
  const selected = shallowRef(new Set<string>())
  let anchor: number | null = null

  function select(index: number, shift: boolean) {
    const list = items.value
    const next = new Set(selected.value)
    const on = !next.has(list[index]!._id)
    const range = shift && anchor !== null && anchor < list.length ? rangeBetween(anchor, index) : [index]
    for (const i of range) {
      if (on)
        next.add(list[i]!._id)
      else
        next.delete(list[i]!._id)
    }
    anchor = index
    selected.value = next
  }

  const allSelected = computed(() => items.value.length > 0 && items.value.every(m => selected.value.has(m._id)))

  function toggleAll() {
    selected.value = allSelected.value ? new Set() : new Set(items.value.map(m => m._id))
    anchor = null
  }

  function clear() {
    selected.value = new Set()
    anchor = null
  }

  /** Drops IDs no longer loaded (after a delete). */
  function prune() {
    const loaded = new Set(items.value.map(m => m._id))
    selected.value = new Set([...selected.value].filter(id => loaded.has(id)))
  }

  const chosen = () => items.value.filter(m => selected.value.has(m._id))

  return { selected, allSelected, select, toggleAll, clear, prune, chosen }
}
