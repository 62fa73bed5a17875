import type { DBSchema, IDBPDatabase, StoreNames } from 'idb'
import type { ActivityEntry, NewActivityEntry } from './types'
import { openDB } from 'idb'

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

/** The database this browser keeps for the desk: its object stores and how each is made. */
interface DeskSchema extends DBSchema {
  activity: { key: number, value: ActivityEntry, indexes: { at: string } }
}

/** Every store the desk needs; a database that lacks one is upgraded by one version to add it. */
const STORES: Record<StoreNames<DeskSchema>, (db: IDBPDatabase<DeskSchema>) => void> = {
  activity: (db) => {
    db.createObjectStore(ACTIVITY_STORE, { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at')
  },
}

function missingStores(db: IDBPDatabase<DeskSchema>): StoreNames<DeskSchema>[] {
  return (Object.keys(STORES) as StoreNames<DeskSchema>[]).filter(name => !db.objectStoreNames.contains(name))
}

function withTimeout<T>(opening: Promise<T>, ms: number, message: string, onLate: (value: T) => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout>
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  // An open that succeeds after the time-out is closed again, so it blocks no later upgrade.
  opening.then(value => setTimeout(() => onLate(value), 0), () => undefined)
  return Promise.race([opening, late]).finally(() => clearTimeout(timer))
}

async function openAt(version?: number): Promise<IDBPDatabase<DeskSchema>> {
  let blockedFail: (error: Error) => void = () => {}
  const blocked = new Promise<never>((_, reject) => {
    blockedFail = reject
  })
  let settled = false
  const opening = openDB<DeskSchema>(ACTIVITY_DB_NAME, version, {
    upgrade(db) {
      for (const name of missingStores(db))
        STORES[name](db)
    },
    // Another tab holds an older version open: wait a little for it to let go, then give up.
    blocked: () => setTimeout(() => blockedFail(new Error('another tab holds an older version of the database open.')), BLOCKED_TIMEOUT_MS),
    // A newer version opened in another tab must not stay blocked by this one.
    blocking: () => undefined,
  })
  // A busy machine can take seconds; only a hung open (or one blocked by another tab) falls back.
  const db = await withTimeout(Promise.race([opening, blocked]), OPEN_TIMEOUT_MS, 'IndexedDB did not open in time.', (late) => {
    if (!settled)
      late.close()
  })
  settled = true
  db.addEventListener('versionchange', () => db.close())
  return db
}

/**
 * Opens the database at whatever version it has; when it exists without a store the desk needs
 * (created by an older desk or by other code sharing the name), upgrades it by one version.
 */
async function openDeskDb(): Promise<IDBPDatabase<DeskSchema>> {
  const db = await openAt()
  if (!missingStores(db).length)
    return db
  const next = db.version + 1
  db.close()
  return await openAt(next)
}

function indexedDbBackend(db: IDBPDatabase<DeskSchema>, max: number): ActivityBackend {
  return {
    kind: 'indexeddb',
    reason: null,
    async add(entry) {
      const tx = db.transaction(ACTIVITY_STORE, 'readwrite')
      const id = await tx.store.add(entry as ActivityEntry)
      let excess = await tx.store.count() - max
      for (let cursor = excess > 0 ? await tx.store.openCursor() : null; cursor && excess > 0; cursor = await cursor.continue()) {
        await cursor.delete()
        excess--
      }
      await tx.done
      return id
    },
    async put(entry) {
      await db.put(ACTIVITY_STORE, entry)
    },
    async all() {
      return (await db.getAll(ACTIVITY_STORE)).reverse()
    },
    async remove(match) {
      const tx = db.transaction(ACTIVITY_STORE, 'readwrite')
      let removed = 0
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        if (match(cursor.value)) {
          await cursor.delete()
          removed++
        }
      }
      await tx.done
      return removed
    },
    async clear() {
      await db.clear(ACTIVITY_STORE)
    },
  }
}

/** IndexedDB when the browser has it and lets us open it; memory otherwise, with the reason. */
export async function openActivityBackend(options: { max?: number } = {}): Promise<ActivityBackend> {
  const max = options.max ?? MAX_ENTRIES
  let available = false
  try {
    available = !!globalThis.indexedDB
  }
  catch {
    // Some browsers throw on merely reading indexedDB in a private window.
  }
  if (!available)
    return createMemoryBackend('This browser offers no IndexedDB here.', max)
  try {
    return indexedDbBackend(await openDeskDb(), max)
  }
  catch (error) {
    return createMemoryBackend(`IndexedDB could not be opened: ${error instanceof Error ? error.message : String(error)}`, max)
  }
}
