import type { Context, Hono, MiddlewareHandler } from 'hono'
import type { EmulatorConfig } from './context'

/**
 * A fault the emulator can inject instead of (or before) answering. `drop` closes the connection
 * before the route runs (nothing happens); `lost` runs the route, so a write is applied, and then
 * closes the connection without the answer: the client cannot tell whether it went through.
 */
export type FaultKind = '500' | '503' | '429' | 'drop' | 'lost'

export interface FaultSettings {
  /** Probability (0–1) of each fault per request. */
  rates: Partial<Record<FaultKind, number>>
  /** Extra latency per request, in milliseconds, drawn from [min, max]. */
  latency: [number, number] | null
  /** Seed for a reproducible sequence of faults; random when absent. */
  seed?: number
  /** Seconds sent in `Retry-After` with a 429. */
  retryAfterSeconds?: number
}

const KINDS: readonly FaultKind[] = ['500', '503', '429', 'drop', 'lost']

/** Header a test sends to force one fault (`500`, `503`, `429`, `drop`, `lost`) or none (`none`); honoured only in fault mode. */
export const FAULT_HEADER = 'x-emulator-fault'

/**
 * Parses `500=0.1,503=0.1,429=0.1,drop=0.05,lost=0.05,latency=50-300,retry-after=1`; `none` turns
 * fault mode on with no random faults (only the `X-Emulator-Fault` header). Throws with a readable message.
 */
export function parseFaults(spec: string): FaultSettings {
  const settings: FaultSettings = { rates: {}, latency: null }
  for (const part of spec.split(',').map(p => p.trim()).filter(Boolean)) {
    if (part === 'none')
      continue
    const [key, value = ''] = part.split('=', 2).map(s => s.trim())
    if (key === 'latency') {
      const match = /^(\d+)(?:-(\d+))?$/.exec(value)
      if (!match) throw new Error(`invalid latency "${value}" (e.g. 50-300)`)
      const min = Number(match[1])
      const max = match[2] === undefined ? min : Number(match[2])
      if (max < min) throw new Error(`invalid latency "${value}" (min above max)`)
      settings.latency = [min, max]
    }
    else if (key === 'retry-after') {
      if (!/^\d+$/.test(value)) throw new Error(`invalid retry-after "${value}" (whole seconds)`)
      settings.retryAfterSeconds = Number(value)
    }
    else if ((KINDS as readonly string[]).includes(key!)) {
      const rate = Number(value)
      if (value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`invalid rate "${value}" for ${key} (0 to 1)`)
      settings.rates[key as FaultKind] = rate
    }
    else {
      throw new Error(`unknown fault "${key}" (500, 503, 429, drop, lost, latency, retry-after, none)`)
    }
  }
  const total = KINDS.reduce((sum, k) => sum + (settings.rates[k] ?? 0), 0)
  if (total > 1) throw new Error('fault rates add up to more than 1')
  return settings
}

/** mulberry32: small, fast, good enough to make a fault sequence repeatable. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What fault mode has done so far: tests read it through `GET /__emulator/faults`. */
export interface FaultStats {
  requests: Record<string, number>
  injected: Record<FaultKind, number>
}

interface NodeEnv {
  incoming?: { socket?: { destroy: () => void } }
}

function isExempt(path: string): boolean {
  return path === '/health' || path.startsWith('/__emulator')
}

function pathOf(c: Context): string {
  return new URL(c.req.url).pathname
}

/**
 * Fault mode: before a request reaches its route, maybe wait, maybe answer 500/503/429 (with
 * `Retry-After`) or drop the connection. `/health` and `/__emulator/*` are never touched.
 * `X-Emulator-Fault` forces one outcome, so tests can be exact.
 */
export function faultMiddleware(settings: FaultSettings, stats: FaultStats): MiddlewareHandler {
  const random = settings.seed === undefined ? Math.random : seededRandom(settings.seed)
  return async (c, next) => {
    const path = pathOf(c)
    if (isExempt(path) || c.req.method === 'OPTIONS') return next()
    stats.requests[c.req.method] = (stats.requests[c.req.method] ?? 0) + 1

    const forced = c.req.header(FAULT_HEADER)?.trim().toLowerCase()
    let fault: FaultKind | null = null
    if (forced === 'none') {
      return next()
    }
    else if (forced && (KINDS as readonly string[]).includes(forced)) {
      fault = forced as FaultKind
    }
    else {
      if (settings.latency) {
        const [min, max] = settings.latency
        await new Promise(resolve => setTimeout(resolve, min + Math.floor(random() * (max - min + 1))))
      }
      let roll = random()
      for (const kind of KINDS) {
        const rate = settings.rates[kind] ?? 0
        if (roll < rate) {
          fault = kind
          break
        }
        roll -= rate
      }
    }
    if (!fault) return next()
    stats.injected[fault]++
    switch (fault) {
      case 'lost': {
        // The route runs and commits; then the answer is thrown away with the connection.
        await next()
        ;(c.env as NodeEnv | undefined)?.incoming?.socket?.destroy()
        return
      }
      case 'drop': {
        // Close the socket without an answer: the client sees a network error.
        const socket = (c.env as NodeEnv | undefined)?.incoming?.socket
        socket?.destroy()
        c.header('Connection', 'close')
        return c.json({ errors: ['Connection dropped by the emulator\'s fault mode'] }, 502)
      }
      case '429':
        c.header('Retry-After', String(settings.retryAfterSeconds ?? 1))
        return c.json({ errors: ['Too Many Requests (emulator fault mode)'] }, 429)
      case '503':
        return c.json({ errors: ['Service Unavailable (emulator fault mode)'] }, 503)
      case '500':
        return c.json({ errors: ['Internal server error (emulator fault mode)'] }, 500)
    }
  }
}

export interface TestHooks {
  faults?: FaultSettings
  /** Enables `PUT /__emulator/api-key`, so a test can revoke the key mid-session. */
  admin?: boolean
}

/** Mounts fault mode and the admin endpoints when asked; a plain emulator is left untouched. */
export function installTestHooks(app: Hono, config: EmulatorConfig, hooks: TestHooks): void {
  if (hooks.faults) {
    const stats: FaultStats = { requests: {}, injected: { 500: 0, 503: 0, 429: 0, drop: 0, lost: 0 } }
    app.use('*', faultMiddleware(hooks.faults, stats))
    app.get('/__emulator/faults', c => c.json(stats))
  }
  if (hooks.admin) {
    app.put('/__emulator/api-key', async (c) => {
      const body = await c.req.json().catch(() => null) as { apiKey?: unknown } | null
      if (!body || typeof body.apiKey !== 'string' || !body.apiKey) return c.json({ errors: ['apiKey is required'] }, 422)
      config.apiKey = body.apiKey
      return c.json({ ok: true })
    })
  }
}
