import type { AddressInfo } from 'node:net'
import type { EmulatorConfig } from './context'
import type { DB } from './db'
import type { TestHooks } from './faults'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { DEFAULT_CONFIG } from './context'
import { isEmpty, openDatabase, Statements } from './db'
import { parseOrigins } from './origin'
import { seedDemo } from './seed'
import { IdGenerator } from './util'

export interface StartOptions extends Partial<EmulatorConfig>, TestHooks {
  /** 0 picks a free port. Default 3080. */
  port?: number
  host?: string
  db?: string
  /** Delete the database file (and -wal/-shm) before opening. */
  reset?: boolean
  /** Applied only when the database is new or empty. Default `demo`. */
  seed?: 'demo' | 'none'
  /** Origins allowed besides the dashboard's dev and preview origins, e.g. `http://127.0.0.1:8080`. */
  corsOrigins?: readonly string[]
}

export interface RunningEmulator {
  url: string
  port: number
  config: EmulatorConfig
  db: DB
  close: () => Promise<void>
}

export const DEFAULT_DB = '.data/emulator.db'

/** Opens the database (seeding a new one) and serves the API over HTTP. */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const config: EmulatorConfig = {
    apiKey: options.apiKey ?? DEFAULT_CONFIG.apiKey,
    appId: options.appId ?? DEFAULT_CONFIG.appId,
    authKey: options.authKey ?? DEFAULT_CONFIG.authKey,
    authSecret: options.authSecret ?? DEFAULT_CONFIG.authSecret,
  }
  const file = options.db ?? DEFAULT_DB
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true })
    if (options.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  }
  const db = openDatabase(file)
  if ((options.seed ?? 'demo') === 'demo' && isEmpty(db)) seedDemo(db)
  const st = new Statements(db)
  const corsOrigins = parseOrigins(options.corsOrigins ?? [])
  const app = createApp({ st, config, ids: new IdGenerator() }, { faults: options.faults, admin: options.admin }, { corsOrigins })
  const host = options.host ?? '127.0.0.1'

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3080, hostname: host }, () => resolve(s))
    s.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}`,
    port,
    config,
    db,
    close: () => new Promise<void>((resolve) => {
      server.close(() => {
        db.close()
        resolve()
      })
      if ('closeAllConnections' in server) server.closeAllConnections()
    }),
  }
}
