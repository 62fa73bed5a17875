import { onScopeDispose, shallowReactive } from 'vue'
import { isApiError } from '@/api/errors'
import { useMessagesStore } from '@/stores/messages'

/** A file fetched through the API and shown from an object URL. */
export interface FileState {
  status: 'loading' | 'ready' | 'error'
  /** `blob:` URL of the bytes, while ready. */
  url?: string
  contentType?: string
  bytes?: number
  /** Why it can't be shown, in plain words. */
  reason?: string
  /** The server has no such file for us (404, 401, 403): downloading it would fail too. */
  gone?: boolean
}

export interface AttachmentFilesOptions {
  /** Object URLs kept at most; the least recently wanted ones that are not on screen go first. */
  keep?: number
  /** Downloads at once. */
  concurrency?: number
}

/** The reason a download failed, in plain words with the server's own where it gave some. */
export function failureReason(error: unknown): string {
  if (isApiError(error)) {
    if (error.kind === 'http') {
      const said = error.messages.length ? `: ${error.messages.join(' ')}` : ''
      if (error.status === 404)
        return `The file wasn't found on the server (HTTP 404${said})`
      if (error.status === 401 || error.status === 403)
        return `The server refused the file (HTTP ${error.status}${said})`
      return `The server could not send the file (HTTP ${error.status}${said})`
    }
    if (error.kind === 'network' || error.kind === 'timeout')
      return 'The server could not be reached'
    return error.messages.join(' ') || 'The server did not send a file'
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * Attachment files for one screen: fetched with the API key through the store (never an
 * `<img src>` with the key in it), a few at a time, only for what is wanted now (the rows near the
 * viewport, an open lightbox); pictures are decoded before they are shown, so a broken one
 * becomes a reason instead of a broken image. Object URLs are revoked when evicted and when the
 * screen goes away.
 */
export function useAttachmentFiles(options: AttachmentFilesOptions = {}) {
  const store = useMessagesStore()
  const keep = options.keep ?? 80
  const concurrency = options.concurrency ?? 4
  const files = shallowReactive(new Map<string, FileState>())
  const lastWanted = new Map<string, number>()
  let wanted = new Set<string>()
  let queue: string[] = []
  let running = 0
  let tick = 0
  const waiters = new Map<string, ((state: FileState) => void)[]>()
  const saved: string[] = []
  const controller = new AbortController()

  function evict() {
    if (files.size <= keep)
      return
    const idle = [...files.keys()].filter(p => !wanted.has(p) && files.get(p)!.status !== 'loading')
      .sort((a, b) => (lastWanted.get(a) ?? 0) - (lastWanted.get(b) ?? 0))
    for (const path of idle.slice(0, files.size - keep)) {
      const url = files.get(path)?.url
      if (url)
        URL.revokeObjectURL(url)
      files.delete(path)
      lastWanted.delete(path)
    }
  }

  async function fetchOne(path: string): Promise<FileState> {
    try {
      const { blob, contentType } = await store.fetchFile(path, controller.signal)
      const type = contentType.split(';')[0]!.trim().toLowerCase() || blob.type
      if (!type.startsWith('image/'))
        return { status: 'error', contentType: type, bytes: blob.size, reason: `The file is not a picture (${type || 'no type given'})` }
      const url = URL.createObjectURL(type && blob.type !== type ? new Blob([blob], { type }) : blob)
      try {
        const probe = new Image()
        probe.src = url
        await probe.decode()
      }
      catch {
        URL.revokeObjectURL(url)
        return { status: 'error', contentType: type, bytes: blob.size, reason: 'The picture could not be shown: it is damaged or in a format this browser does not know' }
      }
      if (controller.signal.aborted) {
        URL.revokeObjectURL(url)
        return { status: 'error', reason: 'Cancelled' }
      }
      return { status: 'ready', url, contentType: type, bytes: blob.size }
    }
    catch (error) {
      const gone = isApiError(error, 'http') && [401, 403, 404].includes(error.status ?? 0)
      return { status: 'error', reason: failureReason(error), gone }
    }
  }

  function pump() {
    while (running < concurrency && queue.length && !controller.signal.aborted) {
      const path = queue.shift()!
      if (files.has(path))
        continue
      running++
      files.set(path, { status: 'loading' })
      void fetchOne(path).then((state) => {
        running--
        if (controller.signal.aborted)
          return
        files.set(path, state)
        for (const resolve of waiters.get(path) ?? [])
          resolve(state)
        waiters.delete(path)
        evict()
        pump()
      })
    }
  }

  function enqueue(path: string, first = false) {
    lastWanted.set(path, ++tick)
    if (files.has(path) || queue.includes(path))
      return
    if (first)
      queue.unshift(path)
    else
      queue.push(path)
  }

  /**
   * The pictures wanted now (the rows near the viewport): loads those not loaded yet, drops queued
   * ones no longer wanted, and lets older ones be evicted.
   */
  function want(paths: Iterable<string>) {
    wanted = new Set(paths)
    queue = queue.filter(p => wanted.has(p))
    for (const path of wanted)
      enqueue(path)
    pump()
  }

  /**
   * A picture needed at once (the lightbox): ahead of the thumbnails, tried again if it failed
   * before; resolves when settled.
   */
  function ensure(path: string): Promise<FileState> {
    wanted.add(path)
    const known = files.get(path)
    if (known?.status === 'ready')
      return Promise.resolve(known)
    if (known?.status === 'error')
      files.delete(path)
    const settled = new Promise<FileState>(resolve => waiters.set(path, [...(waiters.get(path) ?? []), resolve]))
    enqueue(path, true)
    pump()
    return settled
  }

  /**
   * Saves a file under its name, fetched through the API (a link could not carry the key). Not
   * kept: its object URL lives until the screen goes away. Resolves to why it failed, or null.
   */
  async function save(path: string, name: string): Promise<string | null> {
    let url: string
    try {
      const { blob } = await store.fetchFile(path, controller.signal)
      url = URL.createObjectURL(blob)
    }
    catch (error) {
      return failureReason(error)
    }
    saved.push(url)
    const link = document.createElement('a')
    link.href = url
    link.download = name
    link.rel = 'noopener'
    document.body.append(link)
    link.click()
    link.remove()
    return null
  }

  onScopeDispose(() => {
    controller.abort()
    queue = []
    waiters.clear()
    for (const state of files.values()) {
      if (state.url)
        URL.revokeObjectURL(state.url)
    }
    saved.forEach(url => URL.revokeObjectURL(url))
    files.clear()
  })

  return { files, want, ensure, save }
}

export type AttachmentFiles = ReturnType<typeof useAttachmentFiles>
