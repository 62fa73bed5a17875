/**
 * What a person typed into the one search box, read as what it most likely is. A reading can
 * ask for several lookups: "anna" may be a login, a full name or part of a dialog's name.
 */
export type SearchKind = 'empty' | 'dialog-id' | 'user-id' | 'email' | 'text'

export interface ParsedSearch {
  /** The text, trimmed. */
  text: string
  kind: SearchKind
  /** A dialog's `_id` (24 hex digits, lower-case). */
  dialogId?: string
  /** A user's ID. */
  userId?: number
  /** An exact email. */
  email?: string
  /** An exact login. */
  login?: string
  /** Part of a user's full name (the users API wants 3 characters at least). */
  fullName?: string
  /** Part of a dialog's name. */
  dialogName?: string
}

/** Longest text that is searched for; past this it is not a name, an ID or an address. */
export const MAX_SEARCH_LENGTH = 120
/** Fewest characters of a name worth asking the server about. */
export const MIN_DIALOG_NAME = 2
export const MIN_FULL_NAME = 3

const DIALOG_ID = /^[0-9a-f]{24}$/i
const USER_ID = /^#?(\d{1,15})$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Reads the search box: a dialog ID, a user ID (`1042` or `#1042`), an email, or a login or name. */
export function parseSearch(input: string): ParsedSearch {
  const text = input.trim().slice(0, MAX_SEARCH_LENGTH)
  if (!text)
    return { text, kind: 'empty' }
  if (DIALOG_ID.test(text))
    return { text, kind: 'dialog-id', dialogId: text.toLowerCase() }
  const id = USER_ID.exec(text)
  if (id) {
    const userId = Number(id[1])
    if (!Number.isSafeInteger(userId) || userId <= 0)
      return { text, kind: 'text', dialogName: text }
    // "#1042" is how the desk writes a user ID; bare digits may also be a login (a phone number) or in a dialog's name.
    return text.startsWith('#')
      ? { text, kind: 'user-id', userId }
      : { text, kind: 'user-id', userId, login: text, ...(text.length >= MIN_DIALOG_NAME ? { dialogName: text } : {}) }
  }
  if (EMAIL.test(text))
    return { text, kind: 'email', email: text, login: text }
  const parsed: ParsedSearch = { text, kind: 'text' }
  if (!/\s/.test(text))
    parsed.login = text
  if (text.length >= MIN_FULL_NAME && /\p{L}/u.test(text))
    parsed.fullName = text
  if (text.length >= MIN_DIALOG_NAME)
    parsed.dialogName = text
  return parsed
}

/** Whether the reading asks the server anything. */
export function hasLookups(parsed: ParsedSearch): boolean {
  return parsed.dialogId !== undefined || parsed.userId !== undefined || parsed.email !== undefined
    || parsed.login !== undefined || parsed.fullName !== undefined || parsed.dialogName !== undefined
}

/** What the box understood, said in plain words under the results. */
export function describeSearch(parsed: ParsedSearch): string {
  switch (parsed.kind) {
    case 'empty': return 'Type a dialog name or ID, or a user’s name, login, email or ID.'
    case 'dialog-id': return 'Looks like a dialog ID.'
    case 'user-id': return 'Looks like a user ID.'
    case 'email': return 'Looks like an email address.'
    case 'text': return parsed.fullName || parsed.dialogName ? 'Searching names and logins.' : 'Type at least 2 characters.'
  }
}
