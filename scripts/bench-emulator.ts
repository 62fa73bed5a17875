/**
 * Benchmarks the emulator at scale: fills (or reuses) a database with 100,000 dialogs and
 * 1,000,000 messages, starts the emulator in a child process, and measures latency and
 * throughput over loopback. Usage:
 *   npm run bench:emulator -- [--db FILE] [--requests 300] [--dialogs 100000] [--messages 1000000] [--client http|fetch]
 *
 * The client is node:http with keep-alive by default. `--client fetch` uses Node's fetch (undici),
 * which on the machines here adds 0.5–1.5 ms of its own to every round trip: that is the client's
 * time, not the emulator's, so it is kept only to compare.
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { DEFAULT_CONFIG } from '../emulator/context'
import { ADJECTIVES, fillDatabase, NOUNS } from '../emulator/fill'

interface Scenario {
  name: string
  request: (i: number) => { method: string, path: string, body?: string, onBehalfOf?: number }
}

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    requests: { type: 'string', default: '300' },
    dialogs: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '8' },
    client: { type: 'string', default: 'http' },
  },
  strict: true,
})
const requests = Number(values.requests)
const concurrency = Number(values.concurrency)
if (values.client !== 'http' && values.client !== 'fetch') throw new Error(`--client is http or fetch, not "${values.client}"`)
const client = values.client

const tempDir = values.db ? undefined : mkdtempSync(join(tmpdir(), 'qb-bench-'))
const file = values.db ?? join(tempDir!, 'bench.db')
if (!existsSync(file)) {
  console.log(`filling ${file} with ${values.dialogs} dialogs and ${values.messages} messages…`)
  const result = fillDatabase(file, { dialogs: Number(values.dialogs), messages: Number(values.messages), users: 1000, largeShare: 0.05 })
  console.log(`filled in ${result.seconds.toFixed(1)} s`)
}
const meta = new Database(file, { readonly: true })
const metaValue = (key: string) => (meta.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value
const largeDialog = metaValue('fill_large_dialog')
const term = metaValue('fill_name_term') ?? 'falcon'
const counts = meta.prepare('SELECT (SELECT count(*) FROM dialogs) AS dialogs, (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM messages WHERE dialog_id = ?) AS large').get(largeDialog ?? '') as { dialogs: number, messages: number, large: number }
const dialogSample = (meta.prepare('SELECT id FROM dialogs WHERE type = 2 ORDER BY seq LIMIT 1000').all() as { id: string }[]).map(r => r.id)
meta.close()
if (!largeDialog) throw new Error(`${file} was not made by emulator/fill.ts (no fill_large_dialog in meta)`)
console.log(`database: ${counts.dialogs} dialogs, ${counts.messages} messages; large dialog ${largeDialog} has ${counts.large} messages`)

function startServer(): Promise<{ url: string, child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--db', file, '--port', '0', '--seed', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve({ url: match[1]!, child })
    })
    child.once('exit', code => reject(new Error(`emulator exited with ${code}: ${out}`)))
  })
}

const headers = { 'Authorization': `ApiKey ${DEFAULT_CONFIG.apiKey}`, 'Content-Type': 'application/json' }

interface Answer { status: number, timing: string }

const agent = new Agent({ keepAlive: true })

/** One request with node:http over a kept-alive connection; the body is read to its end. */
function viaHttp(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      res.on('data', () => {})
      res.on('end', () => resolve({ status: res.statusCode ?? 0, timing: String(res.headers['server-timing'] ?? '') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function viaFetch(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  const response = await fetch(url, { method, headers, body })
  await response.arrayBuffer()
  return { status: response.status, timing: response.headers.get('server-timing') ?? '' }
}

/** Round-trip time over loopback, and the time the emulator itself reports in Server-Timing. */
async function once(url: string, s: Scenario, i: number): Promise<[number, number, number]> {
  const { method, path, body, onBehalfOf } = s.request(i)
  const sent = onBehalfOf ? { ...headers, 'On-Behalf-Of': String(onBehalfOf) } : headers
  const t0 = performance.now()
  const answer = await (client === 'http' ? viaHttp : viaFetch)(url + path, method, sent, body)
  const ms = performance.now() - t0
  if (answer.status >= 400) throw new Error(`${s.name}: ${method} ${path} → ${answer.status}`)
  const server = Number(/app;dur=([\d.]+)/.exec(answer.timing)?.[1] ?? Number.NaN)
  const cpu = Number(/cpu;dur=([\d.]+)/.exec(answer.timing)?.[1] ?? Number.NaN)
  return [ms, server, cpu]
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/**
 * Words of the fill's dialog names, each in about a thousand to two and a half thousand of them: 90 of
 * them in turn, more than the emulator keeps search results for, so every request searches afresh.
 */
const SEARCH_WORDS = [...NOUNS, ...ADJECTIVES].map(w => w.toLowerCase())

const scenarios: Scenario[] = [
  { name: 'baseline: GET /health (HTTP floor)', request: () => ({ method: 'GET', path: '/health' }) },
  { name: 'list dialogs sort_desc=last_message_date_sent limit=100', request: i => ({ method: 'GET', path: `/chat/Dialog.json?sort_desc=last_message_date_sent&limit=100&skip=${(i % 10) * 100}` }) },
  { name: `same + name[ctn]=${term}`, request: i => ({ method: 'GET', path: `/chat/Dialog.json?sort_desc=last_message_date_sent&limit=100&name[ctn]=${term}&skip=${(i % 5) * 100}` }) },
  { name: 'same + name[ctn], a different word each request (no cached result)', request: i => ({ method: 'GET', path: `/chat/Dialog.json?sort_desc=last_message_date_sent&limit=100&name[ctn]=${SEARCH_WORDS[i % SEARCH_WORDS.length]}` }) },
  { name: 'list 100 messages of the large dialog', request: i => ({ method: 'GET', path: `/chat/Message.json?chat_dialog_id=${largeDialog}&limit=100&sort_desc=date_sent&mark_as_read=0&skip=${(i % 20) * 100}` }) },
  { name: 'extra: list dialogs as a user (On-Behalf-Of)', request: i => ({ method: 'GET', path: '/chat/Dialog.json?sort_desc=last_message_date_sent&limit=100', onBehalfOf: 1001 + (i % 50) }) },
  { name: 'update a dialog (PUT name)', request: i => ({ method: 'PUT', path: `/chat/Dialog/${dialogSample[i % dialogSample.length]}.json`, body: JSON.stringify({ name: `Bench rename ${i}` }) }) },
]

const { url, child } = await startServer()
const rows: string[][] = []
try {
  for (const s of scenarios) {
    for (let i = 0; i < 20; i++) await once(url, s, i)
    const times: number[] = []
    const serverTimes: number[] = []
    const cpuTimes: number[] = []
    const t0 = performance.now()
    for (let i = 0; i < requests; i++) {
      const [ms, server, cpu] = await once(url, s, i)
      times.push(ms)
      serverTimes.push(server)
      cpuTimes.push(cpu)
    }
    const serialSeconds = (performance.now() - t0) / 1000
    let next = 0
    const c0 = performance.now()
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < requests) await once(url, s, next++)
    }))
    const concurrentSeconds = (performance.now() - c0) / 1000
    times.sort((a, b) => a - b)
    serverTimes.sort((a, b) => a - b)
    cpuTimes.sort((a, b) => a - b)
    rows.push([s.name, String(requests), percentile(times, 50).toFixed(2), percentile(times, 95).toFixed(2), percentile(times, 99).toFixed(2),
      percentile(serverTimes, 50).toFixed(2), percentile(serverTimes, 95).toFixed(2), percentile(cpuTimes, 50).toFixed(2),
      (requests / serialSeconds).toFixed(0), (requests / concurrentSeconds).toFixed(0)])
  }
}
finally {
  agent.destroy()
  child.kill('SIGTERM')
  if (tempDir) rmSync(tempDir, { recursive: true, force: true })
}

const head = ['scenario', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'server p50', 'server p95', 'server CPU p50', 'req/s (1 at a time)', `req/s (${concurrency} in flight)`]
const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
console.log()
console.log(`${counts.dialogs} dialogs, ${counts.messages} messages, loopback, ${client === 'http' ? 'node:http client (keep-alive)' : 'fetch client (undici)'}, Node ${process.version}, load average ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
console.log('p50/p95/p99: round trip measured by the client; server p50/p95: handler wall time, server CPU p50: handler CPU time (both from Server-Timing)')
console.log(line(head))
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`)
for (const r of rows) console.log(line(r))
