import type { MiddlewareHandler } from 'hono'

/** Largest request body a route reads. */
export const BODY_LIMIT = 1024 * 1024
/**
 * How much of an oversized body is read and thrown away so the 413 can be answered on a live
 * connection. Past this the connection is closed after the answer (a client still sending may
 * then see a reset): reading without end would let one request hold the server.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024

const tooLarge = { errors: [`Request body is too large (maximum is ${BODY_LIMIT} bytes).`] }

/** Reads and discards the rest of a stream, up to `budget` bytes; true when it reached the end. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<boolean> {
  let left = budget
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return true
    left -= value.byteLength
    if (left < 0) {
      await reader.cancel().catch(() => undefined)
      return false
    }
  }
}

/**
 * Bodies over BODY_LIMIT answer 413 JSON. The rest of the body is read first: a server that answers
 * and closes while the client is still sending makes the kernel reset the connection, and a client
 * that sends everything before reading would lose the answer with it.
 */
export function limitBody(): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body
    if (!body) return next()
    const length = c.req.header('content-length')
    const declared = length !== undefined && c.req.header('transfer-encoding') === undefined ? Number(length) : undefined
    // A declared length within the limit is enforced by the HTTP parser; nothing to count.
    if (declared !== undefined && declared <= BODY_LIMIT) return next()
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    let over = declared !== undefined
    while (!over) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > BODY_LIMIT) over = true
      else chunks.push(value)
    }
    if (over) {
      if (!await drain(reader, DRAIN_LIMIT)) c.header('Connection', 'close')
      return c.json(tooLarge, 413)
    }
    const whole = new Uint8Array(size)
    let at = 0
    for (const chunk of chunks) {
      whole.set(chunk, at)
      at += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }
}
