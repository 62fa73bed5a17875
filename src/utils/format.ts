import type { DialogType } from '@/api/types'

export const DIALOG_TYPE_LABEL: Record<DialogType, string> = { 1: 'Public group', 2: 'Group', 3: 'Private' }

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

let relative: Intl.RelativeTimeFormat | null = null
let absolute: Intl.DateTimeFormat | null = null

/** "3 days ago" for a moment in ms since the epoch. */
export function formatRelative(ms: number, now = Date.now()): string {
  relative ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
  const seconds = Math.round((ms - now) / 1000)
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size)
      return relative.format(Math.trunc(seconds / size), unit)
  }
  return 'just now'
}

/** "22 Nov 2026, 01:40" in the viewer's time zone. */
export function formatDateTime(ms: number): string {
  absolute ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
  return absolute.format(ms)
}

/** ms from an ISO string (`created_at`) or unix seconds (`last_message_date_sent`); null if unusable. */
export function toMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '')
    return null
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}
