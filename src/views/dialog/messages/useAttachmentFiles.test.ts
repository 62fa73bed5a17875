import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { configureClient, registerSessionGetter } from '@/api/client'
import { json, mockFetch } from '@/test/fetch-mock'
import { useAttachmentFiles } from './useAttachmentFiles'

let created: string[]
let revoked: string[]

beforeEach(() => {
  setActivePinia(createPinia())
  registerSessionGetter(() => ({ baseURL: '/api', apiKey: 'k', actingUserId: null }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 2, retries: 0, timeoutMs: 1000 })
  created = []
  revoked = []
  let n = 0
  vi.stubGlobal('URL', Object.assign(URL, {
    createObjectURL: () => {
      const url = `blob:test/${++n}`
      created.push(url)
      return url
    },
    revokeObjectURL: (url: string) => revoked.push(url),
  }))
  vi.spyOn(HTMLImageElement.prototype, 'decode').mockResolvedValue(undefined)
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function servePictures() {
  return mockFetch((call) => {
    if (call.url.pathname.includes('/404/'))
      return json({ errors: ['The resource wasn\'t found'] }, 404)
    const type = call.url.pathname.includes('/pdf/') ? 'application/pdf' : 'image/png'
    return new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': type } })
  })
}

async function settled(files: ReturnType<typeof useAttachmentFiles>['files'], paths: string[]) {
  await vi.waitFor(() => expect(paths.every(p => files.get(p) && files.get(p)!.status !== 'loading')).toBe(true))
  await nextTick()
}

describe('useAttachmentFiles', () => {
  it('fetches only the wanted pictures, once each, and shows them from object URLs', async () => {
    const { calls } = servePictures()
    const scope = effectScope()
    const f = scope.run(() => useAttachmentFiles())!
    f.want(['/blobs/1/download', '/blobs/2/download', '/blobs/1/download'])
    await settled(f.files, ['/blobs/1/download', '/blobs/2/download'])
    expect(calls.map(c => c.url.pathname)).toEqual(['/api/blobs/1/download', '/api/blobs/2/download'])
    expect(calls.every(c => c.headers.get('authorization') === 'ApiKey k')).toBe(true)
    expect(f.files.get('/blobs/1/download')).toMatchObject({ status: 'ready', url: created[0], contentType: 'image/png', bytes: 3 })
    f.want(['/blobs/1/download'])
    expect(calls).toHaveLength(2)
    scope.stop()
  })

  it('a file that is not a picture, or not there, becomes a reason; a missing one is gone', async () => {
    servePictures()
    const scope = effectScope()
    const f = scope.run(() => useAttachmentFiles())!
    f.want(['/blobs/pdf/download', '/blobs/404/download'])
    await settled(f.files, ['/blobs/pdf/download', '/blobs/404/download'])
    expect(f.files.get('/blobs/pdf/download')).toMatchObject({ status: 'error', reason: 'The file is not a picture (application/pdf)' })
    expect(f.files.get('/blobs/404/download')).toMatchObject({ status: 'error', gone: true, reason: 'The file wasn\'t found on the server (HTTP 404: The resource wasn\'t found)' })
    expect(created).toEqual([])
    scope.stop()
  })

  it('a picture the browser cannot decode becomes a reason, and its URL is revoked at once', async () => {
    servePictures()
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockRejectedValue(new Error('bad'))
    const scope = effectScope()
    const f = scope.run(() => useAttachmentFiles())!
    f.want(['/blobs/7/download'])
    await settled(f.files, ['/blobs/7/download'])
    expect(f.files.get('/blobs/7/download')?.reason).toMatch(/could not be shown/)
    expect(revoked).toEqual(created)
    scope.stop()
  })

  it('keeps at most `keep` object URLs, evicting the oldest not on screen, and revokes all when the screen goes', async () => {
    servePictures()
    const scope = effectScope()
    const f = scope.run(() => useAttachmentFiles({ keep: 2 }))!
    f.want(['/blobs/1/download', '/blobs/2/download'])
    await settled(f.files, ['/blobs/1/download', '/blobs/2/download'])
    f.want(['/blobs/3/download'])
    await settled(f.files, ['/blobs/3/download'])
    expect(f.files.size).toBe(2)
    expect(f.files.has('/blobs/1/download')).toBe(false)
    expect(revoked).toEqual([created[0]])
    scope.stop()
    expect(revoked.sort()).toEqual([...created].sort())
  })

  it('ensure() fetches a picture ahead of the queue and tries a failed one again', async () => {
    let fail = true
    mockFetch(() => fail ? json({ errors: ['busy'] }, 503) : new Response(new Uint8Array([9]), { headers: { 'content-type': 'image/jpeg' } }))
    const scope = effectScope()
    const f = scope.run(() => useAttachmentFiles())!
    expect((await f.ensure('/blobs/5/download')).status).toBe('error')
    fail = false
    expect(await f.ensure('/blobs/5/download')).toMatchObject({ status: 'ready', contentType: 'image/jpeg' })
    scope.stop()
  })
})
