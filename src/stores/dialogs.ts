import type { ListDialogsQuery } from '@/api/dialogs'
import type { CreateDialogBody, DeleteResult, Dialog, UpdateDialogBody } from '@/api/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { getDialog, listDialogs } from '@/api/dialogReads'
import { createDialog as postDialog, deleteDialogs as removeDialogs, updateDialog } from '@/api/dialogs'
import { ApiError, isApiError } from '@/api/errors'
import { chunkIdsForPath, mergeDeleteResults } from '@/domain'
import { fanOut } from '@/jobs/fanOut'
import { useActivityStore } from './activity'

// "/chat/Dialog/" + ".json" around the comma-joined ids; the base URL adds little more.
const DELETE_PATH_OVERHEAD = '/chat/Dialog/.json'.length
/** The most dialogs one list request returns (rest-contract §4.2). */
const PAGE_LIMIT = 100

/** Dialog ids in as few DELETE paths as fit: each chunk is one request. */
export function chunkDialogIds(ids: readonly string[]): string[][] {
  return chunkIdsForPath(ids, 1800, DELETE_PATH_OVERHEAD)
}

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
      // A page's first load takes the answer the router started with the route (api/early.ts).
      const list = await listDialogs(next, controller.signal, { early: true })
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
      current.value = await getDialog(id, signal, { early: true })
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

  /** Fetches the server's version again (before a save) without clearing what is shown if that fails. */
  async function refetchDialog(id: string, signal?: AbortSignal): Promise<Dialog> {
    const fresh = await getDialog(id, signal)
    replaceDialog(fresh)
    return fresh
  }

  /** Sends one update; the answer becomes the current dialog and replaces it in the loaded page. */
  async function saveDialog(id: string, changes: UpdateDialogBody, signal?: AbortSignal): Promise<Dialog> {
    const updated = await updateDialog(id, changes, signal)
    replaceDialog(updated)
    return updated
  }

  /** Creates a dialog (as the acting user); the answer becomes the current dialog. */
  async function createDialog(body: CreateDialogBody, signal?: AbortSignal): Promise<Dialog> {
    const created = await postDialog(body, signal)
    current.value = created
    return created
  }

  /**
   * One DELETE for one chunk of ids (`chunkDialogIds`): for the acting user only, or for everyone
   * with `force`, recorded in the activity log. A refused or unknown single id (403/404) lands in
   * the result instead of throwing; other failures throw. `known` names dialogs not on the page.
   */
  async function deleteChunk(chunk: readonly string[], options: { force?: boolean, known?: ReadonlyMap<string, Dialog> } = {}, signal?: AbortSignal): Promise<DeleteResult> {
    const activity = useActivityStore()
    const force = !!options.force
    const known = chunk.map(id => options.known?.get(id) ?? items.value.find(d => d._id === id) ?? (current.value?._id === id ? current.value : null))
    const names = known.map((d, i) => d?.name?.trim() || chunk[i]).join(', ')
    let result: DeleteResult | null
    try {
      result = await activity.track({
        action: 'dialog.delete',
        summary: `${force ? 'Deleted for everyone' : 'Removed from the acting user\'s list'}: ${chunk.length === 1 ? names : `${chunk.length} dialogs`}`,
        target: chunk.length === 1 ? { kind: 'dialog', id: chunk[0]!, label: names } : { kind: 'dialog', id: chunk[0]!, ids: [...chunk], label: names },
        before: known.filter(Boolean),
        request: { method: 'DELETE', path: `/chat/Dialog/${chunk.join(',')}.json`, ...(force ? { body: { force: 1 } } : {}) },
      }, () => removeDialogs(chunk, { force }, signal), {
        after: value => value ?? { SuccessfullyDeleted: { ids: [...chunk] } },
        partial: value => value && value.SuccessfullyDeleted.ids.length < chunk.length
          ? `${chunk.length - value.SuccessfullyDeleted.ids.length} of ${chunk.length} not deleted`
          : null,
      })
    }
    catch (caught) {
      if (chunk.length === 1 && isApiError(caught, 'http') && (caught.status === 403 || caught.status === 404)) {
        const key = caught.status === 404 ? 'NotFound' : 'WrongPermissions'
        result = { SuccessfullyDeleted: { ids: [] }, NotFound: { ids: [] }, WrongPermissions: { ids: [] }, [key]: { ids: [...chunk] } }
      }
      else {
        throw caught
      }
    }
    const merged = mergeDeleteResults([chunk], [result])
    forget(merged.SuccessfullyDeleted.ids)
    return merged
  }

  /**
   * Deletes dialogs in as few paths as fit (rest-contract §4.5), one request at a time. Other
   * failures than a refused or unknown single id throw after the earlier chunks were applied.
   */
  async function deleteDialogs(ids: readonly string[], options: { force?: boolean } = {}, signal?: AbortSignal): Promise<DeleteResult> {
    const chunks = chunkDialogIds(ids)
    const results: DeleteResult[] = []
    for (const chunk of chunks)
      results.push(await deleteChunk(chunk, options, signal))
    return mergeDeleteResults(chunks, results)
  }

  /** Fetches every dialog matching a query (its filters; paging and order are set here), a few pages at a time. */
  async function fetchAllMatches(query: ListDialogsQuery, options: { signal?: AbortSignal, onProgress?: (loaded: number, total: number) => void } = {}): Promise<Dialog[]> {
    const base = { ...query, skip: 0, limit: PAGE_LIMIT }
    const first = await listDialogs(base, options.signal)
    const total = first.total_entries
    const byId = new Map(first.items.map(d => [d._id, d]))
    options.onProgress?.(byId.size, total)
    const skips: number[] = []
    for (let skip = PAGE_LIMIT; skip < total; skip += PAGE_LIMIT)
      skips.push(skip)
    const result = await fanOut({
      items: skips,
      kind: 'read',
      signal: options.signal,
      run: (skip, signal) => listDialogs({ ...base, skip }, signal),
      onOutcome: (outcome) => {
        if (outcome.status === 'done') {
          for (const d of outcome.value.items)
            byId.set(d._id, d)
          options.onProgress?.(byId.size, total)
        }
      },
    })
    const failure = result.outcomes.find(o => o.status === 'failed')
    if (failure)
      throw failure.error
    if (result.cancelled)
      throw new ApiError({ kind: 'abort', messages: ['Cancelled.'] })
    return [...byId.values()]
  }

  /** Drops deleted dialogs from the loaded page (the page of a deleted dialog leaves by itself). */
  function forget(ids: readonly string[]) {
    if (!ids.length)
      return
    const gone = new Set(ids)
    const kept = items.value.filter(d => !gone.has(d._id))
    if (kept.length !== items.value.length) {
      total.value = Math.max(0, total.value - (items.value.length - kept.length))
      items.value = kept
    }
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

  return { items, total, loading, error, query, current, currentLoading, currentError, fetchDialogs, fetchAllMatches, fetchDialog, refetchDialog, saveDialog, createDialog, deleteChunk, deleteDialogs, replaceDialog, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDialogsStore, import.meta.hot))
