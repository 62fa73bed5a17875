import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Message } from '@/api/types'
import type { MessageFilters } from '@/stores/messages'
import { dayBounds, formatDay } from '@/domain/format'

/** The Messages tab's filters as they live in the URL. Days are YYYY-MM-DD in the zone times are shown in. */
export interface MessagesUrlState {
  text: string
  sender: number | null
  from: string | null
  to: string | null
  /** Jump to this day: messages sent on it or before. */
  at: string | null
  /** A link to one message (from another screen): scroll to it and mark it. */
  message: string | null
}

export const EMPTY_STATE: MessagesUrlState = { text: '', sender: null, from: null, to: null, at: null, message: null }

const MESSAGE_ID = /^[0-9a-f]{24}$/i

const DAY = /^\d{4}-\d{2}-\d{2}$/

function first(value: LocationQuery[string] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : null
}

function day(value: string | null): string | null {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null
}

/** Unix seconds of the first second of a day, in the zone times are shown in. */
export function dayStart(value: string): number {
  const bounds = dayBounds(value)
  return bounds ? Math.floor(bounds.start / 1000) : Date.parse(`${value}T00:00:00Z`) / 1000
}

/** Unix seconds of the last second of a day, in the zone times are shown in. */
export function dayEnd(value: string): number {
  const bounds = dayBounds(value)
  return bounds ? Math.floor(bounds.end / 1000) - 1 : dayStart(value) + 86_399
}

export function parseMessagesState(query: LocationQuery): MessagesUrlState {
  const sender = Number(first(query.sender))
  return {
    text: first(query.text)?.trim() ?? '',
    sender: Number.isSafeInteger(sender) && sender > 0 ? sender : null,
    from: day(first(query.from)),
    to: day(first(query.to)),
    at: day(first(query.at)),
    message: MESSAGE_ID.test(first(query.message) ?? '') ? first(query.message)!.toLowerCase() : null,
  }
}

/** The URL query for a state; empty filters are left out so links stay short. */
export function serializeMessagesState(state: MessagesUrlState): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.text.trim())
    query.text = state.text.trim()
  if (state.sender !== null)
    query.sender = String(state.sender)
  if (state.from)
    query.from = state.from
  if (state.to)
    query.to = state.to
  if (state.at)
    query.at = state.at
  if (state.message)
    query.message = state.message
  return query
}

/** What the store sends: whole days, both ends included. */
export function toMessageFilters(state: MessagesUrlState): MessageFilters {
  return {
    text: state.text,
    senderId: state.sender,
    from: state.from ? dayStart(state.from) : null,
    to: state.to ? dayEnd(state.to) : null,
    at: state.at ? dayEnd(state.at) : null,
  }
}

export function hasFilters(state: MessagesUrlState): boolean {
  return !!state.text || state.sender !== null || !!state.from || !!state.to
}

export type FilterKey = 'text' | 'sender' | 'from' | 'to'

/** An active filter as a chip: what it says, and its API term for the tooltip. */
export interface FilterChip {
  key: FilterKey
  label: string
  title: string
}

/** The active filters, in the order of the filter panel; `nameOf` names the sender. */
export function filterChips(state: MessagesUrlState, nameOf: (id: number) => string): FilterChip[] {
  const chips: FilterChip[] = []
  if (state.text)
    chips.push({ key: 'text', label: `Text: “${state.text}”`, title: 'message[ctn]: the text contains these words (any case)' })
  if (state.sender !== null)
    chips.push({ key: 'sender', label: `Sender: ${nameOf(state.sender)}`, title: `sender_id=${state.sender}` })
  if (state.from)
    chips.push({ key: 'from', label: `Sent from ${formatDay(state.from)}`, title: 'date_sent[gte]: sent on this day or later' })
  if (state.to)
    chips.push({ key: 'to', label: `Sent until ${formatDay(state.to)}`, title: 'date_sent[lte]: sent on this day or earlier' })
  return chips
}

const MODEL_KEYS = new Set(['_id', 'chat_dialog_id', 'created_at', 'updated_at', 'date_sent', 'sender_id', 'recipient_id', 'message', 'read_ids', 'delivered_ids', 'attachments', 'read', 'markable', 'edited'])

/** Extra top-level keys of a message (QuickBlox custom fields), as text. */
export function customFields(message: Message): { key: string, value: string }[] {
  return Object.keys(message)
    .filter(key => !MODEL_KEYS.has(key))
    .sort()
    .map((key) => {
      const value = message[key]
      return { key, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value) }
    })
}

/**
 * Whether a message was edited: an `edited` flag, or `updated_at` later than its creation
 * (the emulator and QuickBlox bump `updated_at` on a text edit; read marks don't touch it).
 */
export function isEdited(message: Message): boolean {
  if (message.edited === true || message.edited === 1 || message.edited === '1')
    return true
  const updated = message.updated_at ? Date.parse(message.updated_at) : Number.NaN
  if (Number.isNaN(updated))
    return false
  const created = message.created_at ? Date.parse(message.created_at) : message.date_sent * 1000
  return Number.isFinite(created) && updated - created >= 1000
}

/** A URL safe to link to (http or https), else null: the rest is shown as text only. */
export function safeLink(url: unknown): string | null {
  if (typeof url !== 'string')
    return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  }
  catch {
    return null
  }
}

/** Longest text shown before "Show more". */
export const FOLD_CHARS = 360
const FOLD_LINES = 6

/** The text to show folded, or null when the text is short enough to show whole. */
export function foldedText(text: string | null | undefined): string | null {
  if (!text)
    return null
  const lines = text.split('\n')
  if (text.length <= FOLD_CHARS && lines.length <= FOLD_LINES)
    return null
  const byLines = lines.slice(0, FOLD_LINES).join('\n')
  return `${byLines.slice(0, FOLD_CHARS).trimEnd()}…`
}

/** Indexes between two positions, both included (shift-click ranges). */
export function rangeBetween(a: number, b: number): number[] {
  const [lo, hi] = a <= b ? [a, b] : [b, a]
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
}
