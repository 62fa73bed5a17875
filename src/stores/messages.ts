import type { ApiError } from '@/api/errors'
import type { MessageMark } from '@/api/messages'
import type { DeleteResult, Message } from '@/api/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { isApiError } from '@/api/errors'
import { downloadBlob } from '@/api/content'
import { createMessage, deleteMessages, listMessages, markMessages, messageDeleteChunks, MESSAGES_PER_REQUEST, updateMessage } from '@/api/messages'
import { mergeDeleteResults } from '@/domain'
import { useActivityStore } from './activity'
import { useSessionStore } from './session'

/** Server-side filters of a dialog's messages. Times are unix seconds. */
export interface MessageFilters {
  /** `message[ctn]` */
  text: string
  senderId: number | null
  /** `date_sent[gte]` */
  from: number | null
  /** `date_sent[lte]` */
  to: number | null
  /** Jump: show messages sent at or before this moment, then older ones. */
  at: number | null
}

export const NO_FILTERS: MessageFilters = Object.freeze({ text: '', senderId: null, from: null, to: null, at: null })

/** A bulk delete's outcome: the server's three lists, plus IDs whose request failed outright. */
export interface DeleteOutcome extends DeleteResult {
  failed: { ids: string[], error: string }[]
}

export interface DeleteProgress {
  done: number
  total: number
}

/** Requests of a bulk delete in flight at once: quick, without flooding the server. */
const DELETE_CONCURRENCY = 3

/** The first words of a text, for activity labels. */
export function snippet(text: string | null | undefined, max = 48): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim()
  if (!t)
    return '(no text)'
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

/** The `date_sent[lte]` of the first page: the tighter of the filter's end and the jump point. */
export function upperBound(filters: MessageFilters): number | undefined {
  const bounds = [filters.to, filters.at].filter((v): v is number => v !== null)
  return bounds.length ? Math.min(...bounds) : undefined
}

/** Whether a message passes the filters as the server would judge them (for a message just sent). */
export function matchesFilters(message: Message, filters: MessageFilters): boolean {
  if (filters.text && !(message.message ?? '').toLowerCase().includes(filters.text.trim().toLowerCase()))
    return false
  if (filters.senderId !== null && message.sender_id !== filters.senderId)
    return false
  if (filters.from !== null && message.date_sent < filters.from)
    return false
  const upper = upperBound(filters)
  return upper === undefined || message.date_sent <= upper
}

/**
 * Where the next older page starts: keyset paging on `date_sent` (`date_sent[lte]` = the oldest
 * loaded second, skipping the messages of that second already loaded), so deletes and new
 * messages never shift the pages and skip stays small however far one scrolls.
 */
