import { describe, expect, it } from 'vitest'
import { failedItems, fanOut } from './fanOut'

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
})
