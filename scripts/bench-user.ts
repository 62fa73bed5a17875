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
import { loadavg } from 'node:os'
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
  /** From "Sign in" to the inbox's own request: the sign-in check and the app's code. */
  startMs: number
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

/** The scan's reads sent straight to the emulator from Node, 3 at a time: the floor the machine sets. */
async function straightFromNode(base: string): Promise<{ ms: number, requests: number }> {
  const headers = { 'Authorization': `ApiKey ${API_KEY}`, 'On-Behalf-Of': String(U) }
  const get = async <T>(path: string) => await (await fetch(`${base}${path}`, { headers })).json() as T
  const dialogs: string[] = []
  for (let skip = 0; skip < BUSY_USER.dialogs; skip += 100)
    dialogs.push(...(await get<{ items: { _id: string }[] }>(`/chat/Dialog.json?limit=100&skip=${skip}&sort_desc=last_message_date_sent`)).items.map(d => d._id))
  let next = 0
  let requests = 0
  const started = performance.now()
  const worker = async () => {
    while (next < dialogs.length) {
      const id = dialogs[next++]!
      let cursor = ''
      for (;;) {
        requests++
        const page = await get<{ items: { date_sent: number }[] }>(`/chat/Message.json?chat_dialog_id=${id}&sender_id=${U}&sort_desc=date_sent&limit=100&mark_as_read=0${cursor}`)
        if (page.items.length < 100)
          break
        const last = page.items.at(-1)!.date_sent
        cursor = `&date_sent[lte]=${last}&skip=${page.items.filter(m => m.date_sent === last).length}`
      }
    }
  }
  await Promise.all([worker(), worker(), worker()])
  return { ms: performance.now() - started, requests }
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
    let t0 = 0
    let inboxAsked = 0
    const api: Request[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (!path.startsWith('/api/'))
        return
      if (!inboxAsked && path === '/api/chat/Dialog.json')
        inboxAsked = performance.now() - t0
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
    t0 = performance.now()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('tbody tr').first().waitFor({ timeout: STEP_TIMEOUT_MS })
    const inboxMs = performance.now() - t0
    await page.waitForFunction(() => [...document.querySelectorAll('td.unread')].every(td => td.textContent?.trim() !== '…'), undefined, { timeout: STEP_TIMEOUT_MS, polling: 'raf' })
    const unreadMs = performance.now() - t0
    const inboxRequests = api.length
    most = inFlight

    // Their messages: the fan-out over all 500 dialogs. Timed in the page.
    const before = api.length
    const t1 = performance.now()
    // The clock in the page starts before the click, so the click and the list's code are counted.
    const watching = page.evaluate(async ({ timeout }) => {
      // No named helper functions in here: tsx would wrap them in a __name() the page lacks.
      const started = performance.now()
      let first100 = 0
      for (;;) {
        // Polled on a timer, not every frame: a page drawing 60 frames a second would compete with the scan.
        await new Promise(resolve => setTimeout(resolve, 20))
        const status = document.querySelector('.user-messages .status')?.textContent ?? ''
        const count = Number(/(\d+) messages (?:so far|found|match)/.exec(status)?.[1] ?? 0)
        if (!first100 && count >= 100)
          first100 = performance.now() - started
        if (/messages (?:found|match) in/.test(status))
          return { first100, all: performance.now() - started, count }
        if (performance.now() - started > timeout)
          throw new Error(`still reading after ${timeout / 1000} s: ${status}`)
      }
    }, { timeout: STEP_TIMEOUT_MS })
    await page.getByRole('link', { name: 'Messages', exact: true }).click()
    const marks = await watching
    const clickMs = performance.now() - t1
    await cdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const heap = metrics.find(m => m.name === 'JSHeapUsedSize')?.value ?? 0
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length)
    const reads = api.slice(before).filter(r => new URL(r.url()).pathname === '/api/chat/Message.json')
    const run: Run = {
      startMs: inboxAsked,
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
    ['  of which sign-in check and app start, to the inbox\'s request', seconds(m(r => r.startMs)), ''],
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
  const floor = await straightFromNode(emulatorUrl)
  rows.splice(6, 0, [`  the same reads straight from Node to the emulator, 3 in flight`, seconds(floor.ms), `${floor.requests} requests, no browser, no proxy`])
  console.log(`\nUser page benchmark, median of ${RUNS} (Chromium ${browser.version()}, loopback, production build; load average ${loadavg().map(l => l.toFixed(1)).join(' ')})\n`)
  console.log(`${'measure'.padEnd(width)} | ${'value'.padEnd(9)} | goal`)
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(9)}-|-${'-'.repeat(16)}`)
  for (const [label, value, goal] of rows)
    console.log(`${label.padEnd(width)} | ${value.padEnd(9)} | ${goal}`)
  if (runs.some(r => r.writes || r.marking || r.messages !== BUSY_USER.messages || r.mostInFlight > 3))
    process.exitCode = 1
})
