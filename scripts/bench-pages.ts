/**
 * Lighthouse 12 on every screen, as a phone and a desktop see it (issue "Fast on a phone"):
 * builds the app and a bare naive-ui form (scripts/bench-baseline/, the baseline), serves both
 * behind Debian's nginx with deploy/nginx.conf rendered, the emulator (demo seed) behind /api/,
 * and runs Lighthouse (mobile and desktop presets, simulated throttling) several times per
 * screen, signed in through sessionStorage. Prints the medians with the ratio to the baseline,
 * then sign-in → first dialog row and the longest task of a 100-row list at 4× CPU slowdown
 * (bench-pages-timings.ts). Loopback only; everything it started is stopped at the end.
 *   npm run bench:pages -- [--runs 3] [--presets mobile,desktop] [--only sign-in,dialog-list]
 *                          [--dist DIR (skip the app's build)] [--no-timings] [--json FILE]
 */
import type { Preset, PageRun } from './bench-lighthouse'
import type { ListTasks, SignInTiming } from './bench-pages-timings'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'
import { freePort, runBench } from './bench-harness'
import { launchLighthouseBrowser, runLighthouse } from './bench-lighthouse'
import { listLongTasks, signInToFirstRow } from './bench-pages-timings'
import { findChromium } from './browser'
import { precompress } from './precompress'

/**
 * The screens measured. `{dialog}` is the demo seed's "All hands" group, `{user}` user 1001.
 * A new screen is one more line here.
 */
const SCREENS: { id: string, name: string, path: string, signedIn: boolean }[] = [
  { id: 'sign-in', name: 'sign-in', path: '/sign-in', signedIn: false },
  { id: 'dialog-list', name: 'dialog list', path: '/dialogs', signedIn: true },
  { id: 'dialog-overview', name: 'dialog overview', path: '/dialogs/{dialog}', signedIn: true },
  { id: 'members', name: 'members', path: '/dialogs/{dialog}/members', signedIn: true },
  { id: 'messages', name: 'messages', path: '/dialogs/{dialog}/messages', signedIn: true },
  { id: 'activity', name: 'activity', path: '/activity', signedIn: true },
  { id: 'users', name: 'users', path: '/users', signedIn: true },
  { id: 'user', name: 'user page', path: '/users/{user}', signedIn: true },
  { id: 'dialog-new', name: 'new dialog', path: '/dialogs/new', signedIn: true },
]
const BASELINE = { id: 'baseline', name: 'bare naive-ui form (baseline)', path: '/', signedIn: false }

const { values } = parseArgs({
  options: {
    'runs': { type: 'string', default: '3' },
    'presets': { type: 'string', default: 'mobile,desktop' },
    'only': { type: 'string' },
    'dist': { type: 'string' },
    'no-timings': { type: 'boolean', default: false },
    'json': { type: 'string' },
  },
  strict: true,
})
const RUNS = Math.max(1, Number(values.runs))
const PRESETS = values.presets.split(',').map(p => p.trim()).filter((p): p is Preset => p === 'mobile' || p === 'desktop')
const ONLY = values.only?.split(',').map(s => s.trim())
const API_KEY = 'bench-pages-key-not-secret'
const SESSION_KEY = 'dialog-desk.session'

