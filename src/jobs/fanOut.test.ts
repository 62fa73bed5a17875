import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import { configureFanOut, failedItems, fanOut, retryDelay } from './fanOut'

beforeEach(() => {
  configureFanOut({ baseDelayMs: 1, maxWaitMs: 60_000, reads: 2, turnedAway: 5 })
})

function httpError(status: number, method = 'GET', retryAfterMs: number | null = null) {
  return new ApiError({ kind: 'http', status, method, retryAfterMs })
}

function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('fanOut', () => {
  it('keeps at most `concurrency` items in flight and returns outcomes in item order', async () => {
    let inFlight = 0
    let most = 0
    const result = await fanOut({
      items: [1, 2, 3, 4, 5, 6, 7],
      kind: 'read',
      concurrency: 3,
      run: async (n) => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise(r => setTimeout(r, (8 - n) * 2))
        inFlight--
        return n * 10
      },
    })
    expect(most).toBe(3)
    expect(result.outcomes.map(o => o.status === 'done' ? o.value : null)).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(result).toMatchObject({ done: 7, failed: 0, skipped: 0, cancelled: false })
  })

  it('a failure never stops the rest; progress counts it; failedItems gives what to retry', async () => {
    const seen: string[] = []
    const result = await fanOut({
      items: ['a', 'b', 'c'],
      kind: 'write',
      concurrency: 1,
      run: async (x) => {
        if (x === 'b')
          throw new Error('refused')
        return x
      },
      onProgress: p => seen.push(`${p.finished}/${p.total} (${p.failed} failed)`),
    })
    expect(seen).toEqual(['0/3 (0 failed)', '1/3 (0 failed)', '2/3 (1 failed)', '3/3 (1 failed)'])
    expect(result).toMatchObject({ done: 2, failed: 1 })
    expect(failedItems(result)).toEqual(['b'])
  })

  it('cancelling reads aborts what is in flight and starts nothing new; partial results stay', async () => {
    const controller = new AbortController()
    const gates = [deferred(), deferred(), deferred(), deferred()]
    const started: number[] = []
    const job = fanOut({
      items: [0, 1, 2, 3],
      kind: 'read',
      concurrency: 2,
      signal: controller.signal,
      run: async (n, signal) => {
        started.push(n)
        signal.addEventListener('abort', () => gates[n]!.reject(new Error('aborted')))
        await gates[n]!.promise
        return n
      },
    })
    gates[0]!.resolve()
    await new Promise(r => setTimeout(r, 0))
    controller.abort()
    const result = await job
    expect(started).toEqual([0, 1, 2])
    expect(result.outcomes.map(o => o.status)).toEqual(['done', 'skipped', 'skipped', 'skipped'])
    expect(result).toMatchObject({ done: 1, failed: 0, skipped: 3, cancelled: true })
  })

  it('cancelling writes lets a sent write finish, so its outcome is known, and sends nothing more', async () => {
    const controller = new AbortController()
    const gate = deferred<string>()
    const sent: string[] = []
    const job = fanOut({
      items: ['x', 'y', 'z'],
      kind: 'write',
      concurrency: 1,
      signal: controller.signal,
      run: async (item, signal) => {
        sent.push(item)
        expect(signal.aborted).toBe(false)
        return item === 'x' ? gate.promise : item
      },
    })
    await new Promise(r => setTimeout(r, 0))
    controller.abort()
    gate.resolve('x done')
    const result = await job
    expect(sent).toEqual(['x'])
    expect(result.outcomes[0]).toEqual({ item: 'x', status: 'done', value: 'x done' })
    expect(result).toMatchObject({ done: 1, skipped: 2, cancelled: true })
  })

  it('an empty list finishes at once', async () => {
    expect(await fanOut({ items: [], kind: 'read', run: async () => 1 })).toMatchObject({ done: 0, failed: 0, skipped: 0 })
  })

  it('waits out a 429 (its Retry-After) and tries the item again; nothing else starts meanwhile', async () => {
    const events: string[] = []
    const waits: number[] = []
    let first = true
    const result = await fanOut({
      items: ['a', 'b', 'c'],
      kind: 'write',
      concurrency: 2,
      onWait: ms => waits.push(ms),
      run: async (x) => {
        events.push(`start ${x}`)
        if (x === 'a' && first) {
          first = false
          throw httpError(429, 'PUT', 20)
        }
        await new Promise(r => setTimeout(r, 1))
        events.push(`end ${x}`)
        return x
      },
    })
    expect(result).toMatchObject({ done: 3, failed: 0 })
    expect(waits).toEqual([20])
    // 'a' was turned away: it and 'c' wait for the pause; 'b' was already under way.
    expect(events.slice(0, 2)).toEqual(['start a', 'start b'])
    expect(events.filter(e => e.startsWith('start'))).toHaveLength(4)
    expect(events.indexOf('start c')).toBeGreaterThan(events.indexOf('end b'))
  })

  it('retries a read after a transient failure, but never a write that may have landed', async () => {
    let reads = 0
    let writes = 0
    const read = await fanOut({
      items: [1],
      kind: 'read',
      run: async () => {
        if (++reads < 3)
          throw new ApiError({ kind: 'network' })
        return 'ok'
      },
    })
    expect(read).toMatchObject({ done: 1, failed: 0 })
    expect(reads).toBe(3)
    const write = await fanOut({
      items: [1],
      kind: 'write',
      run: async () => {
        writes++
        throw new ApiError({ kind: 'network', method: 'PUT' })
      },
    })
    expect(write).toMatchObject({ done: 0, failed: 1 })
    expect(writes).toBe(1)
  })

  it('gives up on a read after its retries and on a refusal at once, with the server\'s error kept', async () => {
    let tries = 0
    const result = await fanOut({
      items: ['flaky', 'refused'],
      kind: 'read',
      concurrency: 1,
      run: async (x) => {
        tries++
        throw x === 'flaky' ? httpError(500) : httpError(403)
      },
    })
    expect(tries).toBe(3 + 1)
    expect(result.outcomes.map(o => o.status === 'failed' && (o.error as ApiError).status)).toEqual([500, 403])
  })

  it('the policy: 429/503 wait (Retry-After first, a 429 pauses all), too long a wait is not waited', () => {
    expect(retryDelay(httpError(429, 'PUT', 1500), 1, 'write')).toEqual({ ms: 1500, pauseAll: true })
    expect(retryDelay(httpError(503, 'DELETE'), 2, 'write')).toEqual({ ms: 2, pauseAll: false })
    expect(retryDelay(httpError(429, 'GET', 120_000), 1, 'read')).toBeNull()
    expect(retryDelay(httpError(429), 5, 'read')).toBeNull()
    expect(retryDelay(httpError(502, 'PUT'), 1, 'write')).toBeNull()
    expect(retryDelay(new ApiError({ kind: 'unknown-outcome', method: 'PUT' }), 1, 'write')).toBeNull()
    expect(retryDelay(new ApiError({ kind: 'abort' }), 1, 'read')).toBeNull()
    expect(retryDelay(new Error('boom'), 1, 'read')).toBeNull()
  })

  it('cancelling during a wait ends the fan-out at once; the waiting item was never done', async () => {
    configureFanOut({ baseDelayMs: 60_000 })
    const controller = new AbortController()
    const job = fanOut({
      items: ['a', 'b'],
      kind: 'write',
      concurrency: 1,
      signal: controller.signal,
      run: async () => {
        throw httpError(503, 'PUT')
      },
    })
    await new Promise(r => setTimeout(r, 0))
    controller.abort()
    expect(await job).toMatchObject({ done: 0, failed: 0, skipped: 2, cancelled: true })
  })
})
