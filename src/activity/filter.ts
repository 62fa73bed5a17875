import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { ActivityEntry, ActivityResult } from './types'
import { dayBounds } from '@/domain/format'
import { ACTIVITY_ACTIONS, ACTIVITY_RESULTS } from './types'

/** The Activity screen's filters and page, as they live in the URL. */
export interface ActivityFilterState {
  /** Words that must all appear (any case) in the entry's text. */
  text: string
  /** An action (`dialog.update`) or a group of them (`dialog`, `dialog.occupants`). */
  action: string | null
  result: ActivityResult | null
  /** YYYY-MM-DD in the zone the table shows times in, both days included. */
  from: string | null
  to: string | null
  dialogId: string
  page: number
  size: number
}

export const ACTIVITY_PAGE_SIZES = [25, 50, 100, 200] as const

export const DEFAULT_ACTIVITY_FILTER: ActivityFilterState = {
  text: '',
  action: null,
  result: null,
  from: null,
  to: null,
  dialogId: '',
  page: 1,
  size: 50,
}

/** Action groups offered besides single actions: every prefix ending before a dot. */
export const ACTION_GROUPS: string[] = [...new Set(ACTIVITY_ACTIONS.flatMap((action) => {
  const parts = action.split('.')
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'))
}))]

function first(value: LocationQuery[string] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function day(value: string | null): string | null {
  return value && DAY.test(value) && dayBounds(value) ? value : null
}

function isAction(value: string | null): value is string {
  return value !== null && ((ACTIVITY_ACTIONS as readonly string[]).includes(value) || ACTION_GROUPS.includes(value))
}

export function parseActivityFilter(query: LocationQuery): ActivityFilterState {
  const page = Number(first(query.page))
  const size = Number(first(query.size))
  const result = first(query.result)
  const action = first(query.action)
  return {
    text: first(query.q)?.trim() ?? '',
    action: isAction(action) ? action : null,
    result: (ACTIVITY_RESULTS as readonly string[]).includes(result ?? '') ? result as ActivityResult : null,
    from: day(first(query.from)),
    to: day(first(query.to)),
    dialogId: first(query.dialog)?.trim() ?? '',
    page: Number.isInteger(page) && page > 0 ? page : DEFAULT_ACTIVITY_FILTER.page,
    size: (ACTIVITY_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_ACTIVITY_FILTER.size,
  }
}

/** The URL query for a state; defaults are left out so links stay short. */
export function serializeActivityFilter(state: ActivityFilterState): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.text.trim())
    query.q = state.text.trim()
  if (state.action)
    query.action = state.action
  if (state.result)
    query.result = state.result
  if (state.from)
    query.from = state.from
  if (state.to)
    query.to = state.to
  if (state.dialogId.trim())
    query.dialog = state.dialogId.trim()
  if (state.page !== DEFAULT_ACTIVITY_FILTER.page)
    query.page = String(state.page)
  if (state.size !== DEFAULT_ACTIVITY_FILTER.size)
    query.size = String(state.size)
  return query
}

export function hasActivityFilters(state: ActivityFilterState): boolean {
  return !!state.text || !!state.action || !!state.result || !!state.from || !!state.to || !!state.dialogId
}

/** Every piece of text an entry is searched by, lower-case; cached per entry object. */
const haystacks = new WeakMap<ActivityEntry, string>()
function haystack(entry: ActivityEntry): string {
  let text = haystacks.get(entry)
  if (text === undefined) {
    const { target, request } = entry
    text = [
      entry.summary,
      entry.action,
      entry.operator,
      entry.actingAs.label,
      entry.actingAs.userId,
      entry.apiBase,
      target.id,
      target.ids?.join(' '),
      target.dialogId,
      target.label,
      request?.method,
      request?.path,
      entry.result,
      entry.status,
      entry.error,
      entry.before === undefined ? '' : JSON.stringify(entry.before),
      entry.after === undefined ? '' : JSON.stringify(entry.after),
    ].filter(v => v !== undefined && v !== null && v !== '').join('\n').toLowerCase()
    haystacks.set(entry, text)
  }
  return text
}

/** The dialogs an entry concerns: the dialogs themselves, or the dialog of its messages. */
export function entryDialogIds(entry: ActivityEntry): string[] {
  const { target } = entry
  const ids = new Set<string>()
  if (target.kind === 'dialog') {
    if (target.id)
      ids.add(target.id)
    target.ids?.forEach(id => ids.add(id))
  }
  if (target.dialogId)
    ids.add(target.dialogId)
  // Creations recorded before the new dialog's ID went into the target still carry it in `after`.
  const created = entry.action === 'dialog.create' && entry.after && typeof entry.after === 'object' ? (entry.after as { _id?: unknown })._id : undefined
  if (typeof created === 'string' && created)
    ids.add(created)
  return [...ids]
}

/** A predicate for the filters (the page is not applied). */
export function activityMatcher(state: ActivityFilterState): (entry: ActivityEntry) => boolean {
  const words = state.text.toLowerCase().split(/\s+/).filter(Boolean)
  // Days in the table's zone; the whole "to" day is included.
  const from = state.from ? dayBounds(state.from)?.start ?? null : null
  const to = state.to ? dayBounds(state.to)?.end ?? null : null
  const dialogId = state.dialogId.trim()
  return (entry) => {
    if (state.action && entry.action !== state.action && !entry.action.startsWith(`${state.action}.`))
      return false
    if (state.result && entry.result !== state.result)
      return false
    if (from !== null || to !== null) {
      const at = Date.parse(entry.at)
      if ((from !== null && at < from) || (to !== null && at >= to))
        return false
    }
    if (dialogId && !entryDialogIds(entry).includes(dialogId))
      return false
    if (words.length) {
      const text = haystack(entry)
      return words.every(word => text.includes(word))
    }
    return true
  }
}

export function filterActivity(entries: readonly ActivityEntry[], state: ActivityFilterState): ActivityEntry[] {
  const match = activityMatcher(state)
  return entries.filter(match)
}
