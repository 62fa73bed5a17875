/**
 * What the browser benchmarks (bench-members.ts, bench-messages.ts) share: a temp folder, the
 * production build, the emulator and `vite preview` as child processes on loopback, Chromium
 * driven by Playwright, and a teardown that runs however the scenario ends (done, thrown,
 * Ctrl-C, SIGTERM or the time-out): browsers closed, children stopped, the temp folder removed.
 * Each script keeps only its own scenario and figures:
 *   runBench({ name: 'bench-x' }, async (bench) => { … })
 */
import type { ChildProcess } from 'node:child_process'
import type { Browser, BrowserContext } from '@playwright/test'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './browser'
import { renderNginxSite, renderStandaloneNginx } from './render-nginx'

const VITE = 'node_modules/vite/bin/vite.js'
const START_TIMEOUT_MS = 60_000
/** How long a stopped child may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_GRACE_MS = 5_000

export interface BenchOptions {
  /** Names the temp folder (`qb-<name>-…`) and the time-out message. */
  name: string
  /** Gives up (exit 1, after the same clean-up) when the whole run takes longer; unbounded when left out. */
  giveUpAfterMs?: number
  /** On failure print the error's stack, not only its message. */
  printStack?: boolean
}

export interface Bench {
  /** A fresh folder of this run's own, removed at the end. */
  temp: string
  /** `dist` when given (the scripts' --dist), else a production build into the temp folder, announced by `note`. */
  build: (dist: string | undefined, note: string) => string
  /** The emulator (`emulator/main.ts` with `args`) on a free port; resolves to its URL. */
  startEmulator: (args: string[]) => Promise<string>
  /** `vite preview` of `dist` on a free port, its /api proxy pointing at `apiUrl`; resolves to the app's URL. */
  startPreview: (dist: string, apiUrl: string) => Promise<string>
  /** Chromium (see browser.ts) with the closed-network flags and `extraArgs`. */
  launchChromium: (extraArgs?: string[]) => Promise<Browser>
  /**
   * Debian's nginx with deploy/nginx.conf rendered once per site (prefix `/` on its port, the
   * /api/ proxy pointing at `apiUrl`); resolves to each site's URL, in the order given.
   */
  startNginx: (sites: { port: number, dist: string }[], apiUrl: string) => Promise<string[]>
}

/** Signs every page of `target` (a page or a context) in with `apiKey`, as the app's session storage holds it. */
export async function addSession(target: Pick<BrowserContext, 'addInitScript'>, apiKey: string, actingUserId: number | null): Promise<void> {
  await target.addInitScript(([key, value]) => sessionStorage.setItem(key!, value!), ['dialog-desk.session', JSON.stringify({ apiBase: '/api', apiKey, actingUserId })])
}

