import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { DialogSortField, ListDialogsQuery, SortOrder } from '@/api/dialogs'
import type { DialogType } from '@/api/types'

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
  /** YYYY-MM-DD, UTC day. */
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
  if (state.since)
    query.since = state.since
  if (state.before)
    query.before = state.before
  if (state.className.trim())
    query.class = state.className.trim()
  return query
}

/** Unix seconds of 00:00:00 UTC on a YYYY-MM-DD day. */
export function dayStart(value: string): number {
  return Date.parse(`${value}T00:00:00Z`) / 1000
}

export function toListDialogsQuery(state: DialogListState): ListDialogsQuery {
  return {
    skip: (state.page - 1) * state.size,
    limit: state.size,
    sort: { field: SORT_FIELDS[state.sort], order: state.order },
    type: state.type ? TYPE_VALUES[state.type] : undefined,
    nameContains: state.name || undefined,
    occupantsAll: state.occupants.length ? state.occupants : undefined,
    updatedSince: state.since ? dayStart(state.since) : undefined,
    // The whole "before" day is included.
    updatedBefore: state.before ? dayStart(state.before) + 86_399 : undefined,
    customClass: state.className || undefined,
  }
}

export function hasFilters(state: DialogListState): boolean {
  return state.type !== null || !!state.name || state.occupants.length > 0 || !!state.since || !!state.before || !!state.className
}

export const FILTER_DEFAULTS: Pick<DialogListState, 'type' | 'name' | 'occupants' | 'since' | 'before' | 'className' | 'page'> = {
  type: null,
  name: '',
  occupants: [],
  since: null,
  before: null,
  className: '',
  page: 1,
}
