import type { DB } from './db'
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { iso, prng } from './util'

/** Size of the demo pictures: small enough to seed quickly, large enough to look at in the lightbox. */
export const DEMO_IMAGE_WIDTH = 240
export const DEMO_IMAGE_HEIGHT = 160

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xFFFFFFFF
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xFF]! ^ (c >>> 8)
  return (c ^ 0xFFFFFFFF) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** An 8-bit RGB PNG of `rgb` (width × height × 3 bytes, rows top to bottom). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * 3
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0
    raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ])
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
  }
  return [f(0), f(8), f(4)]
}

/** A small landscape (sky, sun, two rows of hills) whose colours and shapes follow from `seed`. */
export function demoImage(seed: number, width = DEMO_IMAGE_WIDTH, height = DEMO_IMAGE_HEIGHT): Buffer {
  const rand = prng(seed)
  const hue = rand() * 360
  const skyTop = hsl(hue, 0.55, 0.45)
  const skyBottom = hsl((hue + 40) % 360, 0.7, 0.8)
  const sun = hsl((hue + 180) % 360, 0.9, 0.62)
  const far = hsl((hue + 120) % 360, 0.35, 0.42)
  const near = hsl((hue + 140) % 360, 0.45, 0.28)
  const sunX = width * (0.2 + rand() * 0.6)
  const sunY = height * (0.18 + rand() * 0.25)
  const sunR = height * (0.08 + rand() * 0.08)
  const [f1, f2, p1, p2] = [1 + rand() * 3, 2 + rand() * 4, rand() * 6, rand() * 6]
  const sky = Array.from({ length: height }, (_, y) => [0, 1, 2].map(i => skyTop[i]! + (skyBottom[i]! - skyTop[i]!) * y / height))
  const rgb = new Uint8Array(width * height * 3)
  for (let x = 0; x < width; x++) {
    const u = x / width
    const farTop = height * (0.55 + 0.1 * Math.sin(u * Math.PI * f1 + p1))
    const nearTop = height * (0.72 + 0.08 * Math.sin(u * Math.PI * f2 + p2))
    for (let y = 0; y < height; y++) {
      let c: readonly number[]
      if (y >= nearTop) c = near
      else if (y >= farTop) c = far
      else if ((x - sunX) ** 2 + (y - sunY) ** 2 <= sunR ** 2) c = sun
      else c = sky[y]!
      const o = (y * width + x) * 3
      rgb[o] = c[0]!
      rgb[o + 1] = c[1]!
      rgb[o + 2] = c[2]!
    }
  }
  return encodePng(width, height, rgb)
}

/** A one-page PDF that says which demo file it is. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '')
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** A QuickBlox-style blob uid (32 hex characters and "00"), the same for the same blob id every time. */
export function demoUid(id: number): string {
  return `${createHash('sha256').update(`dialog-desk-demo-blob:${id}`).digest('hex').slice(0, 32)}00`
}

export interface BlobInput {
  id: number
  name: string
  contentType: string
  data: Buffer
  createdAt: number
  isPublic?: boolean
}

/** Stores one blob (as uploaded and completed). */
export function insertBlob(db: DB, blob: BlobInput): void {
  db.prepare(`INSERT OR REPLACE INTO blobs(id, uid, name, content_type, size, data, public, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(blob.id, demoUid(blob.id), blob.name, blob.contentType, blob.data.length, blob.data, blob.isPublic ? 1 : 0, blob.createdAt, blob.createdAt)
}

/**
 * The files the demo messages' attachments point at (attachment `id` = blob id): a generated
 * picture for every image, a one-page PDF for every other file. Deterministic: the same ids get
 * the same bytes on every seed.
 */
export function seedDemoBlobs(db: DB, createdAt: number): number {
  const rows = db.prepare('SELECT attachments FROM messages WHERE attachments IS NOT NULL').pluck().all() as string[]
  const wanted = new Map<number, { type: string, name: string }>()
  for (const text of rows) {
    for (const a of JSON.parse(text) as { type: string, id?: string, name?: string }[]) {
      const id = Number(a.id)
      if (Number.isSafeInteger(id) && id > 0 && !wanted.has(id)) wanted.set(id, { type: a.type, name: a.name ?? `file-${id}` })
    }
  }
  const ids = [...wanted.keys()].sort((a, b) => a - b)
  db.transaction(() => {
    for (const id of ids) {
      const { type, name } = wanted.get(id)!
      if (type === 'image') insertBlob(db, { id, name, contentType: 'image/png', data: demoImage(id), createdAt })
      else insertBlob(db, { id, name, contentType: 'application/pdf', data: demoPdf(`Dialog Desk demo file ${name}`), createdAt })
    }
  })()
  return ids.length
}

/** The blob model QuickBlox answers with (`GET /blobs/{id}.json`, create, list), without the bytes. */
export function blobModel(row: { id: number, uid: string, name: string | null, content_type: string, size: number, public: number, created_at: number, updated_at: number }) {
  return {
    id: row.id,
    uid: row.uid,
    content_type: row.content_type,
    name: row.name,
    size: row.size,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    blob_status: 'complete',
    set_completed_at: iso(row.updated_at),
    public: row.public === 1,
  }
}
