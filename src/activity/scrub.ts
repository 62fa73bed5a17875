/** Put where a value contained the API key. */
export const REDACTED = '[removed: contained the API key]'

/** Largest before/after/body kept whole, in JSON characters; bigger ones keep a preview. */
export const MAX_VALUE_CHARS = 20_000

const MAX_DEPTH = 12
/** Properties never kept at any depth: headers carry the key and On-Behalf-Of. */
const DROPPED_KEYS = /^(?:headers|authorization|on-behalf-of|api[-_]?key|token)$/i

/**
 * A JSON-safe copy: dates as ISO text, bigints as text, no functions or symbols, cycles and
 * extreme depth replaced by a marker. IndexedDB, JSON export and the screen all take it as is.
 */
export function toPlain(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean')
    return value
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint')
    return value.toString()
  if (typeof value !== 'object')
    return undefined
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (seen.has(value))
    return '[circular]'
  if (depth >= MAX_DEPTH)
    return '[too deep]'
  seen.add(value)
  try {
    if (value instanceof Error)
      return { name: value.name, message: value.message }
    if (value instanceof Map)
      return toPlain(Object.fromEntries(value), depth, seen)
    if (Array.isArray(value) || value instanceof Set)
      return [...value].map(item => toPlain(item, depth + 1, seen) ?? null)
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const plain = toPlain(item, depth + 1, seen)
      if (plain !== undefined)
        out[key] = plain
    }
    return out
  }
  finally {
    seen.delete(value)
  }
}

function leaks(text: string, secrets: readonly string[]): boolean {
  return secrets.some(secret => text.includes(secret))
}

/**
 * Removes every trace of the secrets from a plain value: a string containing one becomes
 * `REDACTED`, a property whose name contains one is dropped, and so are header-like properties.
 */
export function scrub<T>(value: T, secrets: readonly (string | null | undefined)[]): T {
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0)
  return scrubWith(value, list) as T
}

function scrubWith(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string')
    return leaks(value, secrets) ? REDACTED : value
  if (Array.isArray(value))
    return value.map(item => scrubWith(item, secrets))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (DROPPED_KEYS.test(key) || leaks(key, secrets))
        continue
      out[key] = scrubWith(item, secrets)
    }
    return out
  }
  return value
}

/** Keeps a big value as a preview so one huge payload cannot fill the log. */
export function capSize(value: unknown, max = MAX_VALUE_CHARS): unknown {
  if (value === undefined)
    return undefined
  const json = JSON.stringify(value)
  if (json === undefined || json.length <= max)
    return value
  return { truncated: true, chars: json.length, preview: json.slice(0, 2000) }
}
