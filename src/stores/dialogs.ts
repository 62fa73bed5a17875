import type { ListDialogsQuery } from '@/api/dialogs'
import type { ApiError } from '@/api/errors'
import type { Dialog, UpdateDialogBody } from '@/api/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { getDialog, listDialogs, updateDialog } from '@/api/dialogs'
import { isApiError } from '@/api/errors'

export const useDialogsStore = defineStore('dialogs', () => {
  const items = shallowRef<Dialog[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  /** The query `items` answers. */
  const query = shallowRef<ListDialogsQuery | null>(null)

  const current = shallowRef<Dialog | null>(null)
  const currentLoading = ref(false)
  const currentError = shallowRef<ApiError | null>(null)

  let listController: AbortController | null = null

  /** Loads one page. A newer call aborts an older one; `signal` aborts it from outside (a view being left). */
  async function fetchDialogs(next: ListDialogsQuery, signal?: AbortSignal) {
    listController?.abort()
    const controller = new AbortController()
    listController = controller
    const onAbort = () => controller.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    loading.value = true
    error.value = null
    try {
      const list = await listDialogs(next, controller.signal)
      items.value = list.items
      total.value = list.total_entries
      query.value = next
    }
    catch (caught) {
      if (listController === controller && !isApiError(caught, 'abort')) {
        error.value = isApiError(caught) ? caught : null
        items.value = []
        total.value = 0
        query.value = next
      }
      throw caught
    }
    finally {
      signal?.removeEventListener('abort', onAbort)
      if (listController === controller) {
        loading.value = false
        listController = null
      }
    }
  }

  /** Loads one dialog for its page. */
  async function fetchDialog(id: string, signal?: AbortSignal) {
    currentLoading.value = true
    currentError.value = null
    if (current.value?._id !== id)
      current.value = items.value.find(d => d._id === id) ?? null
    try {
      current.value = await getDialog(id, signal)
    }
    catch (caught) {
      if (!isApiError(caught, 'abort')) {
        currentError.value = isApiError(caught) ? caught : null
        current.value = null
      }
      throw caught
    }
    finally {
      currentLoading.value = false
    }
  }

  /** Sends one update; the answer becomes the current dialog and replaces it in the loaded page. */
  async function saveDialog(id: string, changes: UpdateDialogBody, signal?: AbortSignal): Promise<Dialog> {
    const updated = await updateDialog(id, changes, signal)
    replaceDialog(updated)
    return updated
  }

  /** Puts a fresh copy of a dialog wherever this store holds it. */
  function replaceDialog(updated: Dialog) {
    if (current.value?._id === updated._id)
      current.value = updated
    if (items.value.some(d => d._id === updated._id))
      items.value = items.value.map(d => d._id === updated._id ? updated : d)
  }

  function $reset() {
    listController?.abort()
    listController = null
    items.value = []
    total.value = 0
    loading.value = false
    error.value = null
    query.value = null
    current.value = null
    currentLoading.value = false
    currentError.value = null
  }

  return { items, total, loading, error, query, current, currentLoading, currentError, fetchDialogs, fetchDialog, saveDialog, replaceDialog, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDialogsStore, import.meta.hot))
