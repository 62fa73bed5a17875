import type { DeleteResult } from '@/api/types'

/**
 * Pasted lists of users (IDs, logins, emails) and long lists of object ids in URL paths.
 *
 * Decisions where QuickBlox says nothing:
 * - A token of digits only is a user ID, never a login (a digits-only login cannot be pasted;
 *   pick it with the user search instead). Leading zeros are allowed and dropped ("007" = 7).
 * - Email: one "@", a non-empty local part of at most 64 characters, a dotted domain of
 *   letters, digits and hyphens, at most 254 characters in all. Compared case-insensitively.
 * - Login: ASCII letters, digits and `-`, `_`, `.`, `@`, up to 255 characters, compared
 *   exactly. Anything with an "@" that is a valid email is an email first.
 * - Blank tokens (",," or trailing separators) are skipped silently, not reported.
 * - Quotes and brackets around a token ("'ann'", "<a@b.co>", a pasted "[1, 2]") are stripped.
 */

export type TokenKind = 'id' | 'email' | 'login' | 'invalid'

export type IdToken =
  | { kind: 'id', raw: string, id: number }
  | { kind: 'email', raw: string, email: string }
  | { kind: 'login', raw: string, login: string }
  | { kind: 'invalid', raw: string, reason: string }

const SEPARATORS = /[\s,;]+/
const WRAPPERS = /^["'`<([{]+|["'`>)\]}]+$/g
const EMAIL = /^[^\s@]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,}$/
const LOGIN = /^[A-Za-z0-9_.@-]+$/
const OBJECT_ID = /^[0-9a-f]{24}$/i

/** Whether a string is a 24-hex-digit object id (dialogs, messages). */
export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value)
}

/** Splits pasted text into trimmed, non-empty raw tokens. */
export function splitTokens(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((t) => t.replace(WRAPPERS, '').trim())
    .filter((t) => t !== '')
}

/** Classifies one token as a user id, email, login or invalid (with the reason). */
export function classifyToken(raw: string): IdToken {
  if (/^\d+$/.test(raw)) {
    const id = Number(raw)
    if (id === 0) return { kind: 'invalid', raw, reason: 'User IDs start at 1.' }
    if (!Number.isSafeInteger(id)) return { kind: 'invalid', raw, reason: 'This number is too large to be a user ID.' }
    return { kind: 'id', raw, id }
  }
  if (/^[-+]?\d+(\.\d+)?$/.test(raw)) return { kind: 'invalid', raw, reason: 'User IDs are whole numbers above 0.' }
  if (raw.includes('@') && raw.length <= 254 && EMAIL.test(raw)) return { kind: 'email', raw, email: raw.toLowerCase() }
  if (LOGIN.test(raw)) {
    if (raw.length > 255) return { kind: 'invalid', raw, reason: 'Too long for a login (at most 255 characters).' }
    return { kind: 'login', raw, login: raw }
  }
  const bad = [...new Set([...raw].filter((c) => !/[A-Za-z0-9_.@-]/.test(c)))]
  return {
    kind: 'invalid',
    raw,
    reason: `Not an ID, email or login: contains ${bad.map((c) => `"${c}"`).join(', ')}.`,
  }
}

/** The key under which two tokens count as the same entry. */
export function tokenKey(token: IdToken): string {
  switch (token.kind) {
    case 'id': return `id:${token.id}`
    case 'email': return `email:${token.email}`
    case 'login': return `login:${token.login}`
    case 'invalid': return `invalid:${token.raw}`
  }
}

/** Parses a pasted list: split, trim, classify, and drop repeats (first occurrence wins). */
export function parseIdList(text: string): IdToken[] {
  const seen = new Set<string>()
  const out: IdToken[] = []
  for (const raw of splitTokens(text)) {
    const token = classifyToken(raw)
    const key = tokenKey(token)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(token)
  }
  return out
}

export interface ResolvedToken {
  token: IdToken
  userId: number
}

export interface AddPlan {
  /** User ids to push, in paste order, each once. */
  willAdd: ResolvedToken[]
  alreadyMembers: ResolvedToken[]
  /** Tokens that named no existing user. */
  notFound: IdToken[]
  invalid: IdToken[]
  /** Tokens that resolved to a user already listed earlier (e.g. their id and their email). */
  duplicates: ResolvedToken[]
}

