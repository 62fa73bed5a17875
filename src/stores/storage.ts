/** Storage that may be missing or refuse writes (private mode, quota, tests). */
export type StorageArea = 'session' | 'local'

function area(which: StorageArea): Storage | null {
  try {
    return which === 'session' ? globalThis.sessionStorage ?? null : globalThis.localStorage ?? null
  }
  catch {
    return null
  }
}

export function readJson<T>(which: StorageArea, key: string): T | null {
  try {
    const text = area(which)?.getItem(key)
    return text ? JSON.parse(text) as T : null
  }
  catch {
    return null
  }
}

export function writeJson(which: StorageArea, key: string, value: unknown): void {
  try {
    area(which)?.setItem(key, JSON.stringify(value))
  }
  catch {
    // A full or disabled storage only costs persistence, never the session in memory.
  }
}

export function removeItem(which: StorageArea, key: string): void {
  try {
    area(which)?.removeItem(key)
  }
  catch {
    // Nothing to forget.
  }
}
