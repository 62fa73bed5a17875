import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFaults } from '../faults'
import { addUsers, DOC_API_KEY, startTestEmulator } from './helpers'

const auth = { Authorization: `ApiKey ${DOC_API_KEY}` }

describe('parseFaults', () => {
  it('reads rates, latency and retry-after', () => {
    expect(parseFaults('500=0.1,503=0.1,429=0.1,drop=0.05,latency=50-300,retry-after=2')).toEqual({
      rates: { 500: 0.1, 503: 0.1, 429: 0.1, drop: 0.05 },
      latency: [50, 300],
      retryAfterSeconds: 2,
    })
  })
  it('reads lost and none', () => {
    expect(parseFaults('lost=0.2')).toEqual({ rates: { lost: 0.2 }, latency: null })
    expect(parseFaults('none')).toEqual({ rates: {}, latency: null })
  })
  it('refuses unknown faults, bad rates and rates above 1 in total', () => {
    expect(() => parseFaults('404=0.1')).toThrow(/unknown fault/)
    expect(() => parseFaults('500=2')).toThrow(/invalid rate/)
    expect(() => parseFaults('500=0.6,503=0.6')).toThrow(/more than 1/)
    expect(() => parseFaults('latency=300-50')).toThrow(/latency/)
  })
})

describe('fault mode', () => {
  let emu: TestEmulator
  beforeAll(async () => {
    emu = await startTestEmulator({ faults: { rates: { 503: 0.5 }, latency: null, seed: 7, retryAfterSeconds: 2 }, admin: true })
  })
  afterAll(() => emu.stop())

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${emu.url}${path}`, { headers: { ...auth, ...headers } })

  it('leaves /health alone', async () => {
    for (let i = 0; i < 20; i++)
      expect((await get('/health')).status).toBe(200)
  })

  it('injects 503 at about the asked rate, reproducibly with a seed', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 60; i++)
      statuses.push((await get('/users.json')).status)
    const failed = statuses.filter(s => s === 503).length
    expect(failed).toBeGreaterThan(15)
    expect(failed).toBeLessThan(45)
    expect(statuses.every(s => s === 200 || s === 503)).toBe(true)
  })

  it('forces one fault through X-Emulator-Fault, 429 with Retry-After', async () => {
    const limited = await get('/users.json', { 'X-Emulator-Fault': '429' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect((await get('/users.json', { 'X-Emulator-Fault': '500' })).status).toBe(500)
    for (let i = 0; i < 10; i++)
      expect((await get('/users.json', { 'X-Emulator-Fault': 'none' })).status).toBe(200)
  })

  it('drops the connection without an answer', async () => {
    await expect(get('/users.json', { 'X-Emulator-Fault': 'drop' })).rejects.toThrow()
  })

  it('loses the answer of a write it has applied (lost)', async () => {
    const name = `Lost answer ${Date.now()}`
    const post = () => fetch(`${emu.url}/chat/Dialog.json`, {
      method: 'POST',
      headers: { ...auth, 'On-Behalf-Of': '1001', 'Content-Type': 'application/json', 'X-Emulator-Fault': 'lost' },
      body: JSON.stringify({ type: 1, name }),
    })
    addUsers(emu, [1001])
    await expect(post()).rejects.toThrow()
    const list = await (await get(`/chat/Dialog.json?name[ctn]=${encodeURIComponent(name)}`, { 'X-Emulator-Fault': 'none' })).json() as { items: { name: string }[] }
    expect(list.items.map(d => d.name)).toEqual([name])
    const dropped = await fetch(`${emu.url}/chat/Dialog.json`, {
      method: 'POST',
      headers: { ...auth, 'On-Behalf-Of': '1001', 'Content-Type': 'application/json', 'X-Emulator-Fault': 'drop' },
      body: JSON.stringify({ type: 1, name: `${name} dropped` }),
    }).then(() => 'answered', () => 'no answer')
    expect(dropped).toBe('no answer')
    const none = await (await get(`/chat/Dialog.json?name[ctn]=${encodeURIComponent(`${name} dropped`)}`, { 'X-Emulator-Fault': 'none' })).json() as { items: unknown[] }
    expect(none.items).toEqual([])
  })

  it('counts requests and injected faults', async () => {
    const stats = await (await get('/__emulator/faults')).json() as { requests: Record<string, number>, injected: Record<string, number> }
    expect(stats.requests.GET).toBeGreaterThanOrEqual(60)
    expect(stats.injected[429]).toBeGreaterThanOrEqual(1)
    expect(stats.injected.drop).toBeGreaterThanOrEqual(1)
  })

  it('lets a test change the API key when started with admin', async () => {
    const put = await fetch(`${emu.url}/__emulator/api-key`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiKey: 'rotated-key' }) })
    expect(put.status).toBe(200)
    expect((await get('/users.json', { 'X-Emulator-Fault': 'none' })).status).toBe(401)
    await fetch(`${emu.url}/__emulator/api-key`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiKey: DOC_API_KEY }) })
    expect((await get('/users.json', { 'X-Emulator-Fault': 'none' })).status).toBe(200)
  })
})

describe('without fault mode', () => {
  let emu: TestEmulator
  beforeAll(async () => {
    emu = await startTestEmulator()
  })
  afterAll(() => emu.stop())

  it('ignores X-Emulator-Fault and has no admin endpoints', async () => {
    expect((await fetch(`${emu.url}/users.json`, { headers: { ...auth, 'X-Emulator-Fault': '500' } })).status).toBe(200)
    expect((await fetch(`${emu.url}/__emulator/faults`)).status).toBe(404)
    expect((await fetch(`${emu.url}/__emulator/api-key`, { method: 'PUT', body: '{"apiKey":"x"}' })).status).toBe(404)
  })
})
