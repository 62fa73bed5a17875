/**
 * Benchmarks the Messages tab: a dialog with 100,000 messages (filled straight into a temp
 * SQLite database), the production build behind `vite preview` with its /api proxy, and
 * Chromium driven by Playwright. Measures the time to the first messages, then scrolls back
 * 5,000 messages (older pages load as the list nears its end) and reports time, JS heap and
 * DOM nodes. Loopback only; every child process is stopped at the end. Usage:
 *   npm run bench:messages -- [--messages 100000] [--scroll 5000] [--dist DIR (skip the build)]
 */
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { fillDatabase } from '../emulator/fill'
import { addSession, runBench } from './bench-harness'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    scroll: { type: 'string', default: '5000' },
    dist: { type: 'string' },
  },
  strict: true,
})
const MESSAGES = Number(values.messages)
const SCROLL_BACK = Number(values.scroll)
const API_KEY = 'bench-messages-key'
const STEP_TIMEOUT_MS = 180_000

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

runBench({ name: 'bench-messages' }, async (bench) => {
  // 1. Data: one group dialog holding every message.
  const file = join(bench.temp, 'bench.db')
  console.log(`filling ${file} with ${MESSAGES} messages in one dialog…`)
  const filled = fillDatabase(file, { dialogs: 5, messages: MESSAGES, users: 200, largeShare: 1 })
  const db = new Database(file, { readonly: true })
  const dialog = db.prepare('SELECT id, user_id FROM dialogs WHERE id = ?').get(filled.largeDialogId) as { id: string, user_id: number }
  const count = (db.prepare('SELECT count(*) AS n FROM messages WHERE dialog_id = ?').get(dialog.id) as { n: number }).n
  db.close()
  console.log(`filled in ${filled.seconds.toFixed(1)} s: dialog ${dialog.id} has ${count} messages; acting as its owner ${dialog.user_id}`)

  // 2. Emulator and the production build behind vite preview's proxy.
  const emulatorUrl = await bench.startEmulator(['--db', file, '--seed', 'none', '--api-key', API_KEY])
  const dist = bench.build(values.dist, 'building the app…')
  const appUrl = await bench.startPreview(dist, emulatorUrl)

  // 3. The browser.
  const browser = await bench.launchChromium(['--enable-precise-memory-info'])
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
  await addSession(page, API_KEY, dialog.user_id)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const listRequests: URL[] = []
  page.on('request', (r) => {
    if (r.method() === 'GET' && r.url().includes('/api/chat/Message.json'))
      listRequests.push(new URL(r.url()))
  })

  async function metrics() {
    await cdp.send('HeapProfiler.collectGarbage')
    const { metrics: list } = await cdp.send('Performance.getMetrics')
    const get = (name: string) => list.find(m => m.name === name)?.value ?? 0
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length)
    const rendered = await page.getByRole('listitem').count()
    return { heap: get('JSHeapUsedSize'), totalHeap: get('JSHeapTotalSize'), domNodes, rendered }
  }

  // Warm the app's chunks once (as a returning visitor would have them), then measure.
  await page.goto(`${appUrl}/dialogs`)
  await page.getByRole('table').waitFor({ timeout: STEP_TIMEOUT_MS })

  const status = page.getByText(/messages? loaded, newest first/)
  const t0 = performance.now()
  await page.goto(`${appUrl}/dialogs/${dialog.id}/messages`)
  await page.getByRole('listitem').first().waitFor({ timeout: STEP_TIMEOUT_MS })
  const firstMs = performance.now() - t0
  const atFirst = await metrics()

  const loadedNow = async () => Number(/^(\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0)
  const target = 100 + SCROLL_BACK
  // Scroll to the end of the list again and again, as fast as frames allow; each time the
  // list nears its end the tab asks for the next older page. The loop runs in the page, so
  // no test-driver round trip is counted.
  const t1 = performance.now()
  const scrolls = await page.evaluate(async ({ target, timeout }) => {
    // The timeline has no box of its own: what scrolls is the page (its nearest scrolling ancestor).
    let list = document.querySelector('[role="list"][aria-label="Messages"]')?.parentElement ?? null
    while (list && list !== document.body && !(/auto|scroll/.test(getComputedStyle(list).overflowY) && list.scrollHeight > list.clientHeight))
      list = list.parentElement
    if (!list || list === document.body)
      list = document.scrollingElement as HTMLElement
    const status = document.querySelector('.messages-tab .status')
    if (!status)
      throw new Error('message list not found')
    // No named helper functions in here: tsx would wrap them in a __name() the page lacks.
    const started = performance.now()
    let n = 0
    while (Number(/^(\d+)/.exec(status.textContent?.trim() ?? '')?.[1] ?? 0) < target) {
      if (performance.now() - started > timeout)
        throw new Error(`messages still loading after ${timeout / 1000} s: ${status.textContent}`)
      list.scrollTop = list.scrollHeight
      n++
      await new Promise(requestAnimationFrame)
    }
    return n
  }, { target, timeout: STEP_TIMEOUT_MS })
  const scrollMs = performance.now() - t1
  // One wheel step with everything loaded, to show the list stays light.
  await page.getByRole('list', { name: 'Messages' }).hover()
  const t2 = performance.now()
  await page.mouse.wheel(0, -20_000)
  await page.evaluate(() => new Promise(requestAnimationFrame))
  const frameMs = performance.now() - t2
  const afterScroll = await metrics()
  const loaded = await loadedNow()
  // The server's share: the last page's request sent straight to the emulator, p50 of 15.
  const last = listRequests.at(-1)!
  const direct = new URL(`/chat/Message.json${last.search}`, emulatorUrl)
  const times: number[] = []
  for (let i = 0; i < 15; i++) {
    const t = performance.now()
    await (await fetch(direct, { headers: { 'Authorization': `ApiKey ${API_KEY}`, 'On-Behalf-Of': String(dialog.user_id) } })).arrayBuffer()
    times.push(performance.now() - t)
  }
  const serverP50 = times.sort((a, b) => a - b)[7]!
  const allUnread = listRequests.every(u => u.searchParams.get('mark_as_read') === '0')

  const rows: [string, string][] = [
    ['messages in the dialog', String(count)],
    ['time to first messages shown', seconds(firstMs)],
    ['  JS heap used (after GC)', mb(atFirst.heap)],
    ['  DOM nodes / rendered messages', `${atFirst.domNodes} / ${atFirst.rendered}`],
    [`scroll back to ${target} loaded (${loaded} now)`, `${seconds(scrollMs)} (${scrolls} scroll frames, ${(scrollMs / ((listRequests.length - 1) || 1)).toFixed(0)} ms a page)`],
    ['  list requests (all mark_as_read=0)', `${listRequests.length} (${allUnread ? 'yes' : 'NO'})`],
    ['  one page straight from the emulator (p50)', `${serverP50.toFixed(0)} ms`],
    ['  JS heap used (after GC)', mb(afterScroll.heap)],
    ['  DOM nodes / rendered messages', `${afterScroll.domNodes} / ${afterScroll.rendered}`],
    ['  one big wheel step + frame', `${frameMs.toFixed(0)} ms`],
  ]
  const width = Math.max(...rows.map(r => r[0].length))
  console.log(`\nMessages tab benchmark (Chromium ${browser.version()}, loopback)\n`)
  console.log(`${'measure'.padEnd(width)} | value`)
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(24)}`)
  for (const [label, value] of rows)
    console.log(`${label.padEnd(width)} | ${value}`)
  if (!allUnread)
    process.exitCode = 1
})
