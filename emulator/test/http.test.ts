import type { DialogList } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../server'
import { addUsers, apiKey, client, DOC_API_KEY, putDialog, putMessage, startTestEmulator } from './helpers'

// Transport-level behaviour: health, CORS, paths, bodies, limits, fuzzing, persistence.
let emu: TestEmulator
const call = client(() => emu.url)
const DIALOG = 'abcdefabcdefabcdefabcdef'
const MESSAGE = 'abcdefabcdefabcdef000001'

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [1, 2])
  putDialog(emu, { id: DIALOG, type: 2, owner: 1, occupants: [1, 2] })
  putMessage(emu, { id: MESSAGE, dialogId: DIALOG, sender: 1 })
})
afterAll(() => emu.stop())

describe('transport', () => {
  it('GET /health needs no auth', async () => {
    const r = await call('GET', '/health')
    expect(r.status).toBe(200)
    expect(r.text).toBe('{"ok":true}')
  })

  it('answers CORS preflights from the dashboard\'s origin with that origin (see origin.test.ts for the rest)', async () => {
    const r = await fetch(`${emu.url}/chat/Dialog.json`, { method: 'OPTIONS', headers: {
      'Origin': 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,on-behalf-of,qb-token,content-type',
    } })
    expect(r.status).toBe(204)
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const allowed = (r.headers.get('access-control-allow-headers') ?? '').toLowerCase()
    for (const h of ['authorization', 'on-behalf-of', 'qb-token', 'content-type', 'qb-sdk', 'qb-os', 'quickblox-rest-api-version']) expect(allowed).toContain(h)
    expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS')
    const get = await fetch(`${emu.url}/chat/Dialog.json`, { headers: { Origin: 'http://127.0.0.1:5173', ...apiKey() } })
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(get.headers.get('access-control-expose-headers')).toContain('QB-Token-ExpirationDate')
    const error = await fetch(`${emu.url}/chat/Dialog.json`, { headers: { Origin: 'http://127.0.0.1:4173' } })
    expect(error.status).toBe(401)
    expect(error.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173')
  })

  it('serves paths with and without .json, and encoded brackets in queries', async () => {
    const a = await call('GET', '/chat/Dialog.json?limit=1', { headers: apiKey() })
    const b = await call('GET', '/chat/Dialog?limit=1', { headers: apiKey() })
    expect(a.text).toBe(b.text)
    const c = await call('GET', `/chat/Dialog.json?${encodeURIComponent('_id[in]')}=${encodeURIComponent(`${DIALOG},x`)}`, { headers: apiKey() })
    expect((c.json() as DialogList).total_entries).toBe(1)
  })

  it('404 JSON for unknown routes', async () => {
    const r = await call('GET', '/nope.json', { headers: apiKey() })
    expect(r.status).toBe(404)
    expect(r.text).toBe('{"errors":["The resource wasn\'t found"]}')
  })

  it('413 for bodies over 1 MB', async () => {
    const r = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: apiKey(1), json: { name: 'x', data: { class_name: 'Big', blob: 'x'.repeat(1_100_000) } } })
    expect(r.status).toBe(413)
    expect(r.text).toBe('{"errors":["Request body is too large (maximum is 1048576 bytes)."]}')
  })

  it('reads a JSON body sent with curl\'s default form content type', async () => {
    const r = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: { ...apiKey(1), 'Content-Type': 'application/x-www-form-urlencoded' }, body: '{"name":"From curl -d"}' })
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ name: 'From curl -d' })
  })

  it('400 for malformed JSON and non-object JSON', async () => {
    const bad = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: { ...apiKey(1), 'Content-Type': 'application/json' }, body: '{"name": ' })
    expect(bad.status).toBe(400)
    expect(bad.text).toBe('{"errors":["Malformed JSON in request body."]}')
    const arr = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: { ...apiKey(1), 'Content-Type': 'application/json' }, body: '[1,2]' })
    expect(arr.status).toBe(400)
    expect(arr.text).toBe('{"errors":["Request body must be a JSON object."]}')
  })

  it('never answers 500 to bad input', async () => {
    const headers = apiKey(1)
    const json = { ...headers, 'Content-Type': 'application/json' }
    const requests: [string, string, Record<string, string>, string?][] = [
      ['POST', '/chat/Dialog.json', json, '{"type":2,"occupants_ids":{"a":{"b":1}}}'],
      ['POST', '/chat/Dialog.json', json, '{"type":[2],"name":{"x":1}}'],
      ['POST', '/chat/Dialog.json', json, '{"type":2,"name":"x","data":{"class_name":{"$gt":""}}}'],
      ['POST', '/chat/Dialog.json', json, '{"type":2,"name":"x","data":[1,2]}'],
      ['POST', '/chat/Dialog.json', json, '{"type":2,"photo":["x"]}'],
      ['POST', '/chat/Dialog.json', json, '{"type":3,"occupants_ids":"99999999999999999999"}'],
      ['POST', '/chat/Dialog.json', json, 'null'],
      ['POST', '/chat/Dialog.json', json, '"string"'],
      ['POST', '/chat/Dialog.json', json, '{"__proto__":{"type":2}}'],
      ['POST', '/chat/Dialog.json', { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, 'type=2&occupants_ids[a][b][c][d][e][f][g]=1'],
      ['POST', '/chat/Dialog.json', { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, '%%%%&&&==='],
      ['POST', '/chat/Dialog.json', { ...headers, 'Content-Type': 'multipart/form-data; boundary=x' }, '--x--'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"push_all":[1,2]}'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"push_all":{"occupants_ids":{"x":1}}}'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"pull_all":{"admin_ids":null}}'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"user_id":[1]}'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"data":{"class_name":"A","x":{"y":1}}}'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"data":{"class_name":"A","bad key":"1"}}'],
      ['PUT', '/chat/Dialog/%ZZ.json', json, '{}'],
      ['PUT', '/chat/Dialog/\'%20OR%201=1--.json', json, '{"name":"x"}'],
      ['GET', '/chat/Dialog.json?name[ctn][x]=1', headers],
      ['GET', '/chat/Dialog.json?limit[]=1&skip=abc', headers],
      ['GET', '/chat/Dialog.json?sort_desc[]=name', headers],
      ['GET', '/chat/Dialog.json?data[class_name][in]=1', headers],
      ['GET', '/chat/Dialog.json?data[a.b]=1', headers],
      ['GET', '/chat/Dialog.json?occupants_ids[all]=a,b', headers],
      ['GET', '/chat/Dialog.json?name[ctn]=%00%00%00', headers],
      ['GET', '/chat/Dialog.json?name[ctn]=a%00b', headers],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, json, '{"name":"nul\\u0000name"}'],
      ['PUT', `/chat/Dialog/${DIALOG}.json`, { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, 'name=a%00b'],
      ['GET', `/chat/Message.json?chat_dialog_id[]=${DIALOG}`, headers],
      ['GET', `/chat/Message.json?chat_dialog_id=${DIALOG}&date_sent[gt]=x`, headers],
      ['GET', `/chat/Message.json?chat_dialog_id=${DIALOG}&mark_as_read=maybe`, headers],
      ['GET', '/chat/Message/unread.json?chat_dialog_ids[]=a', headers],
      ['POST', '/chat/Message.json', json, `{"chat_dialog_id":"${DIALOG}","attachments":[null]}`],
      ['POST', '/chat/Message.json', json, `{"chat_dialog_id":"${DIALOG}","attachments":{"a":{"type":"x"}}}`],
      ['POST', '/chat/Message.json', json, `{"chat_dialog_id":"${DIALOG}","message":{"a":1}}`],
      ['POST', '/chat/Message.json', json, `{"chat_dialog_id":["${DIALOG}"]}`],
      ['POST', '/chat/Message.json', json, `{"chat_dialog_id":"${DIALOG}","date_sent":"tomorrow"}`],
      ['POST', '/chat/Message.json', json, '{"recipient_id":"x"}'],
      ['PUT', `/chat/Message/${MESSAGE}.json`, json, `{"chat_dialog_id":"${DIALOG}","message":["x"]}`],
      ['DELETE', `/chat/Message/${MESSAGE}.json`, json, '{"force":"sure"}'],
      ['DELETE', '/chat/Dialog/,.json', json, '{}'],
      ['POST', '/users.json', { ...apiKey(), 'Content-Type': 'application/json' }, '{"user":"x"}'],
      ['POST', '/users.json', { ...apiKey(), 'Content-Type': 'application/json' }, '{"user":{"login":["a"],"password":"long-enough"}}'],
      ['PUT', '/users/1.json', { ...apiKey(), 'Content-Type': 'application/json' }, '{"user":{"external_user_id":"x"}}'],
      ['GET', '/users.json?filter[]=date+created_at+gt+notadate', headers],
      ['GET', '/users.json?page=99999999999', headers],
      ['GET', '/users/by_full_name.json?full_name[]=abc', headers],
      ['POST', '/session.json', { 'Content-Type': 'application/json' }, '{"application_id":{"a":1}}'],
      ['POST', '/session.json', { 'Content-Type': 'application/json' }, '{}'],
      ['POST', '/login.json', { 'Content-Type': 'application/json', 'QB-Token': 'x' }, '{}'],
      ['POST', '/users/abc/tokens', apiKey()],
      ['GET', '/chat/Dialog.json', { 'Authorization': `ApiKey ${DOC_API_KEY}`, 'On-Behalf-Of': '99999999999999999999' }],
      ['GET', '/chat/Dialog.json', { Authorization: 'ApiKey' }],
    ]
    for (const [method, path, h, body] of requests) {
      const r = await call(method, path, { headers: h, body })
      expect(r.status, `${method} ${path} ${body ?? ''} → ${r.text}`).toBeGreaterThanOrEqual(400)
      expect(r.status, `${method} ${path} ${body ?? ''} → ${r.text}`).toBeLessThan(500)
      // Every error carries an `errors` body, except the documented 422 of create-dialog.md: {"type":["is wrong."]}.
      const keys = Object.keys(r.json() as object)
      expect(keys.includes('errors') || r.text === '{"type":["is wrong."]}', `${method} ${path} → ${r.text}`).toBe(true)
    }
    // Quotes, wildcards and SQL are only ever bound values: valid searches that match nothing.
    for (const query of ['name[ctn]=%27%22%25_%5C', '_id=1;DROP%20TABLE%20dialogs', 'name=%27%20OR%201=1--', 'data[x]=%27)%20OR%20(1=1',
      'name[ctn]=*:^', 'name[ctn]=NEAR(a%20b)', 'name[ctn]=%22%20OR%20%22', `name[ctn]=${'x'.repeat(3000)}`, 'name[ctn]=%F0%9F%98%80%F0%9F%98%80']) {
      const r = await call('GET', `/chat/Dialog.json?${query}`, { headers })
      expect(r.text).toBe('{"total_entries":0,"skip":0,"limit":100,"items":[]}')
    }
    // qs drops prototype keys, so this is a plain list.
    expect((await call('GET', '/chat/Dialog.json?__proto__[x]=1', { headers })).status).toBe(200)
    expect((await call('GET', '/chat/Dialog.json?constructor=1&hasOwnProperty=1', { headers })).status).toBe(200)
    expect((await call('GET', '/chat/Dialog.json?count=1', { headers })).text).toBe('{"items":{"count":1}}')
    // Random bytes as bodies for every write route.
    let seed = 7
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
    const alphabet = '{}[]",:0123456789abc%&=\\ \n-truefalsenull'
    for (let i = 0; i < 200; i++) {
      const body = Array.from({ length: Math.floor(rand() * 60) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('')
      const [method, path] = ([['POST', '/chat/Dialog.json'], ['PUT', `/chat/Dialog/${DIALOG}.json`], ['POST', '/chat/Message.json'], ['PUT', `/chat/Message/${MESSAGE}.json`], ['DELETE', `/chat/Message/${MESSAGE}.json`]] as const)[i % 5]!
      const r = await call(method, path, { headers: { ...headers, 'Content-Type': i % 2 ? 'application/json' : 'application/x-www-form-urlencoded' }, body })
      expect(r.status, `${method} ${path} ${JSON.stringify(body)} → ${r.text}`).toBeLessThan(500)
    }
  })
})

