import type { DeleteResult, Dialog, DialogType, User } from '@/api/types'
import type { Role } from './actor'

/** Looks up a display name for a user id; null/undefined when not (yet) known. */
export type NameLookup = (userId: number) => string | null | undefined

/** Milliseconds since the epoch from unix seconds (numbers), an ISO string or a Date; null if unusable. */
export function toEpochMs(value: number | string | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : value.getTime()
  return Number.isFinite(ms) ? ms : null
}

const MIN = 60
const HOUR = 60 * MIN
const DAY = 24 * HOUR

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`
}

/**
 * "just now", "3 min ago", "5 h ago", "yesterday", "4 days ago", "2 months ago", "1 year ago"
 * (and "in 3 min"… for the future). `value`: unix seconds or ISO; `now`: a Date or epoch ms.
 * Empty string when the time is missing or unreadable.
 */
export function relativeTime(value: number | string | Date | null | undefined, now: number | Date): string {
  const t = toEpochMs(value)
  if (t === null) return ''
  const nowMs = typeof now === 'number' ? now : now.getTime()
  const diff = Math.round((nowMs - t) / 1000)
  const abs = Math.abs(diff)
  const future = diff < 0
  if (abs < 45) return 'just now'
  let text: string
  if (abs < HOUR) text = `${Math.max(1, Math.floor(abs / MIN))} min`
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)} h`
  else if (abs < 2 * DAY) return future ? 'tomorrow' : 'yesterday'
  else if (abs < 30 * DAY) text = plural(Math.floor(abs / DAY), 'day')
  else if (abs < 365 * DAY) text = plural(Math.floor(abs / (30 * DAY)), 'month')
  else text = plural(Math.floor(abs / (365 * DAY)), 'year')
  return future ? `in ${text}` : `${text} ago`
}

/**
 * An exact time: "2024-03-05 14:07 UTC" ("14:07:09 UTC" with seconds); empty when unusable.
 * Every time the dashboard shows is UTC, like its date filters, so a time on screen and a
 * date typed in a filter always mean the same day.
 */
export function absoluteTime(value: number | string | Date | null | undefined, options: { seconds?: boolean, zone?: boolean } = {}): string {
  const t = toEpochMs(value)
  if (t === null) return ''
  const text = new Date(t).toISOString().slice(0, options.seconds ? 19 : 16).replace('T', ' ')
  // `zone: false` where a column header already says "(UTC)".
  return options.zone === false ? text : `${text} UTC`
}

/**
 * A `YYYY-MM-DD` day as a range of epoch ms, [start, end), in the zone `absoluteTime` shows
 * times in, so a day typed in a filter holds exactly the times shown with that date; null if unreadable.
 */
export function dayBounds(day: string): { start: number, end: number } | null {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN
  return Number.isFinite(start) ? { start, end: start + DAY * 1000 } : null
}

const TYPE_LABELS: Record<DialogType, string> = { 1: 'Public group', 2: 'Group', 3: 'Private' }

/** "Public group", "Group" or "Private". */
export function dialogTypeLabel(type: DialogType): string {
  return TYPE_LABELS[type] ?? `Type ${String(type)}`
}

/** Options for a dialog type picker, most used first. */
export const DIALOG_TYPE_OPTIONS: readonly { value: DialogType, label: string, description: string }[] = [
  { value: 2, label: 'Group', description: 'Only the people you add can chat.' },
  { value: 1, label: 'Public', description: 'Every user of the application can join.' },
  { value: 3, label: 'Private', description: 'A conversation between two people.' },
]

const ROLE_LABELS: Record<Role, string> = {
  'account-owner': 'Account owner',
  owner: 'Owner',
  admin: 'Admin',
  occupant: 'Occupant',
  outsider: 'Not in this dialog',
}

/** A role as the UI names it. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role]
}

/** A user's name for display: full name, else login, else email, else "User 42". */
export function userDisplayName(user: Pick<User, 'id' | 'full_name' | 'login' | 'email'>): string {
  return user.full_name?.trim() || user.login?.trim() || user.email?.trim() || `User ${user.id}`
}

function nameOrId(id: number, nameOf: NameLookup): string {
  return nameOf(id)?.trim() || `User ${id}`
}

/**
 * The name to show for a dialog. Group/public: its name. Private: the other person's name as
 * seen by `viewerId`; with no viewer (the account owner) both people, "Ann & Bob".
 */
export function dialogDisplayName(
  dialog: Pick<Dialog, 'type' | 'name' | 'occupants_ids' | 'user_id'>,
  nameOf: NameLookup,
  viewerId?: number | null,
): string {
  if (dialog.type !== 3) {
    return dialog.name?.trim() || (dialog.type === 1 ? 'Untitled public dialog' : 'Untitled group')
  }
  const people = [...new Set(dialog.occupants_ids)]
  const others = viewerId != null && people.includes(viewerId) ? people.filter((id) => id !== viewerId) : people
  if (others.length === 0) return 'Private dialog'
  return others.map((id) => nameOrId(id, nameOf)).join(' & ')
}

/** A one-line outcome of a (bulk) delete: "Deleted 5. 2 were already gone. 1 not allowed." */
export function describeDeleteResult(result: DeleteResult, noun: { one: string, many: string }): string {
  const n = (k: number): string => `${k} ${k === 1 ? noun.one : noun.many}`
  const parts: string[] = []
  const ok = result.SuccessfullyDeleted.ids.length
  const gone = result.NotFound.ids.length
  const denied = result.WrongPermissions.ids.length
  parts.push(ok ? `Deleted ${n(ok)}.` : `Nothing was deleted.`)
  if (gone) parts.push(`${n(gone)} ${gone === 1 ? 'was' : 'were'} not found (already deleted?).`)
  if (denied) parts.push(`${n(denied)}: not allowed for the acting user.`)
  return parts.join(' ')
}
