/**
 * The two timings of `npm run bench:pages` that Lighthouse does not give, in Playwright's
 * Chromium at 4× CPU slowdown (no network throttling: loopback):
 * - sign-in → first dialog row: from the click on "Sign in" to the first row painted, against the
 *   sign-in screen's own first contentful paint (the goal: at most 1.2×);
 * - the longest task while the list renders 100 rows (a cold load of `/dialogs?size=100`): over
 *   the whole load, and among the tasks that end after the dialogs' answer arrived (rendering).
 */
import type { Browser, Page } from '@playwright/test'
import { addSession } from './bench-harness'

/**
 * What a dialog row is in the list's markup: a table row from 768 px, a card below (the timings
 * run at a phone's width). Change it here when the list's markup changes.
 */
export const DIALOG_ROW = 'tbody tr[data-id], .cards > li[data-id]'
const CPU_SLOWDOWN = 4
const STEP_TIMEOUT_MS = 120_000

/**
 * Installed before any page script. A string, because tsx would wrap a function's inner names
 * in a helper the page does not have.
 */
const WATCH = `(() => {
  const w = window
  w.__longTasks = []
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]) })
      .observe({ type: 'longtask', buffered: true })
  } catch {}
  document.addEventListener('click', () => { w.__clickAt = performance.now() }, true)
  const check = () => {
    if (w.__rowAt === undefined && document.querySelector(${JSON.stringify(DIALOG_ROW)})) {
      w.__rowAt = performance.now()
      requestAnimationFrame(() => requestAnimationFrame(() => { w.__rowPaintedAt = performance.now() }))
    }
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
})()`

interface Watched {
  __longTasks: [number, number][]
  __clickAt?: number
  __rowAt?: number
  __rowPaintedAt?: number
}

async function throttledPage(browser: Browser, apiKey: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } })
  if (apiKey)
    await addSession(context, apiKey, null)
  await context.addInitScript(WATCH)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  return page
}

export interface SignInTiming {
  /** The sign-in screen's first contentful paint, from navigation start. */
  signInPaint: number
  /** From the click on "Sign in" to the first dialog row painted. */
  toFirstRow: number
}

/** Opens the sign-in screen cold, signs in with `apiKey` through the form, waits for the first dialog row. */
export async function signInToFirstRow(browser: Browser, origin: string, apiKey: string): Promise<SignInTiming> {
  const page = await throttledPage(browser, null)
  try {
    await page.goto(`${origin}/sign-in`)
    await page.getByLabel('API key').fill(apiKey)
    const signInPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForFunction(() => (window as unknown as Watched).__rowPaintedAt !== undefined, null, { timeout: STEP_TIMEOUT_MS })
    const { clickAt, paintedAt } = await page.evaluate(() => {
      const w = window as unknown as Watched
      return { clickAt: w.__clickAt!, paintedAt: w.__rowPaintedAt! }
    })
    return { signInPaint, toFirstRow: paintedAt - clickAt }
  }
  finally {
    await page.context().close()
  }
}

export interface ListTasks {
  /** The longest task of the whole cold load, until 100 rows are painted. */
  longest: number
  /** The longest task that ended after the dialogs' answer arrived: the list rendering. */
  longestAfterData: number
  rows: number
}

/** Loads `/dialogs?size=100` signed in, cold, and reads the long tasks once 100 rows are on the page. */
export async function listLongTasks(browser: Browser, origin: string, apiKey: string): Promise<ListTasks> {
  const page = await throttledPage(browser, apiKey)
  try {
    await page.goto(`${origin}/dialogs?size=100`)
    await page.waitForFunction(selector => document.querySelectorAll(selector).length >= 100, DIALOG_ROW, { timeout: STEP_TIMEOUT_MS })
    // Two frames and a quiet second: the tasks that finish the render are counted too.
    await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 1000)))))
    return await page.evaluate((selector) => {
      const w = window as unknown as Watched
      const dialogs = performance.getEntriesByType('resource').find(e => e.name.includes('/chat/Dialog')) as PerformanceResourceTiming | undefined
      const dataAt = dialogs?.responseEnd ?? 0
      let longest = 0
      let longestAfterData = 0
      for (const [start, duration] of w.__longTasks) {
        longest = Math.max(longest, duration)
        if (start + duration > dataAt)
          longestAfterData = Math.max(longestAfterData, duration)
      }
      return { longest, longestAfterData, rows: document.querySelectorAll(selector).length }
    }, DIALOG_ROW)
  }
  finally {
    await page.context().close()
  }
}
