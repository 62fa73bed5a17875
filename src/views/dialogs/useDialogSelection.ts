import type { Dialog } from '@/api/types'
import { computed, ref, shallowRef, watch } from 'vue'

/**
 * The list's selection: dialogs picked on any page (kept while paging, resizing or sorting), or
 * "every match" of the filters, counted by the server. A change of filters clears it: what is
 * selected is always something the filters shown still match.
 */
export function useDialogSelection(options: { scope: () => string, page: () => readonly Dialog[], total: () => number }) {
  const picked = shallowRef<ReadonlyMap<string, Dialog>>(new Map())
  const allMatches = ref(false)

  function clear() {
    picked.value = new Map()
    allMatches.value = false
  }

  watch(options.scope, clear)

  const count = computed(() => allMatches.value ? options.total() : picked.value.size)
  const pageIds = computed(() => options.page().map(d => d._id))
  const pageAll = computed(() => pageIds.value.length > 0 && pageIds.value.every(id => allMatches.value || picked.value.has(id)))
  const pageSome = computed(() => !pageAll.value && pageIds.value.some(id => allMatches.value || picked.value.has(id)))

  function isSelected(id: string): boolean {
    return allMatches.value || picked.value.has(id)
  }

  /** Every match stops being selected as a whole: the page shown stays picked, as seen. */
  function leaveAllMatches() {
    if (!allMatches.value)
      return
    allMatches.value = false
    picked.value = new Map(options.page().map(d => [d._id, d]))
  }

  function toggle(dialog: Dialog, on = !isSelected(dialog._id)) {
    leaveAllMatches()
    const next = new Map(picked.value)
    if (on)
      next.set(dialog._id, dialog)
    else
      next.delete(dialog._id)
    picked.value = next
  }

  function togglePage(on: boolean) {
    if (!on && allMatches.value) {
      clear()
      return
    }
    leaveAllMatches()
    const next = new Map(picked.value)
    for (const d of options.page()) {
      if (on)
        next.set(d._id, d)
      else
        next.delete(d._id)
    }
    picked.value = next
  }

  function selectAllMatches() {
    allMatches.value = true
  }

  /** Drops dialogs that are gone (deleted). */
  function forget(ids: Iterable<string>) {
    const next = new Map(picked.value)
    for (const id of ids)
      next.delete(id)
    picked.value = next
  }

  return { picked, allMatches, count, pageAll, pageSome, isSelected, toggle, togglePage, selectAllMatches, forget, clear }
}
