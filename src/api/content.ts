import type { BinaryAnswer } from './client'
import type { MessageAttachment } from './types'
import { requestBinary } from './client'

/** A blob uid as QuickBlox writes them (32 hex characters and a two-digit suffix). */
const UID = /^[0-9a-f]{32,34}$/i
const BLOB_ID = /^\d{1,15}$/

/**
 * Where the Content API serves an attachment's file: `/blobs/{uid}` for a uid (in `uid`, or in
 * `id` as some SDK samples send it), `/blobs/{id}/download` for a numeric file ID (the message
 * model's `id`, "link to file ID in QuickBlox"); null when the attachment names no stored file.
 */
export function attachmentBlobPath(attachment: Pick<MessageAttachment, 'id' | 'uid'>): string | null {
  const uid = typeof attachment.uid === 'string' ? attachment.uid.trim() : ''
  if (UID.test(uid))
    return `/blobs/${uid.toLowerCase()}`
  const id = typeof attachment.id === 'string' ? attachment.id.trim() : ''
  if (UID.test(id))
    return `/blobs/${id.toLowerCase()}`
  return BLOB_ID.test(id) ? `/blobs/${id}/download` : null
}

/**
 * GET /blobs/{uid} or /blobs/{id}/download — a file's bytes, fetched with the API key in the
 * Authorization header (an `<img src>` could not send it, and the key never goes into a URL).
 */
export async function downloadBlob(path: string, signal?: AbortSignal): Promise<BinaryAnswer> {
  return requestBinary(path, { signal, retries: 1 })
}
