import type { IncomingHttpHeaders } from 'node:http'
import { readdirSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
import { connect } from 'node:http2'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { HOSTED_DIST } from '../playwright.hosted.config'
import { APP, expect, HOSTED, signInQuickly, test } from './hosted'

/** What a dialog row is in the list's markup (as scripts/bench-pages-timings.ts counts it). */
const DIALOG_ROW = 'tbody tr'

interface Answer { status: number, headers: IncomingHttpHeaders, body: Buffer }

/** A GET with exactly the Accept-Encoding given (none when undefined), the body as sent. */
function rawGet(path: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }
    get({ host: '127.0.0.1', port: HOSTED.port, path, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

function decode(answer: Answer): Buffer {
  switch (answer.headers['content-encoding']) {
    case 'br': return brotliDecompressSync(answer.body)
    case 'gzip': return gunzipSync(answer.body)
    default: return answer.body
  }
}

/** The files of the build the sites serve (made once the web servers have started). */
function built() {
  const assets = readdirSync(join(HOSTED_DIST, 'assets'))
  return {
    assets,
    scripts: assets.filter(name => name.endsWith('.js')),
    styles: assets.filter(name => name.endsWith('.css')),
    entry: readFileSync(join(HOSTED_DIST, 'index.html'), 'utf8').match(/src="\.\/assets\/([^"]+\.js)"/)![1]!,
  }
}

test.describe('serving: precompressed assets, caching, CSP, HTTP/2', () => {
  test('the build writes .br and .gz beside every script and style, never beside index.html or config.json', () => {
    const { assets, scripts, styles } = built()
    expect(scripts.length).toBeGreaterThan(1)
    for (const name of [...scripts, ...styles]) {
      if (readFileSync(join(HOSTED_DIST, 'assets', name)).length < 512)
        continue
      expect(assets, name).toContain(`${name}.br`)
      expect(assets, name).toContain(`${name}.gz`)
    }
    const top = readdirSync(HOSTED_DIST)
    expect(top.filter(name => /^(?:index\.html|config\.json)\.(?:br|gz)$/.test(name))).toEqual([])
  })

  test('an asset is Brotli when asked, gzip otherwise, the file itself for neither; always Vary and immutable', async () => {
    const { scripts, styles, entry } = built()
    const style = styles.find(name => readFileSync(join(HOSTED_DIST, 'assets', name)).length >= 512)!
    for (const name of [entry, style, scripts.find(s => s !== entry)!]) {
      const plain = readFileSync(join(HOSTED_DIST, 'assets', name))
      const cases: [string | undefined, string | undefined][] = [['br, gzip, deflate', 'br'], ['br', 'br'], ['gzip, deflate', 'gzip'], [undefined, undefined], ['identity', undefined]]
      for (const [ask, expected] of cases) {
        const answer = await rawGet(`${APP}assets/${name}`, ask)
        const label = `${name} with Accept-Encoding: ${ask ?? '(none)'}`
        expect(answer.status, label).toBe(200)
        expect(answer.headers['content-encoding'], label).toBe(expected)
        expect(answer.headers.vary, label).toBe('Accept-Encoding')
        expect(answer.headers['cache-control'], label).toBe('public, max-age=31536000, immutable')
        expect(answer.headers['content-security-policy'], label).toContain('frame-ancestors \'none\'')
        expect(decode(answer).equals(plain), label).toBe(true)
        if (expected)
          expect(answer.body.length, label).toBeLessThan(plain.length)
      }
    }
  })

  test('index.html is rewritten for the prefix and compressed on the fly; config.json as edited', async () => {
    const index = await rawGet(`${APP}dialogs`, 'br, gzip')
    expect(index.headers['content-encoding']).toBe('gzip')
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(decode(index).toString()).toContain(`<base href="${APP}" />`)
    const config = await rawGet(`${APP}config.json`, 'br, gzip')
    expect(config.headers['cache-control']).toBe('no-cache')
    expect(JSON.parse(decode(config).toString())).toMatchObject(HOSTED.config)
  })

  test('the CSP\'s img-src comes from the deploy config, beside \'self\' data: blob:', async () => {
    const expected = `img-src 'self' data: blob: ${HOSTED.imgSrc};`
    const { entry } = built()
    for (const path of [APP, `${APP}dialogs/abc`, `${APP}assets/${entry}`, `${APP}config.json`]) {
      const answer = await rawGet(path)
      expect(answer.headers['content-security-policy'], path).toContain(expected)
    }
  })

  test('the TLS sample speaks HTTP/2 and serves the same precompressed files', async () => {
    const { entry } = built()
    const session = connect(`https://127.0.0.1:${HOSTED.tlsPort}`, { rejectUnauthorized: false })
    try {
      await new Promise<void>((resolve, reject) => session.once('connect', () => resolve()).once('error', reject))
      expect(session.alpnProtocol).toBe('h2')
      const request = (path: string, acceptEncoding: string) => new Promise<{ headers: Record<string, unknown>, body: Buffer }>((resolve, reject) => {
        const stream = session.request({ ':path': path, 'accept-encoding': acceptEncoding })
        const chunks: Buffer[] = []
        let headers: Record<string, unknown> = {}
        stream.on('response', (h) => {
          headers = h
        })
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => resolve({ headers, body: Buffer.concat(chunks) }))
        stream.on('error', reject)
      })
      const index = await request(APP, 'gzip')
      expect(index.headers[':status']).toBe(200)
      expect(gunzipSync(index.body).toString()).toContain(`<base href="${APP}" />`)
      const script = await request(`${APP}assets/${entry}`, 'br, gzip')
      expect(script.headers[':status']).toBe(200)
      expect(script.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(script.body).equals(readFileSync(join(HOSTED_DIST, 'assets', entry)))).toBe(true)
    }
    finally {
      session.close()
    }
  })

  test('the TLS site works in the browser: signed in, the dialog list shows', async ({ browser }) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true })
    const page = await context.newPage()
    await signInQuickly(page)
    await page.goto(`https://127.0.0.1:${HOSTED.tlsPort}${APP}dialogs`)
    await expect(page.getByText(/^Showing 1–25 of \d+ dialogs$/)).toBeVisible()
    await context.close()
  })

  test('at most 15 requests before the first dialog row; config.json comes once, from the preload', async ({ page }) => {
    await signInQuickly(page)
    // Notes when the first row is in the page, before any page script runs (a string: no helpers from the bundler).
    await page.addInitScript(`new MutationObserver((_, observer) => {
      if (document.querySelector(${JSON.stringify(DIALOG_ROW)})) { window.__firstRowAt = performance.now(); observer.disconnect() }
    }).observe(document, { childList: true, subtree: true })`)
    await page.goto(`${APP}dialogs`)
    await expect(page.locator(DIALOG_ROW).first()).toBeVisible()
    const seen = await page.evaluate(() => {
      const rowAt = (window as unknown as { __firstRowAt: number }).__firstRowAt
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      return {
        before: resources.filter(r => r.startTime < rowAt).map(r => new URL(r.name).pathname),
        config: resources.filter(r => r.name.endsWith('/config.json')).map(r => r.initiatorType),
      }
    })
    // The document itself is the one request that is not a resource entry.
    expect(seen.before.length + 1, seen.before.join('\n')).toBeLessThanOrEqual(15)
    expect(seen.before.some(path => path.endsWith('/chat/Dialog.json'))).toBe(true)
    expect(seen.config).toEqual(['link'])
  })
})
