import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { UserMessageFilters } from '@/stores/userMessages'
import { dayBounds } from '@/domain/format'

/** The user page's state in the URL: `?view=messages&text=spam&from=2025-01-01&to=2025-01-31`, `?page=2` of the inbox. */
export interface UserPageState {
  view: 'inbox' | 'messages'
  page: number
  text: string
  /** Days, YYYY-MM-DD. */
  from: string | null
  to: string | null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function one(value: LocationQuery[string] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

export function parseUserPageState(query: LocationQuery): UserPageState {
  const page = Number(one(query.page))
  const from = one(query.from)
  const to = one(query.to)
  return {
    view: one(query.view) === 'messages' ? 'messages' : 'inbox',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    text: one(query.text).slice(0, 200),
    from: DAY.test(from) && dayBounds(from) ? from : null,
    to: DAY.test(to) && dayBounds(to) ? to : null,
  }
}

export function serializeUserPageState(state: UserPageState): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (state.view === 'messages') {
    out.view = 'messages'
    if (state.text.trim())
      out.text = state.text.trim()
    if (state.from)
      out.from = state.from
    if (state.to)
      out.to = state.to
  }
  else if (state.page > 1) {
    out.page = String(state.page)
  }
  return out
}

/** The fan-out's server-side filters: text, and the days as unix seconds (the whole "to" day included). */
export function toMessageFilters(state: UserPageState): UserMessageFilters {
  const from = state.from ? dayBounds(state.from) : null
  const to = state.to ? dayBounds(state.to) : null
  return {
    text: state.text.trim(),
    from: from ? Math.floor(from.start / 1000) : null,
    to: to ? Math.floor(to.end / 1000) - 1 : null,
  }
}
