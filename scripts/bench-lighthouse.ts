/**
 * One Lighthouse 12 run of one page for `npm run bench:pages`: Chromium through puppeteer-core
 * (the one Lighthouse itself uses, so its Page type fits), a fresh browser context per run, the
 * session put into sessionStorage before any page script (never into a URL), the mobile or
 * desktop preset with Lighthouse's default simulated throttling, performance category only.
 */
import type { Browser } from 'puppeteer-core'
import type * as PuppeteerModule from 'puppeteer-core'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import lighthouse, { desktopConfig } from 'lighthouse'
import { CHROMIUM_ARGS } from './browser'

// Resolved from Lighthouse's own folder: the copy its API is written against.
const puppeteer = createRequire(fileURLToPath(import.meta.resolve('lighthouse')))('puppeteer-core') as typeof PuppeteerModule

export type Preset = 'mobile' | 'desktop'

export interface PageRun {
  score: number
  fcp: number
  lcp: number
  tbt: number
  cls: number
  /** Gzip size (level 9, of the files on disk) of every script the page loaded. */
  jsGzip: number
  jsFiles: number
  /** Bytes on the wire for those scripts, as served (br or gzip). */
  jsTransfer: number
  requests: number
  finalPath: string
}

interface NetworkItem { url: string, resourceType?: string, transferSize?: number }

export async function launchLighthouseBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
}

const gzipSizes = new Map<string, number>()
function gzipOf(file: string): number {
  let size = gzipSizes.get(file)
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 9 }).length
    gzipSizes.set(file, size)
  }
  return size
}

/**
 * Runs Lighthouse once on `url`. `session` (sessionStorage key and value) is set in every
 * document of the page's origin before its scripts; `dist` is the folder the site serves, to
 * size its scripts. `secret` must not appear in any URL the page requested.
 */
export async function runLighthouse(browser: Browser, options: { url: string, preset: Preset, dist: string, session?: [string, string], secret?: string }): Promise<PageRun> {
  const context = await browser.createBrowserContext()
  try {
    const page = await context.newPage()
    if (options.session) {
      const origin = new URL(options.url).origin
      // A string, so tsx adds no helper the page lacks; about:blank has no storage to set.
      await page.evaluateOnNewDocument(`(() => { try { if (location.origin === ${JSON.stringify(origin)}) sessionStorage.setItem(${JSON.stringify(options.session[0])}, ${JSON.stringify(options.session[1])}) } catch {} })()`)
    }
    const settings = { onlyCategories: ['performance'] }
    const config = options.preset === 'desktop'
      ? { ...desktopConfig, settings: { ...desktopConfig.settings, ...settings } }
      : { extends: 'lighthouse:default', settings }
    const result = await lighthouse(options.url, { logLevel: 'error', output: 'json' }, config, page)
    if (!result)
      throw new Error(`${options.url}: Lighthouse returned nothing`)
    const { lhr } = result
    if (lhr.runtimeError)
      throw new Error(`${options.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN
    const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? [])
    if (options.secret && items.some(item => item.url.includes(options.secret!)))
      throw new Error(`${options.url}: the API key appeared in a request URL`)
    const origin = new URL(options.url).origin
    const scripts = items.filter(item => item.resourceType === 'Script' && item.url.startsWith(origin))
    const jsGzip = scripts.reduce((sum, item) => sum + gzipOf(join(options.dist, new URL(item.url).pathname)), 0)
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      jsGzip,
      jsFiles: scripts.length,
      jsTransfer: scripts.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
      requests: items.length,
      finalPath: new URL(lhr.finalDisplayedUrl).pathname,
    }
  }
  finally {
    await context.close()
  }
}
