import { currentActingUserId } from './client'
import { ApiError } from './errors'

/**
 * Answers asked for before the code that shows them has loaded. The router starts a screen's
 * first request as soon as the route is known, in parallel with the screen's chunks; the `api/`
 * function the store calls then takes that answer instead of asking again. An answer is taken
 * once, only for the same request by the same acting user, and only while fresh.
 */
interface Early {
  promise: Promise<unknown>
  actingUserId: number | null
  at: number
}

/** Older than this, an early answer is dropped and the request made again. */
export const EARLY_FRESH_MS = 5_000
const early = new Map<string, Early>()

/** Starts `run` now and keeps its answer under `key` for the first `takeEarly(key)`. */
export function startEarly(key: string, run: () => Promise<unknown>): void {
  const promise = run()
  // Whoever takes it handles a failure; one nobody takes is dropped quietly.
  promise.catch(() => {})
  early.set(key, { promise, actingUserId: currentActingUserId(), at: Date.now() })
}

/**
 * The early answer for `key`, if one is waiting, was asked for the acting user of now, and is
 * fresh; null otherwise. `signal` cancels the wait (an ApiError of kind abort, as a request's).
 */
export function takeEarly<T>(key: string, path: string, signal?: AbortSignal): Promise<T> | null {
  const entry = early.get(key)
  early.delete(key)
  if (!entry || entry.actingUserId !== currentActingUserId() || Date.now() - entry.at > EARLY_FRESH_MS)
    return null
  const answer = entry.promise as Promise<T>
  if (!signal)
    return answer
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ApiError({ kind: 'abort', method: 'GET', path, cause: signal.reason }))
    if (signal.aborted)
      return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Forgets every waiting answer (sign-out, another key). */
export function clearEarly(): void {
  early.clear()
}
