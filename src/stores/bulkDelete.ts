import type { ListDialogsQuery } from '@/api/dialogs'
import type { DeleteResult, Dialog } from '@/api/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { explainApiError } from '@/domain'
import { fanOut } from '@/jobs/fanOut'
import { chunkDialogIds, useDialogsStore } from './dialogs'

/** What became of one dialog of a bulk delete. */
export type BulkStatus = 'deleted' | 'not-found' | 'refused' | 'failed' | 'skipped' | 'not-started'

export interface BulkItem {
  id: string
  label: string
  status: BulkStatus
  /** Why, in words: the permission rule for `skipped`, the server's words for `failed`. */
  reason?: string
}

export interface BulkTarget {
  id: string
  label: string
}

type Phase = 'idle' | 'collecting' | 'deleting' | 'done'

function reasonOf(error: unknown): string {
  if (isApiError(error))
    return explainApiError(error).map(e => e.text).join(' ') || error.message
  return error instanceof Error ? error.message : String(error)
}

function outcomesOf(chunk: readonly string[], result: DeleteResult): Map<string, Pick<BulkItem, 'status' | 'reason'>> {
  const out = new Map<string, Pick<BulkItem, 'status' | 'reason'>>()
  for (const id of result.SuccessfullyDeleted.ids) out.set(id, { status: 'deleted' })
  for (const id of result.NotFound.ids) out.set(id, { status: 'not-found', reason: 'Not found: already deleted?' })
  for (const id of result.WrongPermissions.ids) out.set(id, { status: 'refused', reason: 'The server refused: not allowed for the acting user.' })
  for (const id of chunk) {
    if (!out.has(id))
      out.set(id, { status: 'failed', reason: 'The server\'s answer did not mention this dialog.' })
  }
  return out
}

/**
 * Deleting many dialogs (a selection, or every match of a search): the ids are read first when
 * needed, then deleted in as few requests as fit, one after another through the fan-out engine,
 * with "N of M" progress, Cancel (no new request starts; the one in flight finishes, so its
 * outcome is known), and an outcome per dialog. Nothing is repeated unless asked (`rerun`).
 */
export const useBulkDeleteStore = defineStore('bulkDelete', () => {
  const phase = ref<Phase>('idle')
  const force = ref(false)
  /** Dialogs finished (or, while collecting, read) of all. */
  const progress = ref({ finished: 0, total: 0 })
  const items = shallowRef<BulkItem[]>([])
  const cancelled = ref(false)
  /** Why reading the matches failed. */
  const collectError = ref<string | null>(null)
  let controller: AbortController | null = null
  let known = new Map<string, Dialog>()

  const running = computed(() => phase.value === 'collecting' || phase.value === 'deleting')
  const counts = computed(() => {
    const c: Record<BulkStatus, number> = { 'deleted': 0, 'not-found': 0, 'refused': 0, 'failed': 0, 'skipped': 0, 'not-started': 0 }
    for (const item of items.value) c[item.status]++
    return c
  })

  /** Every dialog matching `query`, or null when cancelled or failed (`collectError` says why). */
  async function collect(query: ListDialogsQuery): Promise<Dialog[] | null> {
    controller?.abort()
    controller = new AbortController()
    const own = controller
    phase.value = 'collecting'
    collectError.value = null
    progress.value = { finished: 0, total: 0 }
    try {
      return await useDialogsStore().fetchAllMatches(query, {
        signal: own.signal,
        onProgress: (finished, total) => progress.value = { finished, total },
      })
    }
    catch (error) {
      if (!own.signal.aborted)
        collectError.value = reasonOf(error)
      return null
    }
    finally {
      if (controller === own) {
        controller = null
        phase.value = 'idle'
      }
    }
  }

  /** Deletes `targets`; `skipped` (not allowed for the acting user) are reported, never sent. */
  async function start(targets: readonly BulkTarget[], options: { force: boolean, skipped?: readonly (BulkTarget & { reason: string })[], known?: readonly Dialog[] }) {
    if (running.value)
      return
    known = new Map((options.known ?? []).map(d => [d._id, d]))
    force.value = options.force
    items.value = [
      ...targets.map(t => ({ ...t, status: 'not-started' as const })),
      ...(options.skipped ?? []).map(s => ({ id: s.id, label: s.label, status: 'skipped' as const, reason: s.reason })),
    ]
    await run(targets.map(t => t.id))
  }

  async function run(ids: readonly string[]) {
    const dialogs = useDialogsStore()
    controller = new AbortController()
    const own = controller
    phase.value = 'deleting'
    cancelled.value = false
    const chunks = chunkDialogIds(ids)
    let finished = 0
    progress.value = { finished, total: ids.length }
    const index = new Map(items.value.map((item, i) => [item.id, i]))
    const settle = (updates: Map<string, Pick<BulkItem, 'status' | 'reason'>>) => {
      const next = [...items.value]
      for (const [id, update] of updates) {
        const i = index.get(id)
        if (i !== undefined)
          next[i] = { ...next[i]!, ...update }
      }
      items.value = next
    }
    try {
      const result = await fanOut({
        items: chunks,
        kind: 'write',
        // One request at a time: the order of the list, and Cancel stops after the one in flight.
        concurrency: 1,
        signal: own.signal,
        run: chunk => dialogs.deleteChunk(chunk, { force: force.value, known }),
        onOutcome: (outcome) => {
          const chunk = outcome.item
          finished += chunk.length
          progress.value = { finished, total: ids.length }
          if (outcome.status === 'done')
            settle(outcomesOf(chunk, outcome.value))
          else if (outcome.status === 'failed')
            settle(new Map(chunk.map(id => [id, { status: 'failed' as const, reason: reasonOf(outcome.error) }])))
        },
      })
      cancelled.value = result.cancelled
    }
    finally {
      if (controller === own)
        controller = null
      phase.value = 'done'
    }
  }

  /** Stops a bulk delete: nothing new is sent; the request in flight finishes. Reading matches stops at once. */
  function cancel() {
    controller?.abort()
  }

  /** Runs again the dialogs whose outcome was one of `statuses` (failed: deletes are safe to repeat). */
  async function rerun(statuses: readonly BulkStatus[] = ['failed']) {
    if (running.value)
      return
    const ids = items.value.filter(item => statuses.includes(item.status)).map(item => item.id)
    if (ids.length)
      await run(ids)
  }

  /** Forgets the last outcome. */
  function dismiss() {
    if (!running.value) {
      phase.value = 'idle'
      items.value = []
      cancelled.value = false
    }
  }

  function $reset() {
    controller?.abort()
    controller = null
    phase.value = 'idle'
    force.value = false
    progress.value = { finished: 0, total: 0 }
    items.value = []
    cancelled.value = false
    collectError.value = null
    known = new Map()
  }

  return { phase, force, progress, items, cancelled, collectError, running, counts, collect, start, cancel, rerun, dismiss, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useBulkDeleteStore, import.meta.hot))
