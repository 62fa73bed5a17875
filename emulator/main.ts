import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG } from './context'
import { parseFaults } from './faults'
import { applyFixtures, isFixture } from './fixtures'
import { DEFAULT_ORIGINS, parseOrigins } from './origin'
import { DEFAULT_DB, startEmulator } from './server'

const USAGE = 'usage: tsx emulator/main.ts [--port 3080] [--host 127.0.0.1] [--db .data/emulator.db] [--reset] [--seed demo|none] [--api-key KEY] [--app-id N] [--auth-key K] [--auth-secret S] [--fixture big-dialog,busy-user] [--faults 500=0.1,503=0.1,429=0.1,drop=0.05,lost=0.05,latency=50-300 | none] [--faults-seed N] [--admin] [--cors-origin ORIGIN[,ORIGIN]]…'

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
        'faults': { type: 'string' },
        'faults-seed': { type: 'string' },
        'admin': { type: 'boolean' },
        'cors-origin': { type: 'string', multiple: true },
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
if (fixture && !fixture.split(',').every(isFixture)) usageError(`invalid --fixture "${fixture}" (big-dialog, busy-user)`)

// Fault mode (emulator/faults.ts): injected 500/503/429/dropped connections and latency, for tests.
const faultSpec = pick(args.faults, 'FAULTS')
const faultSeed = pick(args['faults-seed'], 'FAULTS_SEED')
if (faultSeed !== undefined && !/^\d{1,10}$/.test(faultSeed)) usageError(`invalid --faults-seed "${faultSeed}"`)
let faults
try {
  faults = faultSpec === undefined ? undefined : { ...parseFaults(faultSpec), seed: faultSeed === undefined ? undefined : Number(faultSeed) }
}
catch (error) {
  usageError(`invalid --faults: ${error instanceof Error ? error.message : String(error)}`)
}
const adminEnv = env.QB_EMULATOR_ADMIN
// Origins a browser may call from besides the dashboard's own (emulator/origin.ts): repeatable, or a comma list.
const originValues = args['cors-origin'] ?? (env.QB_EMULATOR_CORS_ORIGIN === undefined ? [] : [env.QB_EMULATOR_CORS_ORIGIN])
let corsOrigins: string[] = []
try {
  corsOrigins = parseOrigins(originValues)
}
catch (error) {
  usageError(`invalid --cors-origin: ${error instanceof Error ? error.message : String(error)}`)
}

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
  faults,
  admin: args.admin ?? (adminEnv === '1' || adminEnv === 'true'),
  corsOrigins,
})

if (fixture) applyFixtures(emulator.db, fixture)
console.log(`QuickBlox emulator listening on ${emulator.url}`)
console.log(`  API key:     ${emulator.config.apiKey}`)
console.log(`  App id:      ${emulator.config.appId}`)
console.log(`  Auth key:    ${emulator.config.authKey}`)
console.log(`  Auth secret: ${emulator.config.authSecret}`)
console.log(`  Database:    ${pick(args.db, 'DB') ?? DEFAULT_DB}`)
console.log(`  Origins:     ${[...DEFAULT_ORIGINS, ...corsOrigins].join(', ')}`)
if (faultSpec !== undefined) console.log(`  Faults:      ${faultSpec}${faultSeed === undefined ? '' : ` (seed ${faultSeed})`}`)

const stop = (): void => {
  void emulator.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
