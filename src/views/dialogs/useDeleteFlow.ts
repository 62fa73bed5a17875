import type { useDialogSelection } from './useDialogSelection'
import type { ListDialogsQuery } from '@/api/dialogs'
import type { Dialog } from '@/api/types'
import type { useBulkDeleteStore } from '@/stores/bulkDelete'
import { useMessage } from 'naive-ui'
import { getActivePinia } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { dialogDisplayName } from '@/domain/format'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'
import { bulkHeadline } from './bulkText'

type Mode = 'for-me' | 'for-everyone'
type BulkStore = ReturnType<typeof useBulkDeleteStore>

/**
 * Deleting from the list: one confirmation (the modal), then a bulk job whose progress shows in
 * the bar and whose outcome comes as a summary and a toast. The job's store is loaded with the
 * first delete (or at once, when a job of an earlier visit is still there).
 */
export function useDeleteFlow(options: {
  selection: ReturnType<typeof useDialogSelection>
  /** The query of the page shown: "every match" reads all of it. */
  query: () => ListDialogsQuery | null
  /** After a job: the list is loaded again. */
  reload: () => void
}) {
  const { selection } = options
  const session = useSessionStore()
  const users = useUsersStore()
  const message = useMessage()

  const bulk = shallowRef<BulkStore | null>(null)
  async function loadBulk(): Promise<BulkStore> {
    bulk.value ??= (await import('@/stores/bulkDelete')).useBulkDeleteStore()
    return bulk.value
  }
  if (getActivePinia()?.state.value.bulkDelete)
    void loadBulk()

  const running = computed(() => bulk.value?.running ?? false)
  const summaryShown = computed(() => bulk.value?.phase === 'done' && bulk.value.items.length > 0)

  const modalLoaded = ref(false)
  const modalShown = ref(false)
  const modalDialogs = shallowRef<readonly Dialog[]>([])
  const modalMode = ref<Mode>('for-everyone')

  function ask(targets: readonly Dialog[], mode: Mode) {
    modalDialogs.value = targets
    modalMode.value = mode
    modalLoaded.value = true
    modalShown.value = true
  }

  async function askSelection(mode: Mode) {
    const store = await loadBulk()
    if (!selection.allMatches.value) {
      ask([...selection.picked.value.values()], mode)
      return
    }
    const query = options.query()
    const all = query ? await store.collect(query) : null
    if (all)
      ask(all, mode)
    else if (store.collectError)
      message.error(`Could not read the matches: ${store.collectError}`)
  }

  /** The Delete key on a row: that row, or the whole selection when the row is part of it. */
  function askRow(dialog: Dialog) {
    const mode = session.actingUserId === null ? 'for-everyone' : 'for-me'
    if (selection.isSelected(dialog._id) && selection.count.value > 1) {
      void askSelection(mode)
      return
    }
    void loadBulk()
    ask([dialog], mode)
  }

  function label(d: Dialog) {
    return dialogDisplayName(d, id => users.nameOf(id), session.actingUserId)
  }

  async function confirm(allowed: Dialog[], skipped: { dialog: Dialog, reason: string }[]) {
    const store = await loadBulk()
    await store.start(allowed.map(d => ({ id: d._id, label: label(d) })), {
      force: modalMode.value === 'for-everyone',
      skipped: skipped.map(s => ({ id: s.dialog._id, label: label(s.dialog), reason: s.reason })),
      known: allowed,
    })
  }

  watch(() => bulk.value?.phase, (phase, before) => {
    const store = bulk.value
    if (!store || phase !== 'done' || before !== 'deleting')
      return
    if (selection.allMatches.value)
      selection.clear()
    else
      selection.forget(store.items.filter(i => i.status === 'deleted' || i.status === 'not-found').map(i => i.id))
    const text = bulkHeadline(store.items, store.force, store.cancelled)
    if (store.items.every(i => i.status === 'deleted'))
      message.success(text)
    else
      message.warning(text)
    options.reload()
  })

  return { running, summaryShown, modalLoaded, modalShown, modalDialogs, modalMode, askSelection, askRow, confirm }
}
