import { randomBytes } from 'node:crypto'

/** Unix seconds now. */
export function nowSec(): number {
  return Math.floor(Date.now() / 1000)
}

/** ISO-8601 without milliseconds, e.g. `2019-09-08T17:24:11Z`. */
export function iso(sec: number): string {
  const text = new Date(sec * 1000).toISOString()
  // Years past 9999 are written with a sign and six digits; the milliseconds are always the last five characters.
  return `${text.slice(0, -5)}Z`
}

/** `2018-01-31 12:20:03 UTC`, the form of the QB-Token-ExpirationDate header. */
export function headerDate(sec: number): string {
  return iso(sec).replace('T', ' ').replace('Z', ' UTC')
}

/** ObjectId-like ids: 4-byte timestamp, 5 bytes of process identity, 3-byte counter. */
export class IdGenerator {
  private counter: number
  private readonly middle: string

  constructor(middle?: string, counter?: number) {
    this.middle = middle ?? randomBytes(5).toString('hex')
    this.counter = counter ?? randomBytes(3).readUIntBE(0, 3)
  }

  next(sec: number = nowSec()): string {
    this.counter = (this.counter + 1) % 0x1000000
    return (sec >>> 0).toString(16).padStart(8, '0') + this.middle + this.counter.toString(16).padStart(6, '0')
  }
}

export const OBJECT_ID = /^[0-9a-f]{24}$/

/** mulberry32: small, fast, deterministic PRNG for seed and fill data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
