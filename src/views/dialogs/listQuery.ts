import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { DialogSortField, ListDialogsQuery, SortOrder } from '@/api/dialogs'
import type { DialogType } from '@/api/types'
import { dayBounds } from '@/domain/format'

export type SortKey = 'last_message' | 'updated' | 'created' | 'name'
export type TypeKey = 'public' | 'group' | 'private'

/** The list screen's state as it lives in the URL. */
export interface DialogListState {
  page: number
  size: number
  sort: SortKey
  order: SortOrder
  type: TypeKey | null
  name: string
  occupants: number[]
  /** The search box's text (`classifySearchTerm`): a dialog ID, a person, or part of a name. */
  q: string
  /** YYYY-MM-DD, a day in the zone times are shown in (`dayBounds`). */
  since: string | null
  before: string | null
  className: string
}

export const PAGE_SIZES = [10, 25, 50, 100] as const
export const DEFAULT_STATE: DialogListState = {
  page: 1,
  size: 25,
  sort: 'last_message',
  order: 'desc',
  type: null,
  name: '',
  occupants: [],
  q: '',
  since: null,
  before: null,
  className: '',
}

export const SORT_FIELDS: Record<SortKey, DialogSortField> = {
  last_message: 'last_message_date_sent',
  updated: 'updated_at',
  created: 'created_at',
  name: 'name',
}

export const TYPE_VALUES: Record<TypeKey, DialogType> = { public: 1, group: 2, private: 3 }

function first(value: LocationQuery[string] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : null
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? value as T : null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function day(value: string | null): string | null {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null
}

/** Splits "1001, 1002 1003" into IDs; what is not a positive integer is returned as invalid. */
export function parseIdList(text: string): { ids: number[], invalid: string[] } {
  const ids: number[] = []
  const invalid: string[] = []
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    if (/^\d+$/.test(token) && Number(token) > 0 && Number.isSafeInteger(Number(token)))
      ids.push(Number(token))
    else
      invalid.push(token)
  }
  return { ids: [...new Set(ids)], invalid }
}

export function parseListState(query: LocationQuery): DialogListState {
  const page = Number(first(query.page))
  const size = Number(first(query.size))
  return {
    page: Number.isInteger(page) && page > 0 ? page : DEFAULT_STATE.page,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_STATE.size,
    sort: oneOf(first(query.sort), Object.keys(SORT_FIELDS) as SortKey[]) ?? DEFAULT_STATE.sort,
    order: oneOf(first(query.order), ['asc', 'desc'] as const) ?? DEFAULT_STATE.order,
    type: oneOf(first(query.type), Object.keys(TYPE_VALUES) as TypeKey[]),
    name: first(query.name)?.trim() ?? '',
    occupants: parseIdList(first(query.occupants) ?? '').ids,
    q: first(query.q)?.trim() ?? '',
    since: day(first(query.since)),
    before: day(first(query.before)),
    className: first(query.class)?.trim() ?? '',
  }
}

/** The URL query for a state; defaults are left out so links stay short. */
export function serializeListState(state: DialogListState): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.page !== DEFAULT_STATE.page)
    query.page = String(state.page)
  if (state.size !== DEFAULT_STATE.size)
    query.size = String(state.size)
  if (state.sort !== DEFAULT_STATE.sort)
    query.sort = state.sort
  if (state.order !== DEFAULT_STATE.order)
    query.order = state.order
  if (state.type)
    query.type = state.type
  if (state.name.trim())
    query.name = state.name.trim()
  if (state.occupants.length)
    query.occupants = state.occupants.join(',')
  if (state.q.trim())
    query.q = state.q.trim()
  if (state.since)
    query.since = state.since
  if (state.before)
    query.before = state.before
  if (state.className.trim())
    query.class = state.className.trim()
  return query
}

/**
 * Why the order differs from what was asked. Private dialogs have no name of their own (the
 * server keeps one person's name, not what the list shows), so sorting by name orders the named
 * dialogs only, and a list of private dialogs is never sorted by name.
 */
export type SortNote = 'named-only' | 'private-unnamed' | null

/** The sort the list really uses, and why when it is not the one asked for. */
export function effectiveSort(state: DialogListState): { sort: SortKey, order: SortOrder, note: SortNote } {
  if (state.sort !== 'name')
    return { sort: state.sort, order: state.order, note: null }
  if (state.type === 'private')
    return { sort: DEFAULT_STATE.sort, order: DEFAULT_STATE.order, note: 'private-unnamed' }
  return { sort: 'name', order: state.order, note: state.type === null ? 'named-only' : null }
}

/** What the search box's text came to once people were looked up. */
export type SearchFilter =
  | { kind: 'none' }
  | { kind: 'dialog', id: string }
  | { kind: 'person', userId: number }
  | { kind: 'name', text: string }

const NO_SEARCH: SearchFilter = { kind: 'none' }

export function toListDialogsQuery(state: DialogListState, search: SearchFilter = NO_SEARCH): ListDialogsQuery {
  const sort = effectiveSort(state)
  const occupants = search.kind === 'person' ? [...new Set([...state.occupants, search.userId])] : state.occupants
  const name = search.kind === 'name' ? search.text : state.name
  const since = state.since ? dayBounds(state.since) : null
  const before = state.before ? dayBounds(state.before) : null
  return {
    skip: (state.page - 1) * state.size,
    limit: state.size,
    sort: { field: SORT_FIELDS[sort.sort], order: sort.order },
    id: search.kind === 'dialog' ? search.id : undefined,
    type: state.type ? TYPE_VALUES[state.type] : undefined,
    typeIn: sort.note === 'named-only' ? [1, 2] : undefined,
    nameContains: name || undefined,
    occupantsAll: occupants.length ? occupants : undefined,
    updatedSince: since ? Math.floor(since.start / 1000) : undefined,
    // The whole "before" day is included.
    updatedBefore: before ? Math.ceil(before.end / 1000) - 1 : undefined,
    customClass: state.className || undefined,
  }
}

export function hasFilters(state: DialogListState): boolean {
  return state.type !== null || !!state.name || !!state.q || state.occupants.length > 0 || !!state.since || !!state.before || !!state.className
}

export type FilterState = Pick<DialogListState, 'type' | 'name' | 'q' | 'occupants' | 'since' | 'before' | 'className'>

export const FILTER_DEFAULTS: FilterState & { page: number } = {
  type: null,
  name: '',
  q: '',
  occupants: [],
  since: null,
  before: null,
  className: '',
  page: 1,
}

/** The filters alone, as one string: a selection belongs to one set of filters, whatever the page or order. */
export function filterKey(state: DialogListState): string {
  return JSON.stringify([state.type, state.name, state.q, state.occupants, state.since, state.before, state.className])
}