function median(list: number[]): number {
  const sorted = [...list].filter(n => !Number.isNaN(n)).sort((a, b) => a - b)
  if (!sorted.length)
    return Number.NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type Medians = { [K in keyof Omit<PageRun, 'finalPath'>]: number }

function medians(runs: PageRun[]): Medians {
  const keys = ['score', 'fcp', 'lcp', 'tbt', 'cls', 'jsGzip', 'jsFiles', 'jsTransfer', 'requests'] as const
  return Object.fromEntries(keys.map(key => [key, median(runs.map(run => run[key]))])) as Medians
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ratio = (value: number, base: number) => base > 0 ? `${(value / base).toFixed(2)}×` : '—'

function table(preset: Preset, rows: { name: string, m: Medians }[], base: Medians | undefined): string {
  const lines = [
    `### Lighthouse ${preset} (median of ${RUNS})`,
    '',
    '| screen | score | LCP | TBT | CLS | JS gzip, cold | requests | LCP / base | TBT / base | JS / base |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const { name, m } of rows) {
    lines.push(`| ${name} | ${m.score} | ${seconds(m.lcp)} | ${Math.round(m.tbt)} ms | ${m.cls.toFixed(3)} | ${kb(m.jsGzip)} (${m.jsFiles} files, ${kb(m.jsTransfer)} sent) | ${m.requests} | ${base ? ratio(m.lcp, base.lcp) : '—'} | ${base ? ratio(m.tbt, base.tbt) : '—'} | ${base ? ratio(m.jsGzip, base.jsGzip) : '—'} |`)
  }
  return lines.join('\n')
}

runBench({ name: 'bench-pages', giveUpAfterMs: 60 * 60_000, printStack: true }, async (bench) => {
  const executablePath = findChromium()
  if (!executablePath)
    throw new Error('bench:pages needs a Chromium binary it can name (Debian\'s /usr/bin/chromium or CHROMIUM_PATH) for Lighthouse')
  const dist = bench.build(values.dist, 'bench-pages: building the app …')
  const baselineDist = join(bench.temp, 'baseline')
  console.log('bench-pages: building the baseline (one naive-ui form) …')
  await build({ root: join(import.meta.dirname, 'bench-baseline'), configFile: false, base: './', logLevel: 'warn', plugins: [vue(), precompress()], build: { outDir: baselineDist, emptyOutDir: true } })

  const [appPort, basePort] = [await freePort(), await freePort()]
  const emulator = await bench.startEmulator(['--db', join(bench.temp, 'emulator.db'), '--reset', '--seed', 'demo', '--api-key', API_KEY, '--cors-origin', `http://127.0.0.1:${appPort},http://127.0.0.1:${basePort}`])
  const [app, baseline] = await bench.startNginx([{ port: appPort, dist }, { port: basePort, dist: baselineDist }], emulator)
  const found = await fetch(`${emulator}/chat/Dialog.json?name=All%20hands&limit=1`, { headers: { Authorization: `ApiKey ${API_KEY}` } })
  const dialogId = ((await found.json()) as { items: { _id: string }[] }).items[0]?._id
  if (!dialogId)
    throw new Error('the demo seed has no "All hands" dialog')
  const session: [string, string] = [SESSION_KEY, JSON.stringify({ apiBase: '/api', apiKey: API_KEY, actingUserId: null })]
  const screens = SCREENS.filter(s => !ONLY || ONLY.includes(s.id))
  console.log(`bench-pages: app ${app}, baseline ${baseline}, emulator ${emulator}; ${screens.length} screens + baseline × ${PRESETS.join(', ')} × ${RUNS} runs`)

  const browser = await launchLighthouseBrowser(executablePath)
  const results: Record<string, Record<string, PageRun[]>> = {}
  const output: string[] = []
  try {
    for (const preset of PRESETS) {
      results[preset] = {}
      for (const screen of [BASELINE, ...screens]) {
        const runs: PageRun[] = []
        const origin = screen === BASELINE ? baseline! : app!
        const url = `${origin}${screen.path.replace('{dialog}', dialogId).replace('{user}', '1001')}`
        for (let i = 0; i < RUNS; i++) {
          const run = await runLighthouse(browser, { url, preset, dist: screen === BASELINE ? baselineDist : dist, session: screen.signedIn ? session : undefined, secret: API_KEY })
          if (screen.signedIn && run.finalPath.startsWith('/sign-in'))
            throw new Error(`${screen.name}: ended on the sign-in screen; the session was not picked up`)
          runs.push(run)
          console.log(`  ${preset} ${screen.id} #${i + 1}: score ${run.score}, LCP ${seconds(run.lcp)}, TBT ${Math.round(run.tbt)} ms, CLS ${run.cls.toFixed(3)}, JS ${kb(run.jsGzip)} in ${run.jsFiles} files, ${run.requests} requests`)
        }
        results[preset]![screen.id] = runs
      }
      const base = medians(results[preset]![BASELINE.id]!)
      output.push(table(preset, [...screens, BASELINE].map(s => ({ name: s.name, m: medians(results[preset]![s.id]!) })), base))
    }
  }
  finally {
    await browser.close()
  }

  // The Lighthouse tables first: a failing timing below must not lose them.
  console.log(`\n${output.join('\n\n')}\n`)
  let timings: { signIn: SignInTiming[], list: ListTasks[] } | null = null
  if (!values['no-timings']) {
    const chromium = await bench.launchChromium()
    timings = { signIn: [], list: [] }
    for (let i = 0; i < RUNS; i++) {
      timings.signIn.push(await signInToFirstRow(chromium, app!, API_KEY))
      timings.list.push(await listLongTasks(chromium, app!, API_KEY))
    }
    const paint = median(timings.signIn.map(t => t.signInPaint))
    const toRow = median(timings.signIn.map(t => t.toFirstRow))
    output.push([
      `### At 4× CPU slowdown (Playwright's Chromium, loopback, median of ${RUNS})`,
      '',
      '| measure | value | goal |',
      '| --- | ---: | --- |',
      `| sign-in screen's first contentful paint | ${Math.round(paint)} ms | |`,
      `| click "Sign in" → first dialog row painted | ${Math.round(toRow)} ms (${ratio(toRow, paint)} the sign-in paint) | ≤ 1.2× |`,
      `| longest task, cold load of a 100-row list | ${Math.round(median(timings.list.map(t => t.longest)))} ms | |`,
      `| longest task after the dialogs' answer (rendering 100 rows) | ${Math.round(median(timings.list.map(t => t.longestAfterData)))} ms | ≤ 100 ms |`,
    ].join('\n'))
  }

  if (timings)
    console.log(`\n${output.at(-1)}\n`)
  if (values.json)
    writeFileSync(values.json, `${JSON.stringify({ runs: RUNS, results, timings }, null, 2)}\n`)
})
