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

/** Where times are shown: the person's own zone (the default) or UTC. */
export type TimeZoneChoice = 'local' | 'utc'

let zoneSource: () => TimeZoneChoice = () => 'local'
/** Dates and numbers follow the browser's region settings, as its date inputs do (undefined = the browser's). */
let regionLocale: string | undefined
/** Relative times speak the app's language (English until there is a choice of languages). */
const APP_LANGUAGE = 'en'

/**
 * Where the chosen zone is read from. A getter, so a reactive setting can make every screen that
 * formats a time follow a switch without this module knowing Vue.
 */
export function setTimeZoneSource(source: () => TimeZoneChoice): void {
  zoneSource = source
}

/** The zone times are shown in now. */
export function timeZoneChoice(): TimeZoneChoice {
  return zoneSource()
}

/** For tests and a future language setting: the locale dates and numbers are written in. */
export function setFormatLocale(locale: string | undefined): void {
  regionLocale = locale
  formatters.clear()
  numberFormats.clear()
}

/** "UTC", or the person's zone as the browser names it ("Europe/Berlin"). */
export function timeZoneName(choice: TimeZoneChoice = zoneSource()): string {
  return choice === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time'
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options)
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(regionLocale, options)
    formatters.set(key, f)
  }
  return f
}

const relativeFormat = new Intl.RelativeTimeFormat(APP_LANGUAGE, { numeric: 'auto' })

/**
 * "now", "3 minutes ago", "5 hours ago", "yesterday", "4 days ago", "2 months ago", "1 year ago"
 * (and "in 3 minutes", "tomorrow"… for the future), through Intl. `value`: unix seconds or ISO;
 * `now`: a Date or epoch ms. Empty string when the time is missing or unreadable.
 */
export function relativeTime(value: number | string | Date | null | undefined, now: number | Date): string {
  const t = toEpochMs(value)
  if (t === null) return ''
  const nowMs = typeof now === 'number' ? now : now.getTime()
  const diff = Math.round((t - nowMs) / 1000)
  const abs = Math.abs(diff)
  const sign = diff < 0 ? -1 : 1
  if (abs < 45) return relativeFormat.format(0, 'second')
  if (abs < HOUR) return relativeFormat.format(sign * Math.max(1, Math.floor(abs / MIN)), 'minute')
  if (abs < DAY) return relativeFormat.format(sign * Math.floor(abs / HOUR), 'hour')
  if (abs < 30 * DAY) return relativeFormat.format(sign * Math.floor(abs / DAY), 'day')
  // "last month" would be wrong for 59 days ago: past a day, numbers only.
  if (abs < 365 * DAY) return plural(Math.floor(abs / (30 * DAY)), 'month', sign)
  return plural(Math.floor(abs / (365 * DAY)), 'year', sign)
}

const numericRelative = new Intl.RelativeTimeFormat(APP_LANGUAGE, { numeric: 'always' })

function plural(n: number, unit: 'month' | 'year', sign: number): string {
  return numericRelative.format(sign * n, unit)
}

/**
 * An exact time in the chosen zone, written the way the browser writes dates (so it reads like
 * the date inputs): "03/05/2024, 02:07 PM" locally, "03/05/2024, 02:07 PM UTC" in UTC, seconds
 * with `seconds`. `zone: false` leaves the zone's name out where a heading already says it.
 * Empty when unusable.
 */
export function absoluteTime(value: number | string | Date | null | undefined, options: { seconds?: boolean, zone?: boolean } = {}): string {
  const t = toEpochMs(value)
  if (t === null) return ''
  const utc = zoneSource() === 'utc'
  return formatter({
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: options.seconds ? '2-digit' : undefined,
    timeZone: utc ? 'UTC' : undefined,
    timeZoneName: utc && options.zone !== false ? 'short' : undefined,
  }).format(t)
}

/** A `YYYY-MM-DD` day written the way dates are shown ("03/05/2024"); the input itself when unreadable. */
export function formatDay(day: string): string {
  const bounds = dayBounds(day)
  if (!bounds) return day
  const utc = zoneSource() === 'utc'
  return formatter({ year: 'numeric', month: '2-digit', day: '2-digit', timeZone: utc ? 'UTC' : undefined }).format(bounds.start)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** The `YYYY-MM-DD` day (the value of a date input) an instant falls on in the chosen zone; null if unusable. */
export function dayOf(value: number | string | Date | null | undefined): string | null {
  const t = toEpochMs(value)
  return t === null ? null : dayKey(t)
}

function dayKey(ms: number): string {
  const d = new Date(ms)
  return zoneSource() === 'utc'
    ? `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
    : `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * A `YYYY-MM-DD` day (a date input's value) as a range of epoch ms, [start, end), in the chosen
 * zone, so a day typed in a filter holds exactly the times shown with that date (a local day
 * across a daylight-saving change is 23 or 25 hours long); null if unreadable.
 */
export function dayBounds(day: string): { start: number, end: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])]
  const start = zoneSource() === 'utc' ? Date.UTC(y, m, d) : new Date(y, m, d).getTime()
  const end = zoneSource() === 'utc' ? Date.UTC(y, m, d + 1) : new Date(y, m, d + 1).getTime()
  // 2024-02-31 is not a day: Date would roll it over to March.
  if (!Number.isFinite(start) || dayKey(start) !== day) return null
  return { start, end }
}

/** A count or amount written the way the browser's region writes numbers: "12,345". */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `n${JSON.stringify(options)}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(regionLocale, options)
    numberFormats.set(key, f)
  }
  return f.format(value)
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
  occupant: 'Member',
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
