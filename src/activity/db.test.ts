import type { NewActivityEntry } from './types'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryBackend, openActivityBackend } from './db'

function entry(n: number): NewActivityEntry {
  return {
    at: new Date(Date.UTC(2026, 10, 22, 0, 0, n)).toISOString(),
    apiBase: '/api',
    actingAs: { userId: null, label: 'Account owner (API key)' },
    action: 'dialog.update',
    summary: `Change ${n}`,
    target: { kind: 'dialog', id: `d${n}` },
    result: 'success',
  }
}

afterEach(() => vi.unstubAllGlobals())

describe('activity storage', () => {
  it('falls back to memory without IndexedDB, and says why', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const backend = await openActivityBackend()
    expect(backend.kind).toBe('memory')
    expect(backend.reason).toMatch(/no IndexedDB/)
  })

  it('falls back to memory when IndexedDB refuses to open', async () => {
    vi.stubGlobal('indexedDB', { open: () => { throw new DOMException('denied', 'SecurityError') } })
    const backend = await openActivityBackend()
    expect(backend.kind).toBe('memory')
    expect(backend.reason).toMatch(/could not be opened: denied/)
  })

  it('happy-dom has no IndexedDB, so tests run on the memory log', async () => {
    expect((await openActivityBackend()).kind).toBe('memory')
  })

  it('keeps the newest entries only, newest first, with increasing ids', async () => {
    const backend = createMemoryBackend('test', 3)
    const ids = []
    for (let n = 1; n <= 5; n++)
      ids.push(await backend.add(entry(n)))
    expect(ids).toEqual([1, 2, 3, 4, 5])
    const all = await backend.all()
    expect(all.map(e => e.summary)).toEqual(['Change 5', 'Change 4', 'Change 3'])
    expect(all.map(e => e.id)).toEqual([5, 4, 3])
    await backend.clear()
    expect(await backend.all()).toEqual([])
    expect(await backend.add(entry(6))).toBe(6)
  })

  it('completes an entry in place and removes the entries a predicate picks', async () => {
    const backend = createMemoryBackend('test')
    const id = await backend.add({ ...entry(1), result: 'pending' })
    await backend.add({ ...entry(2), app: 'other' })
    await backend.put({ ...entry(1), id, result: 'success' })
    expect((await backend.all()).map(e => [e.id, e.result])).toEqual([[2, 'success'], [1, 'success']])
    expect(await backend.remove(e => e.app === 'other')).toBe(1)
    expect((await backend.all()).map(e => e.id)).toEqual([1])
  })
})