export function olderCursor(items: readonly Message[]): { sentTo: number, skip: number } | null {
  const last = items.at(-1)
  if (!last)
    return null
  let skip = 0
  for (let i = items.length - 1; i >= 0 && items[i]!.date_sent === last.date_sent; i--)
    skip++
  return { sentTo: last.date_sent, skip }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export const useMessagesStore = defineStore('messages', () => {
  const dialogId = ref<string | null>(null)
  const filters = shallowRef<MessageFilters>(NO_FILTERS)
  /** Newest first. Shallow: pages are appended by replacing the array. */
  const items = shallowRef<Message[]>([])
  const loading = ref(false)
  const loadingOlder = ref(false)
  /** No older message is left to load. */
  const reachedEnd = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const olderError = shallowRef<ApiError | null>(null)

  let controller: AbortController | null = null
  let loadedIds = new Set<string>()

  function baseQuery(f: MessageFilters) {
    return {
      chatDialogId: dialogId.value!,
      limit: MESSAGES_PER_REQUEST,
      sort: { field: 'date_sent', order: 'desc' } as const,
      textContains: f.text || undefined,
      senderId: f.senderId ?? undefined,
      sentFrom: f.from ?? undefined,
    }
  }

  function link(signal?: AbortSignal): AbortController {
    controller?.abort()
    const own = new AbortController()
    controller = own
    if (signal?.aborted)
      own.abort()
    signal?.addEventListener('abort', () => own.abort(), { once: true })
    return own
  }

  /** Loads the newest page of a dialog's messages under these filters; a newer call cancels an older one. */
  async function load(id: string, next: MessageFilters, signal?: AbortSignal) {
    const own = link(signal)
    dialogId.value = id
    filters.value = next
    items.value = []
    loadedIds = new Set()
    reachedEnd.value = false
    error.value = null
    olderError.value = null
    loading.value = true
    loadingOlder.value = false
    try {
      const page = await listMessages({ ...baseQuery(next), sentTo: upperBound(next) }, own.signal)
      items.value = page.items
      loadedIds = new Set(page.items.map(m => m._id))
      reachedEnd.value = page.items.length < MESSAGES_PER_REQUEST
    }
    catch (caught) {
      if (controller === own && !isApiError(caught, 'abort'))
        error.value = isApiError(caught) ? caught : null
      throw caught
    }
    finally {
      if (controller === own)
        loading.value = false
    }
  }

  /** Appends the next older page; does nothing while loading or at the end. */
  async function loadOlder(signal?: AbortSignal) {
    if (!dialogId.value || loading.value || loadingOlder.value || reachedEnd.value)
      return
    const cursor = olderCursor(items.value)
    if (!cursor)
      return
    const own = controller ?? link(signal)
    loadingOlder.value = true
    olderError.value = null
    try {
      const page = await listMessages({ ...baseQuery(filters.value), ...cursor }, own.signal)
      const fresh = page.items.filter(m => !loadedIds.has(m._id))
      for (const m of fresh)
        loadedIds.add(m._id)
      if (fresh.length)
        items.value = items.value.concat(fresh)
      reachedEnd.value = page.items.length < MESSAGES_PER_REQUEST || fresh.length === 0
    }
    catch (caught) {
      if (!isApiError(caught, 'abort'))
        olderError.value = isApiError(caught) ? caught : null
      throw caught
    }
    finally {
      loadingOlder.value = false
    }
  }

  function replace(updated: Message) {
    items.value = items.value.map(m => m._id === updated._id ? updated : m)
  }

  /** PUT /chat/Message/{id}.json with the new text (update-message.md), recorded with before and after. */
  async function editText(message: Message, text: string): Promise<void> {
    const activity = useActivityStore()
    const body = { message: text, chat_dialog_id: message.chat_dialog_id }
    await activity.track({
      action: 'message.update',
      summary: `Edited message “${snippet(message.message)}”`,
      target: { kind: 'message', id: message._id, dialogId: message.chat_dialog_id, label: snippet(message.message) },
      before: { message: message.message },
      after: { message: text },
      request: { method: 'PUT', path: `/chat/Message/${message._id}.json`, body },
    }, () => updateMessage(message._id, body))
    const current = items.value.find(m => m._id === message._id) ?? message
    replace({ ...current, message: text, updated_at: new Date().toISOString() })
  }

  /** Re-reads one message (by `_id`, still with mark_as_read=0) after a change. */
  async function refresh(id: string): Promise<void> {
    if (!dialogId.value)
      return
    const page = await listMessages({ chatDialogId: dialogId.value, id })
    const fresh = page.items[0]
    if (fresh)
      replace(fresh)
  }

  /** One message of the open dialog by its ID (still with mark_as_read=0), or null when there is none. */
  async function locate(id: string, signal?: AbortSignal): Promise<Message | null> {
    if (!dialogId.value)
      return null
    const page = await listMessages({ chatDialogId: dialogId.value, id }, signal)
    return page.items.find(m => m._id === id) ?? null
  }

  /** The bytes of an attachment's file (Content API, `attachmentBlobPath`), with the API key in the header. */
  function fetchFile(path: string, signal?: AbortSignal) {
    return downloadBlob(path, signal)
  }

  /**
   * Marks one message (ID in the path) or every message of the dialog (no ID) read or delivered
   * for the acting user: the four recipes of update-message.md.
   */
  async function mark(kind: MessageMark, message?: Message): Promise<void> {
    const id = dialogId.value
    if (!id)
      return
    const activity = useActivityStore()
    const session = useSessionStore()
    const body = kind === 'read' ? { read: 1, chat_dialog_id: id } : { delivered: 1, chat_dialog_id: id }
    const word = kind === 'read' ? 'read' : 'delivered'
    await activity.track({
      action: kind === 'read' ? 'message.read' : 'message.delivered',
      summary: message ? `Marked message “${snippet(message.message)}” as ${word}` : `Marked all messages of the dialog as ${word}`,
      target: message
        ? { kind: 'message', id: message._id, dialogId: id, label: snippet(message.message) }
        : { kind: 'message', dialogId: id, label: 'All messages of the dialog' },
      request: { method: 'PUT', path: message ? `/chat/Message/${message._id}.json` : '/chat/Message.json', body },
    }, () => markMessages(id, kind, message?._id))
    if (message) {
      await refresh(message._id).catch(() => undefined)
      return
    }
    // The whole dialog: add the acting user to what is loaded instead of reloading thousands.
    const user = session.actingUserId
    if (user === null)
      return
    const field = kind === 'read' ? 'read_ids' : 'delivered_ids'
    items.value = items.value.map((m) => {
      if (m.sender_id === user || m[field].includes(user))
        return m
      return { ...m, [field]: [...m[field], user], ...(kind === 'read' ? { read: 1 as const } : {}) }
    })
  }

  /**
   * Deletes messages for everyone (`force=1`) or only for the acting user: IDs in the path, as
   * few requests as fit in a safe URL, a few at a time. A single-ID request answers 404/403
   * instead of the three lists; those count as not found / refused. Recorded once, with the IDs.
   */
  async function remove(ids: readonly string[], options: { force: boolean }, onProgress?: (p: DeleteProgress) => void): Promise<DeleteOutcome> {
    const id = dialogId.value
    const activity = useActivityStore()
    const chunks = messageDeleteChunks(ids)
    const total = chunks.reduce((n, c) => n + c.length, 0)
    const labels = new Map(items.value.map(m => [m._id, m.message]))
    const one = ids.length === 1 ? ids[0]! : null

    async function run(): Promise<DeleteOutcome> {
      const results: (DeleteResult | null)[] = Array.from({ length: chunks.length }, () => null)
      const failed: DeleteOutcome['failed'] = []
      const failedChunks = new Set<number>()
      let done = 0
      let next = 0
      onProgress?.({ done, total })
      async function worker() {
        while (next < chunks.length) {
          const index = next++
          const chunk = chunks[index]!
          try {
            results[index] = await deleteMessages(chunk, { force: options.force })
          }
          catch (caught) {
            if (chunk.length === 1 && isApiError(caught, 'http') && caught.status === 404)
              results[index] = { SuccessfullyDeleted: { ids: [] }, NotFound: { ids: chunk }, WrongPermissions: { ids: [] } }
            else if (chunk.length === 1 && isApiError(caught, 'http') && caught.status === 403)
              results[index] = { SuccessfullyDeleted: { ids: [] }, NotFound: { ids: [] }, WrongPermissions: { ids: chunk } }
            else {
              failed.push({ ids: chunk, error: errorText(caught) })
              failedChunks.add(index)
            }
          }
          done += chunk.length
          onProgress?.({ done, total })
        }
      }
      await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, chunks.length) }, worker))
      const answered = chunks.map((_, i) => i).filter(i => !failedChunks.has(i))
      const merged = mergeDeleteResults(answered.map(i => chunks[i]!), answered.map(i => results[i]))
      const gone = new Set([...merged.SuccessfullyDeleted.ids, ...merged.NotFound.ids])
      if (gone.size) {
        items.value = items.value.filter(m => !gone.has(m._id))
        for (const g of gone)
          loadedIds.delete(g)
      }
      if (failed.length && !merged.SuccessfullyDeleted.ids.length && !merged.NotFound.ids.length && !merged.WrongPermissions.ids.length)
        throw new Error(failed[0]!.error)
      return { ...merged, failed }
    }

    const how = options.force ? 'for everyone' : 'for the acting user'
    return activity.track({
      action: 'message.delete',
      summary: one ? `Deleted message “${snippet(labels.get(one))}” ${how}` : `Deleted ${ids.length} messages ${how}`,
      target: { kind: 'message', id: ids[0], ids: [...ids], dialogId: id ?? undefined, label: one ? snippet(labels.get(one)) : `${ids.length} messages` },
      before: one ? { message: labels.get(one) ?? null } : undefined,
      request: { method: 'DELETE', path: `/chat/Message/{ids}.json (${chunks.length} request${chunks.length === 1 ? '' : 's'})`, body: options.force ? { force: 1 } : undefined },
    }, run, {
      // The asked IDs are in the target; here the counts, and the IDs only of what went wrong.
      after: r => ({ deleted: r.SuccessfullyDeleted.ids.length, notFound: r.NotFound.ids, refused: r.WrongPermissions.ids, failed: r.failed.flatMap(f => f.ids) }),
      partial: (r) => {
        const missed = ids.length - r.SuccessfullyDeleted.ids.length
        return missed ? `${missed} of ${ids.length} not deleted (${r.NotFound.ids.length} not found, ${r.WrongPermissions.ids.length} refused, ${r.failed.reduce((n, f) => n + f.ids.length, 0)} failed)` : null
      },
    })
  }

  /** POST /chat/Message.json as the acting user with `send_to_chat=1` (e.g. a moderator notice). */
  async function send(text: string): Promise<Message> {
    const id = dialogId.value
    if (!id)
      throw new Error('No dialog is open.')
    const activity = useActivityStore()
    const body = { chat_dialog_id: id, message: text, send_to_chat: 1 as const }
    const created = await activity.track({
      action: 'message.create',
      summary: `Sent “${snippet(text)}”`,
      target: { kind: 'message', dialogId: id, label: snippet(text) },
      request: { method: 'POST', path: '/chat/Message.json', body },
    }, () => createMessage(body), { after: m => ({ _id: m._id, message: m.message }) })
    if (matchesFilters(created, filters.value) && filters.value.at === null && !loadedIds.has(created._id)) {
      loadedIds.add(created._id)
      items.value = [created, ...items.value]
    }
    return created
  }

  function $reset() {
    controller?.abort()
    controller = null
    loadedIds = new Set()
    dialogId.value = null
    filters.value = NO_FILTERS
    items.value = []
    loading.value = false
    loadingOlder.value = false
    reachedEnd.value = false
    error.value = null
    olderError.value = null
  }

  return { dialogId, filters, items, loading, loadingOlder, reachedEnd, error, olderError, load, loadOlder, editText, refresh, locate, fetchFile, mark, remove, send, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useMessagesStore, import.meta.hot))
