import type { CurrentApp } from '@/activity/app'
import type { ActivityBackend } from '@/activity/db'
import type { ActivityActor, ActivityEntry, ActivityInput, ActivityTarget, NewActivityEntry, TrackInput, TrackOptions } from '@/activity/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { appFingerprint, belongsTo } from '@/activity/app'
import { MAX_ENTRIES, openActivityBackend } from '@/activity/db'
import { capSize, scrub, toPlain } from '@/activity/scrub'
import { ApiError } from '@/api/errors'
import { operatorName } from './operator'
import { useSessionStore } from './session'
import { readJson, writeJson } from './storage'
import { useUsersStore } from './users'

export type { ActivityAction, ActivityEntry, ActivityInput, ActivityResult, ActivityTarget, TrackInput, TrackOptions } from '@/activity/types'

/** Where the "forget this browser's log on sign-out" choice is remembered (not a secret). */
export const FORGET_ON_SIGN_OUT_KEY = 'dialog-desk.activity.forget-on-sign-out'

/** Values of the moment of recording, when the session has already changed (sign-in, sign-out). */
export interface ActivityContext {
  at?: string
  apiBase?: string
  actingUserId?: number | null
  operator?: string
  /** More strings that must not be stored (a key typed on the sign-in screen). */
  secrets?: (string | null | undefined)[]
  /**
   * The key of that moment, only to fingerprint the application (never stored); null ties the
   * entry to no application (a sign-in the server refused).
   */
  apiKey?: string | null
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

/** A target that had no ID yet takes the ID of what the request created (a new dialog, a sent message). */
function createdId(target: ActivityTarget, value: unknown): ActivityTarget {
  if (target.id || !value || typeof value !== 'object')
    return target
  const id = (value as { _id?: unknown })._id
  return typeof id === 'string' && id ? { ...target, id } : target
}

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
  const session = useSessionStore()
  /** Every entry this page has read or written, of every application, newest first. */
  const all = shallowRef<ActivityEntry[]>([])
  /** The application signed in to (kept while locked: the lock forgets the key, not the app). */
  const current = shallowRef<CurrentApp | null>(null)
  /** This application's entries, newest first: the log as the screen and the export see it. */
  const entries = computed(() => all.value.filter(e => belongsTo(e, current.value)))
  /** Ids of pending entries this page is still waiting on; other pending ones lost their answer. */
  const running = shallowRef<ReadonlySet<number>>(new Set())
  const loading = ref(false)
  const loaded = ref(false)
  /** Where the log is kept; null until first used. */
  const storage = ref<'indexeddb' | 'memory' | null>(null)
  /** Why the log is in memory only, or why the last write or read failed. */
  const storageNote = ref<string | null>(null)
  const loadError = shallowRef<Error | null>(null)
  const forgetOnSignOut = ref(readJson<unknown>('local', FORGET_ON_SIGN_OUT_KEY) === true)

  let backend: Promise<ActivityBackend> | null = null
  let tempId = 0
  /** Pending entries forgotten on sign-out: their late answers must not bring them back. */
  const dropped = new Set<number>()

  function ready(): Promise<ActivityBackend> {
    backend ??= openActivityBackend().then((opened) => {
      storage.value = opened.kind
      storageNote.value = opened.reason
      return opened
    })
    return backend
  }

  let appTurn = 0
  let appReady: Promise<void> = Promise.resolve()
  watch(() => [session.apiBase, session.apiKey] as const, ([apiBase, apiKey]) => {
    // Locked or signed out: the key is gone, the app it named stays until another one is signed in to.
    if (!apiKey)
      return
    const turn = ++appTurn
    appReady = appFingerprint(apiBase, apiKey).then((app) => {
      if (turn === appTurn)
        current.value = { app, apiBase }
    }, () => undefined)
  }, { immediate: true })

  function setRunning(id: number, on: boolean) {
    const next = new Set(running.value)
    if (on)
      next.add(id)
    else
      next.delete(id)
    running.value = next
  }

  function isRunning(entry: Pick<ActivityEntry, 'id'>): boolean {
    return running.value.has(entry.id)
  }

