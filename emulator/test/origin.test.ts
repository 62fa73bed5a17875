import type { TestEmulator } from './helpers'
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../context'
import { DEFAULT_ORIGINS, normalizeOrigin, parseOrigins } from '../origin'
import { addUsers, apiKey, APP_ID, client, startTestEmulator } from './helpers'

// A local tool with a public demo key: a page on another site must not be able to drive it.
let emu: TestEmulator
const call = client(() => emu.url)
const EXTRA = ['http://127.0.0.1:8080', 'https://desk.example.com']
const EVIL = 'https://evil.example'
let nonce = 5000

beforeAll(async () => {
  emu = await startTestEmulator({ corsOrigins: EXTRA })
  addUsers(emu, [1, 2])
})
afterAll(() => emu.stop())

const count = (table: string): number => emu.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

function signedForm(): string {
  const params: Record<string, string> = { application_id: String(APP_ID), auth_key: DEFAULT_CONFIG.authKey, nonce: String(nonce++), timestamp: String(Math.floor(Date.now() / 1000)) }
  const base = Object.keys(params).sort().map(k => `${k}=${params[k]}`).join('&')
  return new URLSearchParams({ ...params, signature: createHmac('sha1', DEFAULT_CONFIG.authSecret).update(base).digest('hex') }).toString()
}

const preflight = (origin: string, method = 'POST') => fetch(`${emu.url}/chat/Dialog.json`, { method: 'OPTIONS', headers: {
  'Origin': origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization,on-behalf-of,content-type',
} })

describe('allowed origins', () => {
  it('are the dashboard\'s dev and preview origins, by IP and by name, plus --cors-origin', async () => {
    expect(DEFAULT_ORIGINS).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173', 'http://127.0.0.1:4173', 'http://localhost:4173'])
    for (const origin of [...DEFAULT_ORIGINS, ...EXTRA]) {
      const pre = await preflight(origin)
      expect(pre.status, origin).toBe(204)
      expect(pre.headers.get('access-control-allow-origin'), origin).toBe(origin)
      expect(pre.headers.get('vary')).toContain('Origin')
      const list = await fetch(`${emu.url}/chat/Dialog.json`, { headers: { Origin: origin, ...apiKey(1) } })
      expect(list.status).toBe(200)
      expect(list.headers.get('access-control-allow-origin')).toBe(origin)
    }
  })

  it('let the dashboard write, with the Origin its proxy passes on', async () => {
    const r = await call('POST', '/chat/Dialog.json', { headers: { ...apiKey(1), Origin: 'http://127.0.0.1:5173' }, json: { type: 2, name: 'From the dashboard', occupants_ids: '2' } })
    expect(r.status).toBe(201)
  })

  it('requests without Origin (curl, SDKs in Node) work and get no CORS grant', async () => {
    const r = await call('GET', '/chat/Dialog.json', { headers: apiKey(1) })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    const session = await call('POST', '/session.json', { form: signedForm() })
    expect(session.status).toBe(201)
  })
})

describe('another origin', () => {
  const refused = '{"errors":["Requests from this origin are not allowed (start the emulator with --cors-origin to allow it)."]}'

  it('gets 403 and no Access-Control-Allow-Origin for a preflight', async () => {
    for (const origin of [EVIL, 'http://127.0.0.1:5174', 'http://localhost:3000', 'null', 'http://127.0.0.1:5173.evil.example']) {
      const r = await preflight(origin, 'PUT')
      expect(r.status, origin).toBe(403)
      expect(r.headers.get('access-control-allow-origin'), origin).toBeNull()
      expect(r.headers.get('access-control-allow-methods')).toBeNull()
      expect(await r.text()).toBe(refused)
    }
  })

  it('gets 403 for reads, even with the API key, and no CORS grant', async () => {
    const r = await fetch(`${emu.url}/chat/Dialog.json`, { headers: { Origin: EVIL, ...apiKey(1) } })
    expect(r.status).toBe(403)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    expect(r.headers.get('vary')).toBe('Origin')
    expect(await r.text()).toBe(refused)
  })

  it('gets 403 for a simple cross-site form POST (sent without preflight) before it touches the database', async () => {
    const sessions = count('sessions')
    const nonces = count('session_nonces')
    const dialogs = count('dialogs')
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Origin': EVIL }
    const session = await call('POST', '/session.json', { headers: form, body: signedForm() })
    expect(session.status).toBe(403)
    expect(session.text).toBe(refused)
    // A form can't carry Authorization; even a request that does is refused for its origin alone.
    const dialog = await call('POST', '/chat/Dialog.json', { headers: { ...form, ...apiKey(1) }, body: 'type=2&name=Pwned&occupants_ids=2' })
    expect(dialog.status).toBe(403)
    const user = await call('POST', '/users.json', { headers: { ...form, ...apiKey() }, body: 'user[login]=pwned&user[password]=pwned-password' })
    expect(user.status).toBe(403)
    const text = await call('POST', '/chat/Message.json', { headers: { 'Content-Type': 'text/plain', 'Origin': EVIL, ...apiKey(1) }, body: '{"chat_dialog_id":"x","message":"hi"}' })
    expect(text.status).toBe(403)
    expect([count('sessions'), count('session_nonces'), count('dialogs')]).toEqual([sessions, nonces, dialogs])
  })
})

describe('--cors-origin', () => {
  it('normalises origins as a browser writes them and refuses what is not one', () => {
    expect(parseOrigins(['HTTP://Desk.Example.com:80/', 'https://a.example:8443,http://[::1]:5173', ' '])).toEqual(['http://desk.example.com', 'https://a.example:8443', 'http://[::1]:5173'])
    for (const bad of ['desk.example.com', 'ftp://x.example', 'http://x.example/path', 'http://x.example?q', 'http://user:pw@x.example', '*'])
      expect(() => normalizeOrigin(bad), bad).toThrow('is not an origin')
  })

  it('is repeatable and takes comma lists on the command line; a bad one is a usage error', async () => {
    const run = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--db', ':memory:', '--seed', 'none', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const child = run(['--cors-origin', 'http://127.0.0.1:9000,http://localhost:9000', '--cors-origin', 'https://desk.example.com'])
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          if (out.includes('Origins:')) resolve(out)
        })
        child.once('exit', code => reject(new Error(`exited ${code}`)))
      })
      expect(banner).toContain('Origins:     http://127.0.0.1:5173, http://localhost:5173, http://127.0.0.1:4173, http://localhost:4173, http://127.0.0.1:9000, http://localhost:9000, https://desk.example.com')
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!
      const r = await fetch(`${url}/health`, { headers: { Origin: 'http://localhost:9000' } })
      expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:9000')
      expect((await fetch(`${url}/health`, { headers: { Origin: 'http://localhost:9001' } })).status).toBe(403)
    }
    finally {
      child.kill('SIGTERM')
    }
    const bad = run(['--cors-origin', 'evil.example'])
    let stderr = ''
    bad.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    expect(await new Promise(resolve => bad.once('exit', resolve))).toBe(2)
    expect(stderr).toContain('invalid --cors-origin: "evil.example" is not an origin')
  })
})