describe('persistence', () => {
  it('keeps every answered write across a restart on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qb-persist-'))
    const file = join(dir, 'nested', 'db.sqlite')
    try {
      const first = await startEmulator({ port: 0, db: file, seed: 'demo', apiKey: DOC_API_KEY })
      const created = await fetch(`${first.url}/chat/Dialog.json`, { method: 'POST', headers: { ...apiKey(1001), 'Content-Type': 'application/json' }, body: '{"type":2,"name":"Survives restart","occupants_ids":"1002"}' })
      expect(created.status).toBe(201)
      const { _id } = await created.json() as { _id: string }
      const renamed = await fetch(`${first.url}/chat/Dialog/${_id}.json`, { method: 'PUT', headers: { ...apiKey(1001), 'Content-Type': 'application/json' }, body: '{"name":"Renamed"}' })
      expect(renamed.status).toBe(200)
      await first.close()

      const second = await startEmulator({ port: 0, db: file, seed: 'demo', apiKey: DOC_API_KEY })
      const got = await fetch(`${second.url}/chat/Dialog/${_id}.json`, { headers: apiKey() })
      expect(await got.json()).toMatchObject({ name: 'Renamed', occupants_ids: [1001, 1002] })
      const total = await fetch(`${second.url}/chat/Dialog.json?count=1`, { headers: apiKey() })
      expect(await total.text()).toBe('{"items":{"count":301}}')
      await second.close()

      const reset = await startEmulator({ port: 0, db: file, seed: 'none', reset: true, apiKey: DOC_API_KEY })
      const empty = await fetch(`${reset.url}/chat/Dialog.json?count=1`, { headers: apiKey() })
      expect(await empty.text()).toBe('{"items":{"count":0}}')
      await reset.close()
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a database made by another schema version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qb-schema-'))
    const file = join(dir, 'old.db')
    try {
      const first = await startEmulator({ port: 0, db: file, seed: 'none' })
      first.db.prepare('UPDATE meta SET value = \'1\' WHERE key = \'schema_version\'').run()
      await first.close()
      await expect(startEmulator({ port: 0, db: file, seed: 'none' })).rejects.toThrow('start once with --reset')
      const fresh = await startEmulator({ port: 0, db: file, seed: 'none', reset: true })
      await fresh.close()
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('migrates a version 2 database: its message counts are counted once, unread counts unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qb-schema-'))
    const file = join(dir, 'v2.db')
    const unread = async (url: string, key: string) => {
      const r = await fetch(`${url}/chat/Message/unread.json`, { headers: { 'Authorization': `ApiKey ${key}`, 'On-Behalf-Of': '1001' } })
      return (await r.json() as { total: number }).total
    }
    try {
      const first = await startEmulator({ port: 0, db: file, seed: 'demo' })
      const before = await unread(first.url, first.config.apiKey)
      expect(before).toBeGreaterThan(0)
      // What a version 2 database looked like: no count tables, no triggers keeping them.
      first.db.exec(`DROP TRIGGER messages_count_insert; DROP TRIGGER messages_count_delete;
        DROP TRIGGER message_reads_count_insert; DROP TRIGGER message_reads_count_delete; DROP TRIGGER dialogs_counts_delete;
        DROP TABLE dialog_message_counts; DROP TABLE dialog_read_counts; UPDATE meta SET value = '2' WHERE key = 'schema_version'`)
      await first.close()
      const migrated = await startEmulator({ port: 0, db: file, seed: 'none' })
      try {
        expect(migrated.db.prepare('SELECT value FROM meta WHERE key = \'schema_version\'').pluck().get()).toBe('4')
        expect(migrated.db.prepare('SELECT sum(n) FROM dialog_message_counts').pluck().get()).toBe(migrated.db.prepare('SELECT count(*) FROM messages').pluck().get())
        expect(await unread(migrated.url, migrated.config.apiKey)).toBe(before)
      }
      finally {
        await migrated.close()
      }
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the demo seed is deterministic', async () => {
    const a = await startTestEmulator({ seed: 'demo' })
    const b = await startTestEmulator({ seed: 'demo' })
    try {
      const q = '/chat/Dialog.json?limit=100&sort_asc=_id'
      const [ra, rb] = await Promise.all([fetch(a.url + q, { headers: apiKey() }), fetch(b.url + q, { headers: apiKey() })])
      expect(await ra.text()).toBe(await rb.text())
    }
    finally {
      await a.stop()
      await b.stop()
    }
  })
})
