import type { Context, Hono } from 'hono'
import type { Deps } from '../context'
import { authenticate, touchSession } from '../auth'
import { blobModel } from '../demoFiles'
import { notFound } from '../http'

interface BlobRow {
  id: number
  uid: string
  name: string | null
  content_type: string
  size: number
  data: Buffer
  public: number
  created_at: number
  updated_at: number
}

/** A blob uid as QuickBlox writes them: 32 hex characters and a two-digit suffix. */
const UID = /^[0-9a-f]{32,34}$/
const BLOB_ID = /^\d{1,15}$/

/**
 * Private files need credentials: the headers every other route takes, or the session token in
 * `?token=` (what the JS SDK's `privateUrl` puts in an `<img src>`). Public files need none.
 */
function checkAccess(c: Context, deps: Deps, row: BlobRow | undefined): void {
  if (row?.public === 1) return
  const token = c.req.query('token')
  if (c.req.header('authorization') === undefined && c.req.header('qb-token') === undefined && token !== undefined) {
    touchSession(c, deps, token)
    return
  }
  authenticate(c, deps)
}

/** `filename` for any name: ASCII as is (quotes and controls dropped), the rest in `filename*`. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7E]|["\\]/g, '_')
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function download(c: Context, deps: Deps, row: BlobRow | undefined): Response {
  // Credentials first, so an unknown id tells nothing to a caller without them.
  checkAccess(c, deps, row)
  if (!row) throw notFound()
  return c.body(new Uint8Array(row.data), 200, {
    'Content-Type': row.content_type,
    'Content-Length': String(row.size),
    'Content-Disposition': disposition(row.name ?? `file-${row.id}`),
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  })
}

/**
 * Content API reads (legacy Content page: `GET /blobs/{uid}` and `GET /blobs/{id}/download`
 * download a file, `GET /blobs/{id}` describes it). QuickBlox answers a download with a redirect
 * to its storage; the emulator sends the bytes itself.
 */
export function blobRoutes(app: Hono, deps: Deps): void {
  const columns = 'id, uid, name, content_type, size, data, public, created_at, updated_at'

  app.get('/blobs/:ref', (c) => {
    const ref = c.req.param('ref')
    if (UID.test(ref))
      return download(c, deps, deps.st.one<BlobRow>(`SELECT ${columns} FROM blobs WHERE uid = ?`, ref))
    if (!BLOB_ID.test(ref)) throw notFound()
    authenticate(c, deps)
    const row = deps.st.one<BlobRow>('SELECT id, uid, name, content_type, size, public, created_at, updated_at FROM blobs WHERE id = ?', Number(ref))
    if (!row) throw notFound()
    return c.json({ blob: blobModel(row) })
  })

  app.get('/blobs/:id/download', (c) => {
    const id = c.req.param('id')
    if (!BLOB_ID.test(id)) throw notFound()
    return download(c, deps, deps.st.one<BlobRow>(`SELECT ${columns} FROM blobs WHERE id = ?`, Number(id)))
  })
}
