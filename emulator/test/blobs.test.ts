import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoImage, demoPdf, demoUid, insertBlob, seedDemoBlobs } from '../demoFiles'
import { openDatabase } from '../db'
import { seedDemo } from '../seed'
import { addToken, addUsers, apiKey, startTestEmulator } from './helpers'

// Content API downloads (legacy Content page: GET /blobs/{uid}, GET /blobs/{id}/download; blob info GET /blobs/{id}).
let emu: TestEmulator
const IMAGE = 80001
const FILE = 81002
const PUBLIC = 82003
const PNG_SIGNATURE = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [1])
  addToken(emu, 'user-token', 1)
  insertBlob(emu.db, { id: IMAGE, name: 'photo-1.jpg', contentType: 'image/png', data: demoImage(IMAGE), createdAt: 1568000000 })
  insertBlob(emu.db, { id: FILE, name: 'Report “Q3”.pdf', contentType: 'application/pdf', data: demoPdf('Q3'), createdAt: 1568000000 })
  insertBlob(emu.db, { id: PUBLIC, name: 'logo.png', contentType: 'image/png', data: demoImage(PUBLIC, 16, 16), createdAt: 1568000000, isPublic: true })
})
afterAll(() => emu.stop())

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(emu.url + path, { headers })
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) }
}

describe('download a file', () => {
  it('by id (/blobs/{id}/download, with or without .json): 200, the bytes, their content type', async () => {
    for (const path of [`/blobs/${IMAGE}/download`, `/blobs/${IMAGE}/download.json`]) {
      const r = await get(path, apiKey())
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('image/png')
      expect([...r.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE)
      expect(r.headers.get('content-length')).toBe(String(r.bytes.length))
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      expect(r.headers.get('content-disposition')).toBe('inline; filename="photo-1.jpg"; filename*=UTF-8\'\'photo-1.jpg')
    }
  })

  it('by uid (/blobs/{uid}), as any user of the app', async () => {
    const r = await get(`/blobs/${demoUid(FILE)}`, apiKey(1))
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/pdf')
    expect(new TextDecoder().decode(r.bytes.slice(0, 8))).toBe('%PDF-1.4')
    expect(r.headers.get('content-disposition')).toBe('inline; filename="Report _Q3_.pdf"; filename*=UTF-8\'\'Report%20%E2%80%9CQ3%E2%80%9D.pdf')
  })

  it('with a session token in the header or in ?token= (the JS SDK\'s privateUrl)', async () => {
    expect((await get(`/blobs/${demoUid(IMAGE)}`, { 'QB-Token': 'user-token' })).status).toBe(200)
    expect((await get(`/blobs/${demoUid(IMAGE)}?token=user-token`)).status).toBe(200)
    expect((await get(`/blobs/${demoUid(IMAGE)}?token=wrong`)).status).toBe(401)
  })

  it('401 without credentials or with a wrong key, also for an id that does not exist', async () => {
    for (const [path, headers] of [
      [`/blobs/${IMAGE}/download`, {}],
      [`/blobs/${demoUid(IMAGE)}`, {}],
      [`/blobs/${IMAGE}/download`, { Authorization: 'ApiKey wrong-key' }],
      ['/blobs/999999/download', {}],
    ] as const) {
      const r = await get(path, headers)
      expect(r.status, path).toBe(401)
      expect(r.headers.get('content-type')).toContain('application/json')
      expect(new TextDecoder().decode(r.bytes)).toBe('{"errors":["Unauthorized"]}')
    }
  })

  it('404 for an unknown id or uid, and for a malformed one', async () => {
    for (const path of ['/blobs/999999/download', `/blobs/${'0'.repeat(32)}00`, '/blobs/abc/download', '/blobs/12x']) {
      const r = await get(path, apiKey())
      expect(r.status, path).toBe(404)
      expect(new TextDecoder().decode(r.bytes)).toBe('{"errors":["The resource wasn\'t found"]}')
    }
  })

  it('a public file needs no credentials', async () => {
    const r = await get(`/blobs/${PUBLIC}/download`)
    expect(r.status).toBe(200)
    expect([...r.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE)
  })
})

describe('file info', () => {
  it('GET /blobs/{id}.json describes the file without its bytes', async () => {
    const response = await fetch(`${emu.url}/blobs/${IMAGE}.json`, { headers: apiKey() })
    expect(response.status).toBe(200)
    const { blob } = await response.json() as { blob: Record<string, unknown> }
    expect(blob).toMatchObject({ id: IMAGE, uid: demoUid(IMAGE), content_type: 'image/png', name: 'photo-1.jpg', blob_status: 'complete', public: false })
    expect(blob.size).toBe(demoImage(IMAGE).length)
    expect((await fetch(`${emu.url}/blobs/${IMAGE}.json`)).status).toBe(401)
  })
})

describe('demo files', () => {
  it('every attachment of the demo seed points at a stored file, the same bytes on every seed', () => {
    const a = openDatabase(':memory:')
    const b = openDatabase(':memory:')
    seedDemo(a)
    seedDemo(b)
    const ids = (a.prepare('SELECT attachments FROM messages WHERE attachments IS NOT NULL').pluck().all() as string[])
      .flatMap(t => (JSON.parse(t) as { id: string }[]).map(x => Number(x.id)))
    expect(ids.length).toBeGreaterThan(100)
    const stored = new Set(a.prepare('SELECT id FROM blobs').pluck().all() as number[])
    expect(ids.filter(id => !stored.has(id))).toEqual([])
    const bytes = (db: typeof a) => db.prepare('SELECT id, uid, content_type, data FROM blobs ORDER BY id').all()
    expect(bytes(a)).toEqual(bytes(b))
    expect(seedDemoBlobs(a, 0)).toBe(stored.size)
    a.close()
    b.close()
  })
})