  function setForgetOnSignOut(on: boolean) {
    forgetOnSignOut.value = on
    writeJson('local', FORGET_ON_SIGN_OUT_KEY, on)
  }

  function actorNow(userId: number | null): ActivityActor {
    const users = useUsersStore()
    return {
      userId,
      label: actingLabel(userId, id => users.userById(id) ? users.nameOf(id) : undefined),
    }
  }

  async function appOf(apiBase: string, context: ActivityContext): Promise<string | undefined> {
    const key = context.apiKey !== undefined ? context.apiKey : session.apiKey
    if (key)
      return await appFingerprint(apiBase, key).catch(() => undefined)
    if (context.apiKey === undefined && current.value?.apiBase === apiBase)
      return current.value.app
    return undefined
  }

  async function build(input: ActivityInput, context: ActivityContext): Promise<NewActivityEntry> {
    const actingUserId = context.actingUserId !== undefined ? context.actingUserId : session.actingUserId
    const operator = context.operator ?? operatorName.value
    const apiBase = context.apiBase ?? session.apiBase
    const secrets = [session.apiKey, context.apiKey, ...(context.secrets ?? [])]
    const at = context.at ?? new Date().toISOString()
    const actingAs = actorNow(actingUserId)
    const app = await appOf(apiBase, context)
    const raw: NewActivityEntry = {
      at,
      ...(operator ? { operator } : {}),
      apiBase,
      ...(app ? { app } : {}),
      actingAs,
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
    return scrub(toPlain(raw) as NewActivityEntry, secrets)
  }

  function show(entry: ActivityEntry) {
    const rest = all.value.filter(e => e.id !== entry.id)
    all.value = [entry, ...rest].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id).slice(0, MAX_ENTRIES)
  }

  function noteWriteFailure(error: unknown) {
    storageNote.value = `The last entry could not be saved in this browser: ${error instanceof Error ? error.message : String(error)}`
  }

  /** Records one mutation (id, time, API base, app, operator and acting user filled in); never rejects. */
  async function record(input: ActivityInput, context: ActivityContext = {}): Promise<ActivityEntry> {
    // Read synchronously, before any await: a sign-out right after must not change who acted.
    const fixed: ActivityContext = {
      ...context,
      at: context.at ?? new Date().toISOString(),
      apiBase: context.apiBase ?? session.apiBase,
      actingUserId: context.actingUserId !== undefined ? context.actingUserId : session.actingUserId,
      apiKey: context.apiKey !== undefined ? context.apiKey : session.apiKey ?? undefined,
    }
    const entry = await build(input, fixed)
    let saved: ActivityEntry
    try {
      const id = await (await ready()).add(entry)
      saved = { ...entry, id }
    }
    catch (error) {
      // The mutation happened whatever the storage says: keep the entry for this visit.
      noteWriteFailure(error)
      saved = { ...entry, id: --tempId }
    }
    show(saved)
    return saved
  }

  /** Completes an entry in place (same id): the outcome of a pending one. */
  async function complete(entry: ActivityEntry, patch: Partial<ActivityInput>): Promise<void> {
    if (dropped.has(entry.id))
      return
    const secrets = [session.apiKey]
    const next = scrub(toPlain({
      ...entry,
      ...patch,
      before: capSize(toPlain(patch.before ?? entry.before)),
      after: capSize(toPlain(patch.after ?? entry.after)),
    }) as ActivityEntry, secrets)
    show(next)
    if (entry.id > 0) {
      try {
        await (await ready()).put(next)
      }
      catch (error) {
        noteWriteFailure(error)
      }
    }
  }

