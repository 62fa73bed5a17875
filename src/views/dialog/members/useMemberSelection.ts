import type { MemberIndex, MemberRow } from './memberRows'
import type { Actor } from '@/domain'
import { computed, ref } from 'vue'
import { canAddAdmins, canRemoveAdmin, canRemoveOccupant } from '@/domain'
import { bulkCheck } from './memberRows'
import { plural } from './memberRules'

/**
 * The members ticked for a bulk action, what each action would do with them, and why some are
 * left out. Plain IDs in a list (native checkboxes in the rows: 10,000 styled ones cost too much).
 */
export function useMemberSelection(options: {
  shown: () => readonly MemberRow[]
  index: () => MemberIndex
  actor: () => Actor
  isPrivate: () => boolean
}) {
  const checked = ref<number[]>([])
  const checkedSet = computed(() => new Set(checked.value))

  function selectable(row: MemberRow): boolean {
    return row.role !== 'owner' && !options.isPrivate()
  }
  const selectableShown = computed(() => options.shown().filter(selectable))
  const allShownChecked = computed(() => selectableShown.value.length > 0 && selectableShown.value.every(r => checkedSet.value.has(r.id)))
  const someShownChecked = computed(() => selectableShown.value.some(r => checkedSet.value.has(r.id)))

  function toggleOne(id: number, on: boolean) {
    checked.value = on ? [...checked.value.filter(x => x !== id), id] : checked.value.filter(x => x !== id)
  }
  function toggleAllShown(on: boolean) {
    const shown = new Set(selectableShown.value.map(r => r.id))
    const others = checked.value.filter(id => !shown.has(id))
    checked.value = on ? [...others, ...shown] : others
  }
  function drop(ids: readonly number[]) {
    const gone = new Set(ids)
    checked.value = checked.value.filter(id => !gone.has(id))
  }
  /** Keeps only people still in the dialog (after a reload). */
  function keepMembers() {
    const index = options.index()
    checked.value = checked.value.filter(id => index.occupants.has(id) || index.admins.has(id))
  }
  function clear() {
    checked.value = []
  }

  const selectedAdmins = computed(() => checked.value.filter(id => options.index().admins.has(id)))
  const selectedNonAdmins = computed(() => checked.value.filter(id => !options.index().admins.has(id)))
  const removeCheck = computed(() => bulkCheck(options.index(), options.actor(), checked.value, canRemoveOccupant))
  const promoteCheck = computed(() => bulkCheck(options.index(), options.actor(), selectedNonAdmins.value, (a, d, id) => canAddAdmins(a, d, [id])))
  const demoteCheck = computed(() => bulkCheck(options.index(), options.actor(), selectedAdmins.value, canRemoveAdmin))

  return { checked, checkedSet, selectable, selectableShown, allShownChecked, someShownChecked, toggleOne, toggleAllShown, drop, keepMembers, clear, removeCheck, promoteCheck, demoteCheck }
}

export type MemberSelection = ReturnType<typeof useMemberSelection>

/** Why part of the selection is left out of an action, one line per reason. */
export function refusals(check: { denied: Map<string, number[]> }): string[] {
  return [...check.denied].map(([reason, ids]) => `${plural(ids.length, 'selected person', 'selected people')}: ${reason}`)
}
