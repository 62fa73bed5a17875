import type { Dialog, Message } from '@/api/types'
import type { FanOutProgress } from '@/jobs/fanOut'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { listMessages, MESSAGES_PER_REQUEST } from '@/api/messages'
import { failedItems, fanOut } from '@/jobs/fanOut'
import { readAllDialogs } from './userPage'

/** One of their messages, kept small: 50,000 of them must fit in a few MB. */
export interface UserMessageRow {
  id: string
  dialogId: string
  /** Unix seconds. */
  sentAt: number
  text: string
  attachments: number
  senderId: number
}

/** Server-side filters of the fan-out. Times are unix seconds. */
export interface UserMessageFilters {
  text: string
  from: number | null
  to: number | null
}

export const NO_USER_MESSAGE_FILTERS: UserMessageFilters = Object.freeze({ text: '', from: null, to: null })

export interface DialogFailure {
  dialogId: string
  error: string
}

function newerFirst(a: UserMessageRow, b: UserMessageRow): number {
  return b.sentAt - a.sentAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

/** Merges two lists sorted newest first into one (the arguments are not changed). */
export function mergeNewestFirst(a: readonly UserMessageRow[], b: readonly UserMessageRow[]): UserMessageRow[] {
  if (!b.length)
    return [...a]
  if (!a.length)
    return [...b]
  const out: UserMessageRow[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length)
    out[k++] = newerFirst(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!
  while (i < a.length) out[k++] = a[i++]!
  while (j < b.length) out[k++] = b[j++]!
  return out
}

function toRow(m: Message): UserMessageRow {
  return { id: m._id, dialogId: m.chat_dialog_id, sentAt: m.date_sent, text: m.message ?? '', attachments: m.attachments?.length ?? 0, senderId: m.sender_id }
}

/**
 * All of one dialog's messages from the user, newest first: keyset pages on `date_sent` (as the
 * Messages tab pages), read as the user (so only their own dialogs), never marking anything read.
 */
export async function readDialogMessages(userId: number, dialogId: string, filters: UserMessageFilters, signal?: AbortSignal): Promise<UserMessageRow[]> {
  const rows: UserMessageRow[] = []
  const seen = new Set<string>()
  let cursor: { sentTo?: number, skip: number } = { sentTo: filters.to ?? undefined, skip: 0 }
  for (;;) {
    const page = await listMessages({
      chatDialogId: dialogId,
      senderId: userId,
      sort: { field: 'date_sent', order: 'desc' },
      limit: MESSAGES_PER_REQUEST,
      textContains: filters.text || undefined,
      sentFrom: filters.from ?? undefined,
      sentTo: cursor.sentTo,
      skip: cursor.skip || undefined,
    }, signal, { actAs: userId })
    let fresh = 0
    for (const m of page.items) {
      if (!seen.has(m._id)) {
        seen.add(m._id)
        rows.push(toRow(m))
        fresh++
      }
    }
    if (page.items.length < MESSAGES_PER_REQUEST || !fresh)
      return rows
    const last = rows.at(-1)!
    let skip = 0
    for (let i = rows.length - 1; i >= 0 && rows[i]!.sentAt === last.sentAt; i--)
      skip++
    cursor = { sentTo: last.sentAt, skip }
  }
}

/** How often partial results are merged into the list while a fan-out runs: less often once it is long (each merge copies it). */
function flushDelay(rows: number): number {
  return Math.min(1000, Math.max(120, rows / 50))
}

/** Their recent messages across their dialogs: a fan-out, merged newest first into one list. */
export const useUserMessagesStore = defineStore('userMessages', () => {
  const userId = ref<number | null>(null)
  const filters = shallowRef<UserMessageFilters>(NO_USER_MESSAGE_FILTERS)
  /** Newest first. */
  const rows = shallowRef<UserMessageRow[]>([])
  /** Their dialogs, by ID (names and roles for the rows, and the actions' dry runs). */
  const dialogs = shallowRef<ReadonlyMap<string, Dialog>>(new Map())
  const phase = ref<'idle' | 'dialogs' | 'messages' | 'done' | 'cancelled' | 'failed'>('idle')
  const progress = ref<FanOutProgress>({ finished: 0, total: 0, failed: 0 })
  const failures = shallowRef<DialogFailure[]>([])
  /** Why the scan could not start (their dialogs could not be read). */
  const error = ref<string | null>(null)
  /** The server asked to slow down: waiting until this time (epoch ms), for the status line. */
  const waitingUntil = ref(0)

  let controller: AbortController | null = null
  let pending: UserMessageRow[][] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  function flush() {
    timer = null
    if (!pending.length)
      return
    // The new rows are sorted among themselves first, so the long list is copied once a flush.
    const incoming = pending.length === 1 ? pending[0]! : pending.flat().sort(newerFirst)
    pending = []
    rows.value = mergeNewestFirst(rows.value, incoming)
  }

  function add(chunk: UserMessageRow[]) {
    if (!chunk.length)
      return
    pending.push(chunk)
    // The first results show at once; after that, merged a few times a second.
    if (!rows.value.length)
      flush()
    else
      timer ??= setTimeout(flush, flushDelay(rows.value.length))
  }

  async function scan(id: number, over: readonly Dialog[], own: AbortController) {
    phase.value = 'messages'
    const base = progress.value.finished
    const result = await fanOut({
      items: over,
      kind: 'read',
      signal: own.signal,
      run: (d, s) => readDialogMessages(id, d._id, filters.value, s),
      onOutcome: (o) => {
        if (o.status === 'done')
          add(o.value)
      },
      onProgress: (p) => {
        if (controller === own)
          progress.value = { finished: base + p.finished, total: progress.value.total, failed: p.failed }
      },
      onWait: (ms) => {
        waitingUntil.value = Date.now() + ms
      },
    })
    if (controller !== own)
      return
    flush()
    const failedNow = failedItems(result).map((d) => {
      const o = result.outcomes.find(x => x.item === d)
      const why = o && o.status === 'failed' ? o.error : null
      return { dialogId: d._id, error: why instanceof Error ? why.message : String(why) }
    })
    failures.value = [...failures.value, ...failedNow]
    phase.value = result.cancelled ? 'cancelled' : 'done'
  }

  /** Reads their dialogs, then their messages in each (3 requests in flight at most). A new start cancels the last. */
  async function start(id: number, next: UserMessageFilters = filters.value): Promise<void> {
    cancel()
    const own = new AbortController()
    controller = own
    userId.value = id
    filters.value = next
    rows.value = []
    pending = []
    failures.value = []
    error.value = null
    progress.value = { finished: 0, total: 0, failed: 0 }
    phase.value = 'dialogs'
    let over: Dialog[]
    try {
      over = await readAllDialogs(id, own.signal)
    }
    catch (caught) {
      if (controller === own) {
        phase.value = own.signal.aborted ? 'cancelled' : 'failed'
        error.value = own.signal.aborted || isApiError(caught, 'abort') ? null : caught instanceof Error ? caught.message : String(caught)
      }
      return
    }
    if (controller !== own)
      return
    dialogs.value = new Map(over.map(d => [d._id, d]))
    progress.value = { finished: 0, total: over.length, failed: 0 }
    await scan(id, over, own)
  }

  /** Reads again only the dialogs that failed; the rest of the list stays. */
  async function retryFailed(): Promise<void> {
    const id = userId.value
    if (id === null || !failures.value.length)
      return
    const again = failures.value.map(f => dialogs.value.get(f.dialogId)).filter((d): d is Dialog => !!d)
    controller?.abort()
    const own = new AbortController()
    controller = own
    failures.value = []
    progress.value = { finished: progress.value.total - again.length, total: progress.value.total, failed: 0 }
    await scan(id, again, own)
  }

  /** Stops the fan-out: requests in flight are aborted, what was found stays. */
  function cancel() {
    if (controller && (phase.value === 'dialogs' || phase.value === 'messages'))
      phase.value = 'cancelled'
    controller?.abort()
    controller = null
    if (timer)
      clearTimeout(timer)
    flush()
  }

  /** Drops rows of messages that are gone (after a delete). */
  function removeRows(ids: ReadonlySet<string>) {
    rows.value = rows.value.filter(r => !ids.has(r.id))
  }

  function $reset() {
    cancel()
    userId.value = null
    filters.value = NO_USER_MESSAGE_FILTERS
    rows.value = []
    dialogs.value = new Map()
    phase.value = 'idle'
    progress.value = { finished: 0, total: 0, failed: 0 }
    failures.value = []
    error.value = null
    waitingUntil.value = 0
  }

  return { userId, filters, rows, dialogs, phase, progress, failures, error, waitingUntil, start, retryFailed, cancel, removeRows, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useUserMessagesStore, import.meta.hot))
