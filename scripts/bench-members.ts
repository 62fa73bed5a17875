/**
 * Benchmarks the Members tab on a 10,000-member dialog: the emulator with `--fixture
 * big-dialog`, the production build behind `vite preview` with its /api proxy (as
 * playwright.config.ts runs it), and Chromium driven by Playwright. Measures, over several
 * runs, the time from opening the tab to the first rows painted (cold page load and in-app tab
 * switch), the time from the dialog's answer (the last response the rows need) to those rows,
 * the time until every name is resolved and how many user requests that took; then the frame
 * rate while the table is scrolled programmatically (requestAnimationFrame deltas; frames
 * over 20 ms count as dropped). Loopback only; every child process is stopped at the end.
 * Usage:
 *   npm run bench:members -- [--runs 5] [--scroll-seconds 4] [--dist DIR (skip the build)]
 */
import type { Page } from '@playwright/test'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BIG_DIALOG } from '../emulator/fixtures'
import { addSession, runBench } from './bench-harness'

const { values } = parseArgs({
  options: {
    'runs': { type: 'string', default: '5' },
    'scroll-seconds': { type: 'string', default: '4' },
    'dist': { type: 'string' },
  },
  strict: true,
})
const RUNS = Math.max(1, Number(values.runs))
const SCROLL_MS = Math.max(1, Number(values['scroll-seconds'])) * 1000
const API_KEY = 'bench-members-key'
const STEP_TIMEOUT_MS = 120_000

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}

/**
 * Installed before any page script: notes when the first member row is in the DOM, then the
 * frame after next (when it is on screen). A string, because tsx would wrap a function's inner
 * names in a helper the page does not have.
 */
const WATCH_FIRST_ROWS = `(() => {
  const check = () => {
    if (window.__firstRowAt === undefined && document.querySelector('[role="row"][data-user-id]')) {
      window.__firstRowAt = performance.now()
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__firstRowPaintedAt = performance.now() }))
    }
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
})()`

interface Load {
  /** From the start of the measured action to the first rows painted. */
  toRows: number
  /** From the end of the dialog's response to the first rows painted. */
  afterData: number
  /** From the start to every name resolved. */
  toNames: number
  userRequests: number
}

async function measureLoad(page: Page, action: () => Promise<void>, startAt: () => Promise<number>): Promise<Load> {
  await page.evaluate(() => {
    const w = window as unknown as { __firstRowAt?: number, __firstRowPaintedAt?: number }
    delete w.__firstRowAt
    delete w.__firstRowPaintedAt
    performance.clearResourceTimings()
  })
  await action()
  await page.waitForFunction(() => (window as unknown as { __firstRowPaintedAt?: number }).__firstRowPaintedAt !== undefined, null, { timeout: STEP_TIMEOUT_MS })
  await page.getByText(/names [\d,]+\/10,000/).waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
  const namesAt = await page.evaluate(() => performance.now())
  const from = await startAt()
  const timing = await page.evaluate((dialogId) => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    const dialog = entries.filter(e => e.name.includes(`/chat/Dialog/${dialogId}.json`)).at(-1)
    return {
      painted: (window as unknown as { __firstRowPaintedAt: number }).__firstRowPaintedAt,
      dialogEnd: dialog?.responseEnd ?? null,
      userRequests: entries.filter(e => e.name.includes('/users.json')).length,
    }
  }, BIG_DIALOG.id)
  return {
    toRows: timing.painted - from,
    // On a tab switch the dialog is already loaded: its data is there from the click on.
    afterData: timing.painted - (timing.dialogEnd ?? from),
    toNames: namesAt - from,
    userRequests: timing.userRequests,
  }
}

interface Frames {
  frames: number
  fps: number
  p95: number
  worst: number
  dropped: number
  rowsInDom: number
}

/** Scrolls the table by `step` pixels every frame for `duration` ms and records frame deltas. */
async function measureScroll(page: Page, step: number, duration: number): Promise<Frames> {
  // A string for the same reason as WATCH_FIRST_ROWS.
  return page.evaluate(`(async () => {
    const step = ${step}
    const duration = ${duration}
    const scroller = document.querySelector('[role="table"][aria-label="Members"]').parentElement
    scroller.scrollTop = 0
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))
    const deltas = []
    let rowsInDom = 0
    await new Promise((resolve) => {
      const start = performance.now()
      let last = start
      let direction = 1
      const frame = (now) => {
        deltas.push(now - last)
        last = now
        rowsInDom = Math.max(rowsInDom, document.querySelectorAll('[role="row"][data-user-id]').length)
        if (now - start >= duration) return resolve()
        const max = scroller.scrollHeight - scroller.clientHeight
        if (scroller.scrollTop + step * direction > max || scroller.scrollTop + step * direction < 0) direction = -direction
        scroller.scrollTop += step * direction
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
    deltas.shift()
    const sorted = [...deltas].sort((a, b) => a - b)
    const total = deltas.reduce((a, b) => a + b, 0)
    return {
      frames: deltas.length,
      fps: deltas.length / (total / 1000),
      p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      worst: sorted.at(-1) ?? 0,
      dropped: deltas.filter(d => d > 20).length,
      rowsInDom,
    }
  })()`) as Promise<Frames>
}