  /**
   * Runs a mutation and records it: first as `pending` (so a reload while the request is out
   * keeps the entry), then the same entry becomes success (with `options.after(value)`), partial,
   * failure with the ApiError's status and server text, or `unknown` when the answer was lost and
   * could not be confirmed. Returns what `run` returned or rethrows what it threw. Waits for each
   * write to storage, but never more than 2 s: slow storage never holds up a request or a result.
   */
  async function track<T>(input: TrackInput, run: () => Promise<T>, options: TrackOptions<T> = {}): Promise<T> {
    const pending = record({ ...input, result: 'pending' }).then((entry) => {
      setRunning(entry.id, true)
      return entry
    })
    await within(pending, TRACK_WAIT_MS)
    const finish = (patch: Partial<ActivityInput>) => within(pending.then(async (entry) => {
      try {
        await complete(entry, patch)
      }
      finally {
        setRunning(entry.id, false)
      }
    }), TRACK_WAIT_MS)

    let value: T
    try {
      value = await run()
    }
    catch (error) {
      const api = error instanceof ApiError ? error : null
      await finish({
        request: input.request ?? (api?.path ? { method: api.method, path: api.path } : undefined),
        result: api?.kind === 'unknown-outcome' ? 'unknown' : 'failure',
        status: api ? api.status : undefined,
        error: error instanceof Error ? error.message : String(error),
      })
      throw error
    }
    let after = input.after
    let partial: string | null | undefined = null
    let target: ActivityTarget = input.target
    try {
      if (options.after)
        after = options.after(value)
      partial = options.partial?.(value)
      target = { ...createdId(target, value), ...options.target?.(value) }
    }
    catch (error) {
      partial = `Could not describe the result: ${error instanceof Error ? error.message : String(error)}`
    }
    await finish({ after, target, result: partial ? 'partial' : 'success', error: partial || undefined })
    return value
  }

  /** Reads the whole log from storage (newest first); call when the Activity screen opens. */
  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      await appReady
      const rows = await (await ready()).all()
      // Entries kept only in memory after a failed write stay visible, and so do completions not yet stored.
      const byId = new Map(rows.map(e => [e.id, e]))
      for (const e of all.value) {
        if (e.id < 0 || running.value.has(e.id) || (byId.get(e.id)?.result === 'pending' && e.result !== 'pending'))
          byId.set(e.id, e)
      }
      all.value = [...byId.values()].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
      loaded.value = true
    }
    catch (error) {
      loadError.value = error instanceof Error ? error : new Error(String(error))
    }
    finally {
      loading.value = false
    }
  }

  /** Deletes this application's entries (the rest of the log is not touched) in storage and here. */
  async function forget(app: CurrentApp | null): Promise<number> {
    const mine = (e: ActivityEntry) => belongsTo(e, app)
    for (const e of all.value) {
      if (running.value.has(e.id) && mine(e))
        dropped.add(e.id)
    }
    const removed = await (await ready()).remove(mine)
    all.value = all.value.filter(e => !mine(e))
    return removed
  }

  /**
   * Deletes this application's entries, in storage too, then records that it did: the log is
   * never silently empty. Other applications' entries stay. The view confirms first.
   */
  async function clear(): Promise<void> {
    await appReady
    const count = entries.value.length
    await forget(current.value)
    await record({
      action: 'log.clear',
      summary: `Cleared the activity log (${count} ${count === 1 ? 'entry' : 'entries'})`,
      target: { kind: 'log', label: 'Activity log' },
      before: { entries: count },
    })
  }

  /**
   * The session ended by signing out: records it, or, when "forget on sign-out" is on, deletes
   * this application's entries from this browser instead (then nothing of it is left behind).
   */
  async function signedOut(input: ActivityInput, context: ActivityContext): Promise<void> {
    if (!forgetOnSignOut.value) {
      await record(input, context)
      return
    }
    const apiBase = context.apiBase ?? session.apiBase
    const app = context.apiKey ? await appFingerprint(apiBase, context.apiKey) : current.value?.app
    if (app)
      await forget({ app, apiBase })
  }

  function $reset() {
    all.value = []
    running.value = new Set()
    loading.value = false
    loaded.value = false
    storage.value = null
    storageNote.value = null
    loadError.value = null
    backend = null
    tempId = 0
    dropped.clear()
  }

  return { entries, current, running, loading, loaded, storage, storageNote, loadError, forgetOnSignOut, isRunning, setForgetOnSignOut, record, track, load, clear, signedOut, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useActivityStore, import.meta.hot))
