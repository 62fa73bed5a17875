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

/**
 * Runs `run` over every item with bounded concurrency. A failure never stops the rest; nothing
 * is retried here (the API client retries reads itself; writes are retried only when a person
 * asks, with `failedItems`). Resolves when every started item has finished.
 */
export async function fanOut<I, R>(options: FanOutOptions<I, R>): Promise<FanOutResult<I, R>> {
  const { items, run, kind, signal, onProgress, onOutcome } = options
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

  async function worker() {
    while (next < items.length && !signal?.aborted) {
      const index = next++
      const item = items[index]!
      let outcome: ItemOutcome<I, R>
      try {
        outcome = { item, status: 'done', value: await run(item, reads.signal) }
      }
      catch (error) {
        if (kind === 'read' && signal?.aborted) {
          // Cancelled mid-read: not a failure of the item.
          continue
        }
        failed++
        outcome = { item, status: 'failed', error }
      }
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
