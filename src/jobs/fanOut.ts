import { isApiError } from '@/api/errors'

/** What happened to one item of a fan-out. */
export type ItemOutcome<I, R> =
  | { item: I, status: 'done', value: R }
  | { item: I, status: 'failed', error: unknown }
  | { item: I, status: 'skipped' }

export interface FanOutProgress {
  /** Items finished, done or failed. */
  finished: number
  total: number
  failed: number
}

export interface FanOutOptions<I, R> {
  items: readonly I[]
  /** Does one item; gets a signal that aborts when the job is cancelled (reads only, see `kind`). */
  run: (item: I, signal: AbortSignal) => Promise<R>
  /**
   * `read`: cancelling aborts requests in flight. `write`: cancelling starts nothing new, but a
   * write already sent is left to finish, so its outcome is known rather than lost.
   */
  kind: 'read' | 'write'
  /** Requests in flight at most. */
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (progress: FanOutProgress) => void
  /** Each outcome as it comes, for partial results. */
  onOutcome?: (outcome: ItemOutcome<I, R>, index: number) => void
  /** When to try an item again after a failure; `retryDelay` (429s waited out, reads retried) by default. */
  retry?: RetryPolicy
  /** The server asked to slow down: nothing new starts for `ms` (to show "waiting…"). */
  onWait?: (ms: number) => void
}

/**
 * Milliseconds to wait before trying an item again after `error` (its `attempt`-th failure),
 * or null to give up. `pauseAll`: nothing else starts meanwhile (the server said "too many").
 */
export type RetryPolicy = (error: unknown, attempt: number, kind: 'read' | 'write') => { ms: number, pauseAll: boolean } | null

export interface RetrySettings {
  /** Tries of one item turned away with 429/503 before it counts as failed. */
  turnedAway: number
  /** Extra tries of a read after a network error, time-out or 5xx (the client has retried too). */
  reads: number
  baseDelayMs: number
  /** A longer wait than this is not waited out: the item fails with the server's words. */
  maxWaitMs: number
}

const retrySettings: RetrySettings = { turnedAway: 5, reads: 2, baseDelayMs: 500, maxWaitMs: 60_000 }

/** Adjusts retry pacing (tests use short delays). */
export function configureFanOut(changes: Partial<RetrySettings>): RetrySettings {
  Object.assign(retrySettings, changes)
  return { ...retrySettings }
}

function backoff(attempt: number): number {
  return Math.min(retrySettings.maxWaitMs, retrySettings.baseDelayMs * 2 ** (attempt - 1))
}

/**
 * The default policy. A 429 or 503 says the server turned the request away without doing it,
 * so reads and writes alike wait (for `Retry-After` when given) and try again, and the whole
 * fan-out pauses on a 429. A read is also tried again after no answer or a 5xx. A write whose
 * answer was lost or refused otherwise is never sent again here: "Retry failed" is a person's call.
 */
export const retryDelay: RetryPolicy = (error, attempt, kind) => {
  if (!isApiError(error, 'http', 'network', 'timeout'))
    return null
  const turnedAway = error.kind === 'http' && (error.status === 429 || error.status === 503)
  if (turnedAway && attempt < retrySettings.turnedAway) {
    const ms = error.retryAfterMs ?? backoff(attempt)
    return ms > retrySettings.maxWaitMs ? null : { ms, pauseAll: error.status === 429 }
  }
  const transient = error.kind !== 'http' || error.status >= 500
  if (kind === 'read' && transient && !turnedAway && attempt <= retrySettings.reads)
    return { ms: backoff(attempt), pauseAll: false }
  return null
}

export interface FanOutResult<I, R> {
  /** One per item, in the items' order; `skipped` for those never started (cancelled). */
  outcomes: ItemOutcome<I, R>[]
  done: number
  failed: number
  skipped: number
  cancelled: boolean
}

/** The default number of requests in flight: few enough for a rate-limited API. */
export const FAN_OUT_CONCURRENCY = 3

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) {
      resolve()
      return
    }
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Runs `run` over every item with bounded concurrency. A failure never stops the rest. Items
 * the server turned away (429/503) are tried again after its wait, and reads after a transient
 * failure (`retry`); other failed writes are retried only when a person asks, with
 * `failedItems`. Cancelling stops waits at once. Resolves when every started item has finished.
 */
export async function fanOut<I, R>(options: FanOutOptions<I, R>): Promise<FanOutResult<I, R>> {
  const { items, run, kind, signal, onProgress, onOutcome, onWait } = options
  const policy = options.retry ?? retryDelay
  const limit = Math.max(1, Math.floor(options.concurrency ?? FAN_OUT_CONCURRENCY))
  const outcomes: ItemOutcome<I, R>[] = items.map(item => ({ item, status: 'skipped' }))
  const reads = new AbortController()
  const onAbort = () => {
    if (kind === 'read')
      reads.abort(signal?.reason)
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  if (signal?.aborted)
    onAbort()
  let next = 0
  let finished = 0
  let failed = 0
  /** Nothing new starts before this time (epoch ms): the server asked to slow down. */
  let resumeAt = 0

  async function attempt(item: I): Promise<ItemOutcome<I, R> | null> {
    for (let tries = 1; ; tries++) {
      await sleep(resumeAt - Date.now(), signal)
      if (signal?.aborted)
        return null
      try {
        return { item, status: 'done', value: await run(item, reads.signal) }
      }
      catch (error) {
        // Cancelled mid-read: not a failure of the item.
        if (kind === 'read' && signal?.aborted)
          return null
        const wait = policy(error, tries, kind)
        if (!wait || signal?.aborted)
          return { item, status: 'failed', error }
        if (wait.pauseAll) {
          resumeAt = Math.max(resumeAt, Date.now() + wait.ms)
          onWait?.(wait.ms)
        }
        else {
          await sleep(wait.ms, signal)
        }
        // A write turned away and then cancelled was never done: it stays "not started".
        if (signal?.aborted)
          return null
      }
    }
  }

  async function worker() {
    while (next < items.length && !signal?.aborted) {
      const index = next++
      const item = items[index]!
      const outcome = await attempt(item)
      if (!outcome)
        continue
      if (outcome.status === 'failed')
        failed++
      outcomes[index] = outcome
      finished++
      onOutcome?.(outcome, index)
      onProgress?.({ finished, total: items.length, failed })
    }
  }

  try {
    onProgress?.({ finished: 0, total: items.length, failed: 0 })
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  }
  finally {
    signal?.removeEventListener('abort', onAbort)
  }
  const done = outcomes.filter(o => o.status === 'done').length
  return { outcomes, done, failed, skipped: items.length - done - failed, cancelled: !!signal?.aborted }
}

/** The items whose outcome was a failure: what "Retry failed" runs again. */
export function failedItems<I, R>(result: FanOutResult<I, R>): I[] {
  return result.outcomes.filter(o => o.status === 'failed').map(o => o.item)
}