/**
 * The dry run of adding pasted users: `resolve` maps a valid token to a user id, or
 * null/undefined when no such user exists (ids too: an unknown id is "not found").
 */
export function planAdd(
  tokens: readonly IdToken[],
  resolve: (token: Exclude<IdToken, { kind: 'invalid' }>) => number | null | undefined,
  currentMembers: Iterable<number>,
): AddPlan {
  const members = new Set(currentMembers)
  const seen = new Set<number>()
  const plan: AddPlan = { willAdd: [], alreadyMembers: [], notFound: [], invalid: [], duplicates: [] }
  for (const token of tokens) {
    if (token.kind === 'invalid') {
      plan.invalid.push(token)
      continue
    }
    const userId = resolve(token)
    if (userId === null || userId === undefined) {
      plan.notFound.push(token)
      continue
    }
    const entry = { token, userId }
    if (seen.has(userId)) plan.duplicates.push(entry)
    else if (members.has(userId)) plan.alreadyMembers.push(entry)
    else plan.willAdd.push(entry)
    seen.add(userId)
  }
  return plan
}

export interface LookupRequest {
  /** Ids to confirm exist (e.g. one `filter[]=number id in …` request per 100). */
  ids: number[]
  logins: string[]
  emails: string[]
}

/** What must be looked up before planAdd can resolve the tokens, grouped for batch requests. */
export function lookupsFor(tokens: readonly IdToken[]): LookupRequest {
  const req: LookupRequest = { ids: [], logins: [], emails: [] }
  for (const t of tokens) {
    if (t.kind === 'id') req.ids.push(t.id)
    else if (t.kind === 'login') req.logins.push(t.login)
    else if (t.kind === 'email') req.emails.push(t.email)
  }
  return req
}

/** The user ids of a plan's willAdd, ready for push_all. */
export function idsToAdd(plan: AddPlan): number[] {
  return plan.willAdd.map((e) => e.userId)
}

/**
 * Splits ids into as few comma-joined path segments as possible, each at most `maxLength`
 * characters (`overhead` counts the rest of the path, e.g. "/chat/Message/" and ".json").
 * Repeated ids are sent once. Throws if a single id cannot fit.
 */
export function chunkIdsForPath(ids: readonly string[], maxLength = 2000, overhead = 0): string[][] {
  const budget = maxLength - overhead
  const chunks: string[][] = []
  let current: string[] = []
  let length = 0
  for (const id of new Set(ids)) {
    if (id.length > budget) throw new RangeError(`Id "${id}" does not fit in a path of ${maxLength} characters.`)
    // Greedy packing keeps order and gives the fewest contiguous chunks; for same-length
    // object ids that is the fewest chunks of any kind.
    const extra = current.length ? id.length + 1 : id.length
    if (length + extra > budget) {
      chunks.push(current)
      current = [id]
      length = id.length
    } else {
      current.push(id)
      length += extra
    }
  }
  if (current.length) chunks.push(current)
  return chunks
}

/**
 * One DeleteResult from the answers to chunked DELETE requests, in chunk order. A null answer
 * (single-id delete: 200 with an empty body) means the whole chunk was deleted; a missing
 * WrongPermissions key (as in the docs' example) means none were refused.
 */
export function mergeDeleteResults(
  chunks: readonly (readonly string[])[],
  results: readonly (Partial<DeleteResult> | null | undefined)[],
): DeleteResult {
  const out: DeleteResult = { SuccessfullyDeleted: { ids: [] }, NotFound: { ids: [] }, WrongPermissions: { ids: [] } }
  chunks.forEach((chunk, i) => {
    const r = results[i]
    if (!r) {
      out.SuccessfullyDeleted.ids.push(...chunk)
      return
    }
    out.SuccessfullyDeleted.ids.push(...(r.SuccessfullyDeleted?.ids ?? []))
    out.NotFound.ids.push(...(r.NotFound?.ids ?? []))
    out.WrongPermissions.ids.push(...(r.WrongPermissions?.ids ?? []))
  })
  return out
}