runBench({ name: 'bench-members', giveUpAfterMs: 600_000, printStack: true }, async (bench) => {
  const dist = bench.build(values.dist, 'building the app (vite build)…')

  const startedAt = performance.now()
  const emulatorUrl = await bench.startEmulator(['--db', join(bench.temp, 'members.db'), '--reset', '--seed', 'demo', '--fixture', 'big-dialog', '--api-key', API_KEY])
  console.log(`emulator with the 10,000-member dialog up in ${ms(performance.now() - startedAt)} at ${emulatorUrl}`)
  const appUrl = await bench.startPreview(dist, emulatorUrl)

  const browser = await bench.launchChromium()
  const membersUrl = `${appUrl}/dialogs/${BIG_DIALOG.id}/members`
  const overviewUrl = `${appUrl}/dialogs/${BIG_DIALOG.id}`
  const cold: Load[] = []
  const warm: Load[] = []
  let scroll: { name: string, frames: Frames }[] = []
  for (let run = 0; run < RUNS; run++) {
    // A fresh context per run: nothing cached, as a moderator opening the link.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    await addSession(context, API_KEY, null)
    await context.addInitScript(WATCH_FIRST_ROWS)
    const page = await context.newPage()
    // Cold: from navigation start (performance.now() = 0) to the first rows.
    cold.push(await measureLoad(page, async () => {
      await page.goto(membersUrl)
    }, async () => 0))

    // In-app: the Overview tab first (dialog loaded, names not yet cached), then a click on Members.
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    await addSession(fresh, API_KEY, null)
    await fresh.addInitScript(WATCH_FIRST_ROWS)
    const tabPage = await fresh.newPage()
    await tabPage.goto(overviewUrl)
    await tabPage.getByRole('link', { name: /^Members \(/ }).waitFor()
    let clickedAt = 0
    warm.push(await measureLoad(tabPage, async () => {
      clickedAt = await tabPage.evaluate(() => performance.now())
      await tabPage.getByRole('link', { name: /^Members \(/ }).click()
    }, async () => clickedAt))

    if (run === RUNS - 1) {
      scroll = [
        { name: 'steady scroll, 200 px/frame (~4.5 rows)', frames: await measureScroll(page, 200, SCROLL_MS) },
        { name: 'fling, 3,000 px/frame (~68 rows)', frames: await measureScroll(page, 3000, SCROLL_MS) },
      ]
    }
    await fresh.close()
    await context.close()
  }

  const rows = (label: string, loads: Load[]) => [
    [`${label}: open → first rows painted`, ms(median(loads.map(l => l.toRows))), loads.map(l => Math.round(l.toRows)).join(', ')],
    [`${label}: dialog answer → first rows painted`, ms(median(loads.map(l => l.afterData))), loads.map(l => Math.round(l.afterData)).join(', ')],
    [`${label}: open → all 10,000 names`, ms(median(loads.map(l => l.toNames))), loads.map(l => Math.round(l.toNames)).join(', ')],
    [`${label}: user requests`, String(median(loads.map(l => l.userRequests))), loads.map(l => l.userRequests).join(', ')],
  ]
  const table: string[][] = [['Members tab, 10,000 members', 'median', `each run (${RUNS})`], ...rows('cold page load', cold), ...rows('tab switch', warm)]
  for (const s of scroll) {
    const f = s.frames
    table.push([`${s.name}`, `${f.fps.toFixed(1)} fps`, `${f.frames} frames, p95 ${f.p95.toFixed(1)} ms, worst ${f.worst.toFixed(1)} ms, ${f.dropped} over 20 ms, ≤${f.rowsInDom} rows in DOM`])
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map(r => r[i]!.length)))
  console.log('')
  for (const [i, r] of table.entries()) {
    console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  │  '))
    if (i === 0)
      console.log(widths.map(w => '─'.repeat(w)).join('──┼──'))
  }
  console.log(`\nload average ${loadavg().map(l => l.toFixed(1)).join(' ')}; ${RUNS} runs; Chromium headless; loopback only`)
})
