import type { ActivityBackend } from '@/activity/db'
import type { ActivityActor, ActivityEntry, ActivityInput, NewActivityEntry, TrackInput, TrackOptions } from '@/activity/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { MAX_ENTRIES, openActivityBackend } from '@/activity/db'
import { operatorName } from '@/activity/operator'
import { capSize, scrub, toPlain } from '@/activity/scrub'
import { ApiError } from '@/api/errors'
import { useSessionStore } from './session'
import { useUsersStore } from './users'

export type { ActivityAction, ActivityEntry, ActivityInput, ActivityResult, ActivityTarget, TrackInput, TrackOptions } from '@/activity/types'

/** Values of the moment of recording, when the session has already changed (sign-in, sign-out). */
export interface ActivityContext {
  at?: string
  apiBase?: string
  actingUserId?: number | null
  operator?: string
  /** More strings that must not be stored (a key typed on the sign-in screen). */
  secrets?: (string | null | undefined)[]
}

/** "Account owner (API key)", or the user's name and ID when known. */
export function actingLabel(userId: number | null, nameOf?: (id: number) => string | undefined): string {
  if (userId === null)
    return 'Account owner (API key)'
  const name = nameOf?.(userId)
  return name ? `${name} (#${userId})` : `User #${userId}`
}

/** How long `track` lets the log hold up a mutation's result when storage is slow; the write goes on after. */
const TRACK_WAIT_MS = 2000

function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    void promise.finally(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

export const useActivityStore = defineStore('activity', () => {
  /** Newest first. Shallow: entries are plain records, replaced, never edited in place. */
  const entries = shallowRef<ActivityEntry[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  /** Where the log is kept; null until first used. */
  const storage = ref<'indexeddb' | 'memory' | null>(null)
  /** Why the log is in memory only, or why the last write or read failed. */
  const storageNote = ref<string | null>(null)
  const loadError = shallowRef<Error | null>(null)

  let backend: Promise<ActivityBackend> | null = null
  let tempId = 0

  function ready(): Promise<ActivityBackend> {
    backend ??= openActivityBackend().then((opened) => {
      storage.value = opened.kind
      storageNote.value = opened.reason
      return opened
    })
    return backend
  }

  function actorNow(userId: number | null): ActivityActor {
    const users = useUsersStore()
    return {
      userId,
      label: actingLabel(userId, id => users.userById(id) ? users.nameOf(id) : undefined),
    }
  }

  function build(input: ActivityInput, context: ActivityContext): NewActivityEntry {
    const session = useSessionStore()
    const actingUserId = context.actingUserId !== undefined ? context.actingUserId : session.actingUserId
    const operator = context.operator ?? operatorName.value
    const raw: NewActivityEntry = {
      at: context.at ?? new Date().toISOString(),
      ...(operator ? { operator } : {}),
      apiBase: context.apiBase ?? session.apiBase,
      actingAs: actorNow(actingUserId),
      action: input.action,
      summary: input.summary,
      target: input.target,
      before: capSize(toPlain(input.before)),
      after: capSize(toPlain(input.after)),
      // Only these three fields: whatever else a caller passes (headers…) is never stored.
      request: input.request
        ? { method: input.request.method, path: input.request.path, body: capSize(toPlain(input.request.body)) }
        : undefined,
      result: input.result ?? 'success',
      status: input.status,
      error: input.error,
    }
    const plain = toPlain(raw) as NewActivityEntry
    return scrub(plain, [session.apiKey, ...(context.secrets ?? [])])
  }

  /** Records one mutation (id, time, API base, operator and acting user filled in); never rejects. */
  async function record(input: ActivityInput, context: ActivityContext = {}): Promise<ActivityEntry> {
    const entry = build(input, context)
    let saved: ActivityEntry
    try {
      const id = await (await ready()).add(entry)
      saved = { ...entry, id }
    }
    catch (error) {
      // The mutation happened whatever the storage says: keep the entry for this visit.
      storageNote.value = `The last entry could not be saved in this browser: ${error instanceof Error ? error.message : String(error)}`
      saved = { ...entry, id: --tempId }
    }
    entries.value = [saved, ...entries.value].slice(0, MAX_ENTRIES)
    return saved
  }

  /**
   * Runs a mutation and records it: success (with `options.after(value)`), or failure with the
   * ApiError's status and server text; returns what `run` returned or rethrows what it threw.
   * Waits for the entry to be stored, but never more than 2 s: slow storage never holds up a result.
   */
  async function track<T>(input: TrackInput, run: () => Promise<T>, options: TrackOptions<T> = {}): Promise<T> {
    let value: T
    try {
      value = await run()
    }
    catch (error) {
      const api = error instanceof ApiError ? error : null
      await within(record({
        ...input,
        request: input.request ?? (api?.path ? { method: api.method, path: api.path } : undefined),
        result: 'failure',
        status: api ? api.status : undefined,
        error: error instanceof Error ? error.message : String(error),
      }), TRACK_WAIT_MS)
      throw error
    }
    let after = input.after
    let partial: string | null | undefined = null
    try {
      if (options.after)
        after = options.after(value)
      partial = options.partial?.(value)
    }
    catch (error) {
      partial = `Could not describe the result: ${error instanceof Error ? error.message : String(error)}`
    }
    await within(record({ ...input, after, result: partial ? 'partial' : 'success', error: partial || undefined }), TRACK_WAIT_MS)
    return value
  }

  /** Reads the whole log from storage (newest first); call when the Activity screen opens. */
  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      const rows = await (await ready()).all()
      // Entries kept only in memory after a failed write stay visible.
      const unsaved = entries.value.filter(e => e.id < 0)
      entries.value = [...unsaved, ...rows].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
      loaded.value = true
    }
    catch (error) {
      loadError.value = error instanceof Error ? error : new Error(String(error))
    }
    finally {
      loading.value = false
    }
  }

  /**
   * Deletes every entry, in storage too, then records that it did: the log is never silently
   * empty. The view confirms first.
   */
  async function clear(): Promise<void> {
    const count = entries.value.length
    await (await ready()).clear()
    entries.value = []
    await record({
      action: 'log.clear',
      summary: `Cleared the activity log (${count} ${count === 1 ? 'entry' : 'entries'})`,
      target: { kind: 'log', label: 'Activity log' },
      before: { entries: count },
    })
  }

  function $reset() {
    entries.value = []
    loading.value = false
    loaded.value = false
    storage.value = null
    storageNote.value = null
    loadError.value = null
    backend = null
    tempId = 0
  }

  return { entries, loading, loaded, storage, storageNote, loadError, record, track, load, clear, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useActivityStore, import.meta.hot))
