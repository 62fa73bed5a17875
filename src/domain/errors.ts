/**
 * Plain-words versions of the error texts the QuickBlox docs document, for support staff.
 * The server's own text always travels along (`original`), so the UI can show both and
 * nothing is lost; unknown texts are passed through unchanged with `known: false`.
 */

export interface ExplainedError {
  /** What to show. */
  text: string
  /** The server's words, verbatim. */
  original: string
  /** The form field the error belongs to, when there is one. */
  field?: string
  /** Whether `text` is a rewording (true) or the original passed through (false). */
  known: boolean
}

interface Rule {
  match: RegExp
  text: string | ((m: RegExpMatchArray) => string)
  field?: string | ((m: RegExpMatchArray) => string)
}

const FIELD_LABELS: Record<string, string> = {
  occupants_ids: 'members',
  admin_ids: 'admins',
  is_join_required: '"Join required"',
  name: 'name',
  photo: 'photo',
  type: 'dialog type',
  data: 'custom data',
  user_id: 'owner',
}

function label(field: string): string {
  return FIELD_LABELS[field] ?? field
}

// Texts are compared lower-cased, trimmed, without a final period and with straight quotes.
const RULES: Rule[] = [
  { match: /^occupants_ids is missing opponent id$/, text: 'Pick the other person for this private dialog.', field: 'occupants_ids' },
  {
    match: /^incorrect format for parameter "(\w+)"$/,
    text: (m) => `The ${label(m[1] ?? '')} must be a list of user IDs (numbers).`,
    field: (m) => m[1] ?? '',
  },
  {
    match: /^users with these ids for "(\w+)" do not exist$/,
    text: (m) => `Some of the chosen ${label(m[1] ?? '')} are not users of this application. Check the IDs.`,
    field: (m) => m[1] ?? '',
  },
  { match: /^users are already present in occupants_ids$/, text: 'Some of these people are already in the dialog.', field: 'occupants_ids' },
  {
    match: /^parameter "is_join_required" should be a number: either 0 or 1$/,
    text: '"Join required" can only be on or off.',
    field: 'is_join_required',
  },
  {
    match: /^you do not have permission to modify the "is_join_required" parameter$/,
    text: 'Only the account owner or the dialog\'s owner can change "Join required".',
    field: 'is_join_required',
  },
  {
    match: /^you don't have appropriate permissions to modify or delete "admin_ids"$/,
    text: "Only the dialog's owner can change admins; an admin can only remove themselves.",
    field: 'admin_ids',
  },
  {
    match: /^you don't have appropriate permissions to perform this operation$/,
    text: "The acting user isn't allowed to do this. Act as the dialog's owner, an admin or the account owner.",
  },
  { match: /^the resource wasn't found$/, text: 'Not found. It may have been deleted in the meantime; reload the list.' },
  { match: /^couldn't find user$/, text: 'No such user in this application.' },
  { match: /^unauthorized$/, text: 'The API key was not accepted. Check it in the sign-in settings.' },
  { match: /^required session does not exist$/, text: 'The session has expired. Sign in again.' },
  { match: /^forbidden\. need user$/, text: 'This needs a user. Choose a user to act as and try again.' },
  { match: /^(rate limit for your current plan is exceeded|too many requests)$/, text: 'Too many requests right now. Wait a moment and try again.' },
]

const FIELD_RULES: Record<string, Record<string, string>> = {
  type: { 'is wrong': 'Choose a dialog type.' },
}

function normalize(text: string): string {
  return text
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '')
    .trim()
    .toLowerCase()
}

/** Plain words for one server message. */
export function explainMessage(message: string): ExplainedError {
  const n = normalize(message)
  for (const rule of RULES) {
    const m = n.match(rule.match)
    if (!m) continue
    const text = typeof rule.text === 'function' ? rule.text(m) : rule.text
    const field = typeof rule.field === 'function' ? rule.field(m) : rule.field
    return field ? { text, original: message, field, known: true } : { text, original: message, known: true }
  }
  return { text: message, original: message, known: false }
}

/** Plain words for one field error such as `{type: ["is wrong."]}`. */
export function explainFieldError(field: string, message: string): ExplainedError {
  const original = `${field} ${message}`
  const known = FIELD_RULES[field]?.[normalize(message)]
  if (known) return { text: known, original, field, known: true }
  const whole = explainMessage(message)
  if (whole.known) return { ...whole, original, field: whole.field ?? field }
  return { text: `${label(field).replace(/^./, (c) => c.toUpperCase())} ${message}`, original, field, known: false }
}

/** The parts of an API error this needs (matches `ApiError` from `@/api/errors`). */
export interface ErrorLike {
  messages: readonly string[]
  fieldErrors?: Readonly<Record<string, readonly string[]>>
}

/** Plain words for every message of an API error, field errors first, no duplicates. */
export function explainApiError(error: ErrorLike): ExplainedError[] {
  const out: ExplainedError[] = []
  const covered = new Set<string>()
  for (const [field, list] of Object.entries(error.fieldErrors ?? {})) {
    for (const message of list) {
      const e = explainFieldError(field, message)
      covered.add(e.original)
      out.push(e)
    }
  }
  for (const message of error.messages) {
    if (covered.has(message)) continue
    covered.add(message)
    out.push(explainMessage(message))
  }
  return out
}

/** Field → first plain-words message, for putting errors next to form fields. */
export function fieldMessages(explained: readonly ExplainedError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of explained) if (e.field && !(e.field in out)) out[e.field] = e.text
  return out
}

/**
 * The heading over a failed write's messages: a write whose answer was lost was not refused,
 * so it must not say so. `refused` is the screen's own heading for a refusal.
 */
export function failureTitle(error: { kind?: string } | null | undefined, refused: string): string {
  switch (error?.kind) {
    case 'unknown-outcome': return 'We couldn\'t confirm whether this went through'
    case 'not-applied': return 'It did not go through'
    case 'network':
    case 'timeout': return 'No answer from the server'
    default: return refused
  }
}
