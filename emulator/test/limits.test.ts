import type { TestEmulator } from './helpers'
import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY_LIMIT } from '../bodyLimit'
import { jsonDepth, MAX_FORM_DEPTH, MAX_JSON_DEPTH } from '../http'
import { addUsers, apiKey, client, putDialog, startTestEmulator } from './helpers'

// Hostile input at the transport: nesting depth and oversized bodies. Nothing may answer 500 or crash.
let emu: TestEmulator
const call = client(() => emu.url)
const DIALOG = 'abcdefabcdefabcdefabcdef'

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [1, 2])
  putDialog(emu, { id: DIALOG, type: 2, owner: 1, occupants: [1, 2] })
})
afterAll(() => emu.stop())

const jsonTooDeep = `{"errors":["Request body is nested too deeply (maximum depth is ${MAX_JSON_DEPTH})."]}`
const formTooDeep = `{"errors":["Request body is nested too deeply (maximum depth is ${MAX_FORM_DEPTH})."]}`
const queryTooDeep = `{"errors":["Query string is nested too deeply (maximum depth is ${MAX_FORM_DEPTH})."]}`

const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`
const nestedMixed = (depth: number): string => `{"a":${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}}`
const nestedForm = (depth: number): string => `a${'[b]'.repeat(depth)}=1`

// No credentials on the session route (the one of the report), a user on the others.
const ROUTES: [string, string, Record<string, string>][] = [
  ['POST', '/session.json', {}],
  ['POST', '/chat/Dialog.json', apiKey(1)],
  ['PUT', `/chat/Dialog/${DIALOG}.json`, apiKey(1)],
  ['POST', '/chat/Message.json', apiKey(1)],
  ['PUT', '/users/1.json', apiKey(1)],
]

describe('nesting depth', () => {
  it('jsonDepth counts brackets outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3)
    expect(jsonDepth('"\\"[[["')).toBe(0)
    expect(jsonDepth(nestedArrays(100_000), 32)).toBe(33)
  })

  for (const depth of [10_000, 100_000]) {
    it(`answers 400 to JSON objects, arrays and both nested ${depth.toLocaleString('en')} deep, on every body route`, async () => {
      for (const [method, path, headers] of ROUTES) {
        for (const body of [nestedObjects(depth), nestedArrays(depth), nestedMixed(depth)]) {
          const r = await call(method, path, { headers: { ...headers, 'Content-Type': 'application/json' }, body })
          expect({ path, status: r.status, text: r.text }).toEqual({ path, status: 400, text: jsonTooDeep })
        }
      }
    })

    it(`answers 400 to a form nested ${depth.toLocaleString('en')} deep, and never 500 to runs of brackets`, async () => {
      for (const [method, path, headers] of ROUTES) {
        const r = await call(method, path, { headers, form: nestedForm(depth) })
        expect({ path, status: r.status, text: r.text }).toEqual({ path, status: 400, text: formTooDeep })
        for (const form of [`${'['.repeat(depth)}${']'.repeat(depth)}=1`, `a${'['.repeat(depth)}=1`, `a[${'[]'.repeat(depth)}]=1`]) {
          const odd = await call(method, path, { headers, form })
          expect(odd.status, `${path} ${form.slice(0, 12)}`).toBeGreaterThanOrEqual(400)
          expect(odd.status, `${path} ${form.slice(0, 12)}`).toBeLessThan(500)
          expect(Array.isArray((odd.json() as { errors: unknown }).errors) || typeof (odd.json() as { errors: unknown }).errors === 'object').toBe(true)
        }
      }
    })

    it(`answers 4xx to a query string nested ${depth.toLocaleString('en')} deep`, async () => {
      // Longer than Node's header limit (16 KB): Node itself answers 431 before the app.
      const r = await call('GET', `/chat/Dialog.json?${nestedForm(depth)}`, { headers: apiKey(1) })
      expect(r.status).toBe(431)
    })
  }

  it('answers 400 to a query string nested past the limit that fits in a request line', async () => {
    for (const path of ['/chat/Dialog.json', '/users.json', `/chat/Message.json?chat_dialog_id=${DIALOG}`, '/users/by_email.json']) {
      const r = await call('GET', `${path}${path.includes('?') ? '&' : '?'}${nestedForm(1000)}`, { headers: apiKey(1) })
      expect({ path, status: r.status, text: r.text }).toEqual({ path, status: 400, text: queryTooDeep })
    }
  })

  it('still reads bodies and queries nested up to the limits', async () => {
    const json = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: apiKey(1), body: `{"name":"Deep enough","x":${nestedObjects(MAX_JSON_DEPTH - 1)}}` })
    // Past the depth check: the route refuses the unknown parameter, not the nesting.
    expect(json.status).toBe(400)
    expect(json.text).toBe('{"errors":["Unknown parameter \\"x\\"."]}')
    const form = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: apiKey(1), form: `name=Form&x${'[b]'.repeat(MAX_FORM_DEPTH)}=1` })
    expect(form.text).not.toBe(formTooDeep)
    const ok = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: apiKey(1), form: 'pull_all[occupants_ids][]=2' })
    expect(ok.text).toContain('"occupants_ids":[1]')
    const query = await call('GET', `/chat/Dialog.json?data${'[b]'.repeat(MAX_FORM_DEPTH)}=1`, { headers: apiKey(1) })
    expect(query.text).not.toBe(queryTooDeep)
    expect(query.status).toBeLessThan(500)
  })

  it('is still up and answering after all of it', async () => {
    expect((await call('GET', '/health')).status).toBe(200)
  })
})

interface RawAnswer { head: string, body: string, errors: string[] }

/** Sends headers and the whole body on a raw socket, reading nothing until every byte is written. */
function sendAllThenRead(headers: string, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(emu.port, '127.0.0.1')
    const errors: string[] = []
    let got = ''
    socket.pause()
    socket.on('data', (chunk) => { got += chunk.toString() })
    socket.on('error', error => errors.push((error as NodeJS.ErrnoException).code ?? error.message))
    const done = () => {
      const at = got.indexOf('\r\n\r\n')
      resolve({ head: got.slice(0, at), body: got.slice(at + 4), errors })
    }
    socket.on('close', done)
    socket.write(headers)
    socket.write(body, () => {
      socket.resume()
      // The server keeps the connection; stop once the (small, non-chunked) answer is complete.
      socket.on('data', () => {
        const at = got.indexOf('\r\n\r\n')
        const length = Number(/content-length: (\d+)/i.exec(got.slice(0, at))?.[1] ?? Number.NaN)
        if (at >= 0 && Buffer.byteLength(got.slice(at + 4)) >= length) socket.end()
      })
    })
  })
}

interface NodeAnswer { status?: number, body: string, errors: string[], reused: boolean }

function nodeRequest(agent: http.Agent, path: string, options: { size: number, chunked: boolean }): Promise<NodeAnswer> {
  return new Promise((resolve) => {
    const errors: string[] = []
    const headers: Record<string, string | number> = { ...apiKey(1), 'Content-Type': 'application/json' }
    if (!options.chunked) headers['Content-Length'] = options.size
    const req = http.request(`${emu.url}${path}`, { method: 'PUT', agent, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('error', error => errors.push(error.message))
      res.on('end', () => resolve({ status: res.statusCode, body, errors, reused: req.reusedSocket }))
    })
    req.on('error', (error) => {
      errors.push((error as NodeJS.ErrnoException).code ?? error.message)
      resolve({ body: '', errors, reused: req.reusedSocket })
    })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    if (options.chunked) {
      for (let sent = 0; sent < options.size; sent += chunk.length) req.write(chunk)
      req.end()
    }
    else {
      req.end(Buffer.alloc(options.size, 'a'))
    }
  })
}

describe('bodies over the limit', () => {
  const tooLarge = `{"errors":["Request body is too large (maximum is ${BODY_LIMIT} bytes)."]}`

  it('answers a readable 413 to a client that sends 20 MB before it reads, without a reset', async () => {
    const size = 20 * 1024 * 1024
    const answer = await sendAllThenRead(`PUT /chat/Dialog/${DIALOG}.json HTTP/1.1\r\nHost: x\r\nAuthorization: ${apiKey(1).Authorization}\r\nOn-Behalf-Of: 1\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`, Buffer.alloc(size, 'a'))
    expect(answer.errors).toEqual([])
    expect(answer.head.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large')
    expect(answer.body).toBe(tooLarge)
  })

  it('answers 413 over node:http with and without Content-Length, and keeps the connection for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (const chunked of [false, true]) {
        const big = await nodeRequest(agent, `/chat/Dialog/${DIALOG}.json`, { size: 2 * 1024 * 1024, chunked })
        expect(big).toMatchObject({ status: 413, body: tooLarge, errors: [] })
        const next = await nodeRequest(agent, `/chat/Dialog/${DIALOG}.json`, { size: 0, chunked: false })
        // Empty body: the route answers (no parameters to change), on the same socket.
        expect(next.errors).toEqual([])
        expect(next.status).toBeLessThan(500)
        expect(next.reused).toBe(true)
      }
    }
    finally {
      agent.destroy()
    }
  })

  it('reads a chunked body within the limit', async () => {
    const r = await new Promise<{ status?: number, body: string }>((resolve, reject) => {
      const req = http.request(`${emu.url}/chat/Dialog/${DIALOG}.json`, { method: 'PUT', headers: { ...apiKey(1), 'Content-Type': 'application/json' } }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => { body += chunk.toString() })
        res.on('end', () => resolve({ status: res.statusCode, body }))
      })
      req.on('error', reject)
      req.write('{"name":"Chunked ')
      req.write(`${'x'.repeat(100)}"}`)
      req.end()
    })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ name: `Chunked ${'x'.repeat(100)}` })
  })
})
