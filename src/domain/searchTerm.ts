import type { User } from '@/api/types'

/**
 * What a search box's text names. Plain text is read by its shape; a prefix (`name:`, `user:`,
 * `login:`, `email:`, `id:`) says it outright when the shape would mislead (a dialog named "2024").
 */
export type SearchTerm =
  | { kind: 'empty' }
  /** A dialog's ID: 24 hex digits. */
  | { kind: 'dialog-id', id: string }
  | { kind: 'user-id', id: number }
  | { kind: 'email', email: string }
  /** `login:` — exactly this login. */
  | { kind: 'login', login: string }
  /** `name:` — dialog names containing this, never a person. */
  | { kind: 'dialog-name', text: string }
  /** Anything else: a login, a person's name, or part of a dialog's name. */
  | { kind: 'text', text: string }

const DIALOG_ID = /^[0-9a-f]{24}$/i
const USER_ID = /^#?(\d{1,15})$/
const EMAIL = /^[^\s@]+@[^\s@]+$/
const PREFIX = /^(name|user|login|email|id|dialog):\s*(.*)$/i

function userId(text: string): number | null {
  const match = USER_ID.exec(text)
  const id = match ? Number(match[1]) : Number.NaN
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** Reads a search box's text: a dialog ID, a user ID, an email, a `login:`, a `name:`, or plain text. */
export function classifySearchTerm(input: string): SearchTerm {
  const text = input.trim()
  if (!text)
    return { kind: 'empty' }
  const prefixed = PREFIX.exec(text)
  if (prefixed) {
    const prefix = prefixed[1]!.toLowerCase()
    const rest = prefixed[2]!.trim()
    if (!rest)
      return { kind: 'empty' }
    if (prefix === 'name')
      return { kind: 'dialog-name', text: rest }
    if (prefix === 'login')
      return { kind: 'login', login: rest }
    if (prefix === 'email')
      return { kind: 'email', email: rest }
    if (prefix === 'dialog')
      return DIALOG_ID.test(rest) ? { kind: 'dialog-id', id: rest.toLowerCase() } : { kind: 'dialog-name', text: rest }
    // `user:` and `id:` read what follows by its shape, but never as a dialog name.
    const inner = classifySearchTerm(rest)
    if (prefix === 'id' && inner.kind === 'dialog-id')
      return inner
    if (inner.kind === 'user-id' || inner.kind === 'email')
      return inner
    return { kind: 'login', login: rest }
  }
  if (DIALOG_ID.test(text))
    return { kind: 'dialog-id', id: text.toLowerCase() }
  const id = userId(text)
  if (id !== null)
    return { kind: 'user-id', id }
  if (EMAIL.test(text))
    return { kind: 'email', email: text }
  return { kind: 'text', text }
}

/** The search box text that asks for exactly this term (`name:` for a dialog-name search). */
export function searchTermText(term: SearchTerm): string {
  switch (term.kind) {
    case 'empty': return ''
    case 'dialog-id': return term.id
    case 'user-id': return String(term.id)
    case 'email': return term.email
    case 'login': return `login:${term.login}`
    case 'dialog-name': return `name:${term.text}`
    case 'text': return term.text
  }
}

/** How a person was recognised in a search. */
export type PersonMatch = 'id' | 'login' | 'email' | 'full name'

export type PersonPick =
  | { person: User, by: PersonMatch }
  /** No one person: those whose full name contains the text (maybe none). */
  | { person: null, candidates: User[] }

function same(a: string | null | undefined, b: string): boolean {
  return !!a && a.trim().toLowerCase() === b.trim().toLowerCase()
}

/**
 * The one person a search names among users found for it: an exact login or email first, then
 * a full name (the only one containing the text, or the only exact one). Several people with
 * that name in theirs are returned as candidates to choose from.
 */
export function pickPerson(term: SearchTerm, found: readonly User[]): PersonPick {
  if (term.kind === 'user-id') {
    const user = found.find(u => u.id === term.id)
    return user ? { person: user, by: 'id' } : { person: null, candidates: [] }
  }
  if (term.kind === 'email') {
    const user = found.find(u => same(u.email, term.email))
    return user ? { person: user, by: 'email' } : { person: null, candidates: [] }
  }
  if (term.kind === 'login') {
    const user = found.find(u => same(u.login, term.login))
    return user ? { person: user, by: 'login' } : { person: null, candidates: [] }
  }
  if (term.kind !== 'text')
    return { person: null, candidates: [] }
  const byLogin = found.find(u => same(u.login, term.text))
  if (byLogin)
    return { person: byLogin, by: 'login' }
  const byEmail = found.find(u => same(u.email, term.text))
  if (byEmail)
    return { person: byEmail, by: 'email' }
  const needle = term.text.trim().toLowerCase()
  const named = found.filter(u => u.full_name?.toLowerCase().includes(needle))
  const exact = named.filter(u => same(u.full_name, term.text))
  if (named.length === 1 || exact.length === 1)
    return { person: exact[0] ?? named[0]!, by: 'full name' }
  return { person: null, candidates: named }
}