/** A port nothing listens on right now (loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

/** Resolves once `url` answers at all (any status); rejects when `child` exits first or after START_TIMEOUT_MS. */
async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS
  while (Date.now() < until) {
    if (!running(child))
      throw new Error(`${url}: the server exited with ${child.exitCode ?? child.signalCode}`)
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) })
      return
    }
    catch {
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
  throw new Error(`${url} did not answer within ${START_TIMEOUT_MS / 1000} s`)
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/** SIGTERM, then SIGKILL if it has not exited within STOP_GRACE_MS. */
function stop(child: ChildProcess): Promise<void> {
  if (!running(child))
    return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, STOP_GRACE_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Runs `scenario` with a fresh Bench, then tears everything down and exits: 0, or the
 * scenario's process.exitCode, or 1 when it threw (the error printed).
 */
export function runBench(options: BenchOptions, scenario: (bench: Bench) => Promise<void>): void {
  const temp = mkdtempSync(join(tmpdir(), `qb-${options.name}-`))
  const children: ChildProcess[] = []
  const browsers: Browser[] = []

  // The last resort when process.exit() comes from a signal or the time-out below: only
  // synchronous work runs here, so the children get SIGTERM and are not waited for.
  process.on('exit', () => {
    for (const child of children) {
      if (running(child))
        child.kill('SIGTERM')
    }
    rmSync(temp, { recursive: true, force: true })
  })
  process.on('SIGINT', () => process.exit(130))
  process.on('SIGTERM', () => process.exit(143))
  if (options.giveUpAfterMs !== undefined) {
    // Bounded: never hang a terminal or CI job.
    setTimeout(() => {
      console.error(`${options.name}: gave up after ${options.giveUpAfterMs! / 60_000} minutes`)
      process.exit(1)
    }, options.giveUpAfterMs).unref()
  }

  /** Starts a child process and resolves once its output matches `ready`. */
  function start(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<RegExpExecArray> {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    return new Promise((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${out}`)), START_TIMEOUT_MS)
      const onData = (chunk: Buffer) => {
        out += chunk.toString()
        const match = ready.exec(out)
        if (match) {
          clearTimeout(timer)
          resolve(match)
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`))
      })
    })
  }

  const executablePath = findChromium()
  const bench: Bench = {
    temp,
    build(dist, note) {
      if (dist)
        return dist
      const outDir = join(temp, 'dist')
      console.log(note)
      const built = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' })
      if (built.status !== 0)
        throw new Error('vite build failed')
      return outDir
    },
    async startEmulator(args) {
      const [, url] = await start(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', ...args], {}, /listening on (http:\/\/\S+)/)
      return url!
    },
    async startPreview(dist, apiUrl) {
      const port = await freePort()
      // Vite itself, not through npx: stopping npx would leave its vite child serving on.
      await start(process.execPath, [VITE, 'preview', '--outDir', dist, '--port', String(port), '--strictPort'], { QB_API_URL: apiUrl }, /http:\/\/127\.0\.0\.1:\d+/)
      return `http://127.0.0.1:${port}`
    },
    async startNginx(sites, apiUrl) {
      const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(p => existsSync(p))
      if (!nginx)
        throw new Error('No nginx found (apt-get install -y nginx-light)')
      const dir = join(temp, 'nginx')
      mkdirSync(dir, { recursive: true })
      const servers = sites.map(site => renderNginxSite({ listen: `127.0.0.1:${site.port}`, prefix: '/', dist: site.dist, upstream: apiUrl }))
      const conf = join(dir, 'nginx.conf')
      writeFileSync(conf, renderStandaloneNginx(dir, servers))
      const args = ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;']
      const check = spawnSync(nginx, [...args, '-t', '-q'], { encoding: 'utf8' })
      if (check.status !== 0)
        throw new Error(`nginx -t failed:\n${check.stderr}`)
      const child = spawn(nginx, args, { stdio: ['ignore', 'ignore', 'inherit'] })
      children.push(child)
      const urls = sites.map(site => `http://127.0.0.1:${site.port}`)
      await Promise.all(urls.map(url => waitForHttp(url, child)))
      return urls
    },
    async launchChromium(extraArgs = []) {
      if (executablePath === null)
        throw new Error('No Chromium found (see scripts/browser.ts)')
      const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] })
      browsers.push(browser)
      return browser
    },
  }

  async function teardown() {
    await Promise.allSettled(browsers.map(browser => browser.close()))
    await Promise.all(children.map(stop))
    rmSync(temp, { recursive: true, force: true })
  }

  void (async () => {
    try {
      // Before any build or data: a missing browser should fail at once.
      if (executablePath === null)
        throw new Error('No Chromium found (see scripts/browser.ts)')
      await scenario(bench)
    }
    catch (error: unknown) {
      console.error(error instanceof Error ? (options.printStack ? error.stack ?? error.message : error.message) : error)
      process.exitCode = 1
    }
    finally {
      try {
        await teardown()
      }
      catch (error: unknown) {
        console.error('clean-up failed:', error)
        process.exitCode = 1
      }
      process.exit()
    }
  })()
}
