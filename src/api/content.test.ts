import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '@/test/fetch-mock'
import { configureClient, registerSessionGetter } from './client'
import { attachmentBlobPath, downloadBlob } from './content'
import { ApiError } from './errors'

const UID = '30a8bcd7c714417eb62b95350d7e13b900'

beforeEach(() => {
  registerSessionGetter(() => ({ baseURL: 'http://qb.test/api', apiKey: 'secret-key', actingUserId: 1002 }))
  configureClient({ baseDelayMs: 1, maxDelayMs: 5, retries: 3, timeoutMs: 1000 })
})

afterEach(() => vi.unstubAllGlobals())

describe('attachmentBlobPath', () => {
  it('a numeric file ID downloads by ID; a uid (in uid or in id) by uid', () => {
    expect(attachmentBlobPath({ id: '47863' })).toBe('/blobs/47863/download')
    expect(attachmentBlobPath({ id: '47863', uid: UID })).toBe(`/blobs/${UID}`)
    expect(attachmentBlobPath({ id: UID.toUpperCase() })).toBe(`/blobs/${UID}`)
  })

  it('anything else names no stored file (nothing is put into a path unchecked)', () => {
    for (const id of [undefined, '', '../users', '12/download', 'x', '1e5', ' '])
      expect(attachmentBlobPath({ id })).toBeNull()
  })
})

describe('downloadBlob', () => {
  it('sends the key in the header, never in the URL, and returns the bytes with their type', async () => {
    const { calls } = mockFetch(() => new Response(new Uint8Array([137, 80, 78, 71]), { status: 200, headers: { 'content-type': 'image/png' } }))
    const answer = await downloadBlob('/blobs/47863/download')
    expect(calls[0]!.url.href).toBe('http://qb.test/api/blobs/47863/download')
    expect(calls[0]!.headers.get('authorization')).toBe('ApiKey secret-key')
    expect(calls[0]!.headers.get('on-behalf-of')).toBe('1002')
    expect(calls[0]!.url.href).not.toContain('secret-key')
    expect(answer.contentType).toBe('image/png')
    expect([...new Uint8Array(await answer.blob.arrayBuffer())]).toEqual([137, 80, 78, 71])
  })

  it('maps a 404 to an ApiError with the server\'s words', async () => {
    mockFetch(() => json({ errors: ['The resource wasn\'t found'] }, 404))
    const error = await downloadBlob('/blobs/1/download').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(404)
    expect((error as ApiError).messages).toEqual(['The resource wasn\'t found'])
  })

  it('a web page instead of the file is an invalid response, not an image', async () => {
    mockFetch(() => new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'content-type': 'text/html' } }))
    const error = await downloadBlob('/blobs/1/download').catch((e: unknown) => e) as ApiError
    expect(error.kind).toBe('invalid-response')
  })

  it('retries a transient failure once', async () => {
    const { calls } = mockFetch((_, i) => i === 0 ? json({ errors: ['busy'] }, 503) : new Response('x', { headers: { 'content-type': 'application/pdf' } }))
    expect((await downloadBlob('/blobs/2/download')).contentType).toBe('application/pdf')
    expect(calls).toHaveLength(2)
  })
})
