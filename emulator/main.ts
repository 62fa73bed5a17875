import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG } from './context'
import { applyFixtures, isFixture } from './fixtures'
import { DEFAULT_DB, startEmulator } from './server'

const USAGE = 'usage: tsx emulator/main.ts [--port 3080] [--host 127.0.0.1] [--db .data/emulator.db] [--reset] [--seed demo|none] [--api-key KEY] [--app-id N] [--auth-key K] [--auth-secret S] [--fixture big-dialog]'

function usageError(message: string): never {
  console.error(`emulator: ${message}`)
  console.error(USAGE)
  process.exit(2)
}

function parse() {
  try {
    return parseArgs({
      options: {
        'port': { type: 'string' },
        'host': { type: 'string' },
        'db': { type: 'string' },
        'reset': { type: 'boolean' },
        'seed': { type: 'string' },
        'api-key': { type: 'string' },
        'app-id': { type: 'string' },
        'auth-key': { type: 'string' },
        'auth-secret': { type: 'string' },
        'fixture': { type: 'string' },
        'help': { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  }
  catch (error) {
    usageError(error instanceof Error ? error.message : String(error))
  }
}

const args = parse()
if (args.help) {
  console.log(USAGE)
  process.exit(0)
}
const env = process.env
const pick = (flag: string | undefined, name: string): string | undefined => flag ?? env[`QB_EMULATOR_${name}`]

const portText = pick(args.port, 'PORT') ?? '3080'
if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) usageError(`invalid --port "${portText}"`)
const appIdText = pick(args['app-id'], 'APP_ID') ?? String(DEFAULT_CONFIG.appId)
if (!/^\d{1,12}$/.test(appIdText)) usageError(`invalid --app-id "${appIdText}"`)
const seed = pick(args.seed, 'SEED') ?? 'demo'
if (seed !== 'demo' && seed !== 'none') usageError(`invalid --seed "${seed}" (demo or none)`)
const resetEnv = env.QB_EMULATOR_RESET
// Extra test data on top of the seed (emulator/fixtures.ts), e.g. a 10,000-member dialog.
const fixture = pick(args.fixture, 'FIXTURE')
if (fixture && !fixture.split(',').every(isFixture)) usageError(`invalid --fixture "${fixture}" (big-dialog)`)

const emulator = await startEmulator({
  port: Number(portText),
  host: pick(args.host, 'HOST') ?? '127.0.0.1',
  db: pick(args.db, 'DB') ?? DEFAULT_DB,
  reset: args.reset ?? (resetEnv === '1' || resetEnv === 'true'),
  seed,
  apiKey: pick(args['api-key'], 'API_KEY'),
  appId: Number(appIdText),
  authKey: pick(args['auth-key'], 'AUTH_KEY'),
  authSecret: pick(args['auth-secret'], 'AUTH_SECRET'),
})

if (fixture) applyFixtures(emulator.db, fixture)
console.log(`QuickBlox emulator listening on ${emulator.url}`)
console.log(`  API key:     ${emulator.config.apiKey}`)
console.log(`  App id:      ${emulator.config.appId}`)
console.log(`  Auth key:    ${emulator.config.authKey}`)
console.log(`  Auth secret: ${emulator.config.authSecret}`)
console.log(`  Database:    ${pick(args.db, 'DB') ?? DEFAULT_DB}`)

const stop = (): void => {
  void emulator.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
