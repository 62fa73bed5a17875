/**
 * Benchmarks the user page on the `busy-user` fixture: one user in 500 dialogs with 50,000 of
 * their messages. The production build behind `vite preview` with its /api proxy, the emulator,
 * Chromium driven by Playwright; loopback only, every child process stopped at the end.
 * Measures the time from pressing "Sign in" to the first page of their inbox (and its unread
 * counts), the time to the first 100 and to all of their messages across dialogs, the requests
 * made (and most in flight), and the page's JS heap when done. Usage:
 *   npm run bench:user -- [--dist DIR (skip the build)] [--runs 3]
 */
import type { Request } from '@playwright/test'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { BUSY_USER } from '../emulator/fixtureBusyUser'
import { runBench } from './bench-harness'

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
  strict: true,
})
const RUNS = Math.max(1, Number(values.runs))
const API_KEY = 'bench-user-key'
const STEP_TIMEOUT_MS = 180_000
const U = BUSY_USER.id

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

interface Run {
  inboxMs: number
  unreadMs: number
  inboxRequests: number
  first100Ms: number
  allMs: number
  messages: number
  messageRequests: number
  mostInFlight: number
  heap: number
  domNodes: number
  writes: number
  marking: number
}

runBench({ name: 'bench-user', giveUpAfterMs: 20 * 60_000 }, async (bench) => {
  const file = join(bench.temp, 'bench.db')
  const emulatorUrl = await bench.startEmulator(['--db', file, '--seed', 'none', '--fixture', 'busy-user', '--api-key', API_KEY])
  const dist = bench.build(values.dist, 'building the app…')
  const appUrl = await bench.startPreview(dist, emulatorUrl)
  const browser = await bench.launchChromium(['--enable-precise-memory-info'])
  console.log(`emulator ${emulatorUrl} with user ${U} (${BUSY_USER.dialogs} dialogs, ${BUSY_USER.messages} messages); app ${appUrl}`)

  async function once(): Promise<Run> {
    // A fresh context each run: nothing cached but what a returning visitor's browser keeps (none here).
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    let inFlight = 0
    let most = 0
    const api: Request[] = []
    page.on('request', (r) => {
      if (!new URL(r.url()).pathname.startsWith('/api/'))
        return
      api.push(r)
      inFlight++
      most = Math.max(most, inFlight)
    })
    const settle = (r: Request) => {
      if (new URL(r.url()).pathname.startsWith('/api/'))
        inFlight--
    }
    page.on('requestfinished', settle)
    page.on('requestfailed', settle)

    // Sign in on the sign-in screen, sent on to the user page by ?redirect= (as a bookmark would).
    await page.goto(`${appUrl}/sign-in?redirect=${encodeURIComponent(`/users/${U}`)}`)
    await page.getByLabel('API key').fill(API_KEY)
    const t0 = performance.now()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('tbody tr').first().waitFor({ timeout: STEP_TIMEOUT_MS })
    const inboxMs = performance.now() - t0
    await page.waitForFunction(() => [...document.querySelectorAll('td.unread')].every(td => td.textContent?.trim() !== '…'), undefined, { timeout: STEP_TIMEOUT_MS, polling: 'raf' })
    const unreadMs = performance.now() - t0
    const inboxRequests = api.length
    most = inFlight

    // Their messages: the fan-out over all 500 dialogs. Timed in the page, frame by frame.
    const before = api.length
    const t1 = performance.now()
    await page.getByRole('link', { name: 'Messages', exact: true }).click()
    const marks = await page.evaluate(async ({ timeout }) => {
      // No named helper functions in here: tsx would wrap them in a __name() the page lacks.
      const started = performance.now()
      let first100 = 0
      for (;;) {
        const status = document.querySelector('.user-messages .status')?.textContent ?? ''
        const count = Number(/(\d+) messages (?:so far|found|match)/.exec(status)?.[1] ?? 0)
        if (!first100 && count >= 100)
          first100 = performance.now() - started
        if (/messages (?:found|match) in/.test(status))
          return { first100, all: performance.now() - started, count }
        if (performance.now() - started > timeout)
          throw new Error(`still reading after ${timeout / 1000} s: ${status}`)
        await new Promise(requestAnimationFrame)
      }
    }, { timeout: STEP_TIMEOUT_MS })
    const clickMs = performance.now() - t1
    await cdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const heap = metrics.find(m => m.name === 'JSHeapUsedSize')?.value ?? 0
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length)
    const reads = api.slice(before).filter(r => new URL(r.url()).pathname === '/api/chat/Message.json')
    const run: Run = {
      inboxMs,
      unreadMs,
      inboxRequests,
      first100Ms: marks.first100,
      allMs: marks.all,
      messages: marks.count,
      messageRequests: api.length - before,
      mostInFlight: most,
      heap,
      domNodes,
      writes: api.filter(r => r.method() !== 'GET').length,
      marking: reads.filter(r => new URL(r.url()).searchParams.get('mark_as_read') !== '0').length,
    }
    console.log(`  run: inbox ${seconds(inboxMs)}, unread ${seconds(unreadMs)}, first 100 ${seconds(marks.first100)}, all ${seconds(marks.all)} (${seconds(clickMs)} with the click), ${marks.count} messages, ${run.messageRequests} requests, heap ${mb(heap)}`)
    await context.close()
    return run
  }

  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++)
    runs.push(await once())
  const m = (pick: (r: Run) => number) => median(runs.map(pick))
  const last = runs.at(-1)!
  const verdict = (value: number, goal: number) => value < goal ? 'yes' : 'NO'
  const rows: [string, string, string][] = [
    ['their inbox, first page shown after "Sign in"', seconds(m(r => r.inboxMs)), `< 1 s: ${verdict(m(r => r.inboxMs), 1000)}`],
    ['  … with their unread counts', seconds(m(r => r.unreadMs)), ''],
    ['  requests to show it (sign-in checks included)', String(last.inboxRequests), ''],
    ['first 100 of their messages', seconds(m(r => r.first100Ms)), `< 1 s: ${verdict(m(r => r.first100Ms), 1000)}`],
    [`all ${BUSY_USER.dialogs} dialogs scanned`, seconds(m(r => r.allMs)), `< 10 s: ${verdict(m(r => r.allMs), 10_000)}`],
    ['  messages found', String(last.messages), last.messages === BUSY_USER.messages ? 'all' : 'NOT ALL'],
    ['  requests for them (dialog pages + message pages)', String(last.messageRequests), ''],
    ['  most API requests in flight', String(Math.max(...runs.map(r => r.mostInFlight))), '≤ 3'],
    ['JS heap used when done (after GC)', mb(m(r => r.heap)), `< 50 MB: ${verdict(m(r => r.heap), 50 * 1024 * 1024)}`],
    ['  DOM nodes when done', String(last.domNodes), ''],
    ['  writes sent / reads without mark_as_read=0', `${last.writes} / ${last.marking}`, 'must be 0 / 0'],
  ]
  const width = Math.max(...rows.map(r => r[0].length))
  console.log(`\nUser page benchmark, median of ${RUNS} (Chromium ${browser.version()}, loopback, production build)\n`)
  console.log(`${'measure'.padEnd(width)} | ${'value'.padEnd(9)} | goal`)
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(9)}-|-${'-'.repeat(16)}`)
  for (const [label, value, goal] of rows)
    console.log(`${label.padEnd(width)} | ${value.padEnd(9)} | ${goal}`)
  if (runs.some(r => r.writes || r.marking || r.messages !== BUSY_USER.messages || r.mostInFlight > 3))
    process.exitCode = 1
})
