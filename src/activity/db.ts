import type { ActivityEntry, NewActivityEntry } from './types'

export const ACTIVITY_DB_NAME = 'dialog-desk'
export const ACTIVITY_STORE = 'activity'
/**
 * The log keeps the newest entries only: at about 2 KB each, 10,000 entries stay near 20 MB,
 * well inside every browser's IndexedDB quota, and still load in a fraction of a second.
 */
export const MAX_ENTRIES = 10_000

const OPEN_TIMEOUT_MS = 20_000
const BLOCKED_TIMEOUT_MS = 4000

/** Where the log lives: IndexedDB, or this tab's memory when IndexedDB is not available. */
export interface ActivityBackend {
  readonly kind: 'indexeddb' | 'memory'
  /** Why the log is kept in memory only. */
  readonly reason: string | null
  /** Stores an entry, drops the oldest beyond the bound, and returns the new id. */
  add: (entry: NewActivityEntry) => Promise<number>
  /** Replaces the entry with the same id (a pending entry completed); stores it again if it was dropped. */
  put: (entry: ActivityEntry) => Promise<void>
  /** Every entry, newest first. */
  all: () => Promise<ActivityEntry[]>
  /** Deletes the entries `match` picks and returns how many went. */
  remove: (match: (entry: ActivityEntry) => boolean) => Promise<number>
  clear: () => Promise<void>
}

/** The log in memory: for tests and browsers without IndexedDB. Lost on reload. */
export function createMemoryBackend(reason: string, max = MAX_ENTRIES): ActivityBackend {
  let rows: ActivityEntry[] = []
  let next = 1
  return {
    kind: 'memory',
    reason,
    async add(entry) {
      const id = next++
      rows.push({ ...entry, id })
      if (rows.length > max)
        rows = rows.slice(rows.length - max)
      return id
    },
    async put(entry) {
      const at = rows.findIndex(row => row.id === entry.id)
      if (at >= 0)
        rows[at] = { ...entry }
      else
        rows = [...rows, { ...entry }].sort((a, b) => a.id - b.id)
    },
    async all() {
      return [...rows].reverse()
    },
    async remove(match) {
      const kept = rows.filter(row => !match(row))
      const removed = rows.length - kept.length
      rows = kept
      return removed
    },
    async clear() {
      rows = []
    },
  }
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

function openDb(factory: IDBFactory, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (error: unknown) => {
      if (settled)
        return
      settled = true
      clearTimeout(timer)
      reject(error)
    }
    // A busy machine can take seconds; only a hung open (or one blocked by another tab) falls back.
    const timer = setTimeout(() => fail(new Error('IndexedDB did not open in time.')), OPEN_TIMEOUT_MS)
    const request = version === undefined ? factory.open(ACTIVITY_DB_NAME) : factory.open(ACTIVITY_DB_NAME, version)
    request.onblocked = () => setTimeout(() => fail(new Error('another tab holds an older version of the database open.')), BLOCKED_TIMEOUT_MS)
    request.onupgradeneeded = () => {
      const db = request.result
      if (!db.objectStoreNames.contains(ACTIVITY_STORE)) {
        const store = db.createObjectStore(ACTIVITY_STORE, { keyPath: 'id', autoIncrement: true })
        store.createIndex('at', 'at')
      }
    }
    request.onsuccess = () => {
      const db = request.result
      if (settled) {
        db.close()
        return
      }
      settled = true
      clearTimeout(timer)
      // A newer version opened in another tab must not stay blocked by this one.
      db.onversionchange = () => db.close()
      resolve(db)
    }
    request.onerror = () => fail(request.error ?? new Error('IndexedDB could not be opened.'))
  })
}

/**
 * Opens the database at whatever version it has; when it exists without the activity store
 * (created by other code sharing the name), upgrades it by one version to add the store.
 */
async function openActivityDb(factory: IDBFactory): Promise<IDBDatabase> {
  const db = await openDb(factory)
  if (db.objectStoreNames.contains(ACTIVITY_STORE))
    return db
  const next = db.version + 1
  db.close()
  return await openDb(factory, next)
}

function indexedDbBackend(db: IDBDatabase, max: number): ActivityBackend {
  return {
    kind: 'indexeddb',
    reason: null,
    async add(entry) {
      const tx = db.transaction(ACTIVITY_STORE, 'readwrite')
      const store = tx.objectStore(ACTIVITY_STORE)
      const added = store.add(entry)
      const count = store.count()
      count.onsuccess = () => {
        let excess = count.result - max
        if (excess <= 0)
          return
        const cursor = store.openCursor()
        cursor.onsuccess = () => {
          const c = cursor.result
          if (!c || excess <= 0)
            return
          c.delete()
          excess--
          c.continue()
        }
      }
      await finished(tx)
      return added.result as number
    },
    async put(entry) {
      const tx = db.transaction(ACTIVITY_STORE, 'readwrite')
      tx.objectStore(ACTIVITY_STORE).put(entry)
      await finished(tx)
    },
    async all() {
      const tx = db.transaction(ACTIVITY_STORE, 'readonly')
      const rows = await done(tx.objectStore(ACTIVITY_STORE).getAll()) as ActivityEntry[]
      return rows.reverse()
    },
    async remove(match) {
      const tx = db.transaction(ACTIVITY_STORE, 'readwrite')
      const cursor = tx.objectStore(ACTIVITY_STORE).openCursor()
      let removed = 0
      cursor.onsuccess = () => {
        const c = cursor.result
        if (!c)
          return
        if (match(c.value as ActivityEntry)) {
          c.delete()
          removed++
        }
        c.continue()
      }
      await finished(tx)
      return removed
    },
    async clear() {
      const tx = db.transaction(ACTIVITY_STORE, 'readwrite')
      tx.objectStore(ACTIVITY_STORE).clear()
      await finished(tx)
    },
  }
}

/** IndexedDB when the browser has it and lets us open it; memory otherwise, with the reason. */
export async function openActivityBackend(options: { factory?: IDBFactory | null, max?: number } = {}): Promise<ActivityBackend> {
  const max = options.max ?? MAX_ENTRIES
  let factory: IDBFactory | null | undefined = options.factory
  if (factory === undefined) {
    try {
      factory = globalThis.indexedDB ?? null
    }
    catch {
      factory = null
    }
  }
  if (!factory)
    return createMemoryBackend('This browser offers no IndexedDB here.', max)
  try {
    return indexedDbBackend(await openActivityDb(factory), max)
  }
  catch (error) {
    return createMemoryBackend(`IndexedDB could not be opened: ${error instanceof Error ? error.message : String(error)}`, max)
  }
}
