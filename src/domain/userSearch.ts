/**
 * The Users screen's one search box: what was typed, read as the users API can answer it.
 * `1042` or `1042, 1043` are IDs, `anna@x.io` an email, `+44 20…` a phone, `alice.martin` a
 * login, other words a full name (3 letters at least, as /users/by_full_name.json needs), and
 * `id:`, `login:`, `email:`, `phone:`, `name:`, `tag:`, `external:` say it outright.
 */
export type UserSearch =
  | { kind: 'all' }
  | { kind: 'id', ids: number[] }
  | { kind: 'login' | 'email' | 'phone' | 'name', value: string }
  | { kind: 'tag', tags: string[] }
  | { kind: 'external', id: number }

export type ParsedUserSearch = { ok: true, search: UserSearch } | { ok: false, error: string }

/** Most IDs one search asks for: one `filter[]` request. */
export const MAX_SEARCH_IDS = 100
/** Most tags a user has (rest-contract §6.1). */
const MAX_TAGS = 5
const PREFIXES = ['id', 'login', 'email', 'phone', 'name', 'tag', 'tags', 'external'] as const
type Prefix = typeof PREFIXES[number]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[\d\s().-]{5,}$/
const LOGIN_LIKE = /^[^\s@]*[._\d-][^\s@]*$/
const IDS = /^#?\d+(?:\s*[,\s]\s*#?\d+)*$/

function ok(search: UserSearch): ParsedUserSearch {
  return { ok: true, search }
}

function fail(error: string): ParsedUserSearch {
  return { ok: false, error }
}

function parseIds(text: string): ParsedUserSearch {
  if (!IDS.test(text))
    return fail('A user ID is a whole number, e.g. 1042 (several: 1042, 1043).')
  const ids = [...new Set(text.split(/[\s,]+/).map(t => Number(t.replace('#', ''))))]
  if (ids.some(id => !Number.isSafeInteger(id) || id < 1))
    return fail('A user ID is a whole number from 1 up.')
  if (ids.length > MAX_SEARCH_IDS)
    return fail(`At most ${MAX_SEARCH_IDS} IDs at once.`)
  return ok({ kind: 'id', ids })
}

function byPrefix(prefix: Prefix, value: string): ParsedUserSearch {
  if (!value)
    return fail(`Type what to look for after “${prefix}:”.`)
  switch (prefix) {
    case 'id':
      return parseIds(value)
    case 'email':
      return EMAIL.test(value) ? ok({ kind: 'email', value }) : fail('That is not a whole email address, e.g. anna@example.com.')
    case 'phone':
      return ok({ kind: 'phone', value })
    case 'login':
      return /\s/.test(value) ? fail('A login has no spaces.') : ok({ kind: 'login', value })
    case 'name':
      return value.length < 3 ? fail('Type at least 3 letters of the full name.') : ok({ kind: 'name', value })
    case 'external': {
      const id = Number(value)
      return /^\d+$/.test(value) && Number.isSafeInteger(id) && id > 0 ? ok({ kind: 'external', id }) : fail('An external ID is a whole number.')
    }
    case 'tag':
    case 'tags': {
      const tags = [...new Set(value.split(',').map(t => t.trim()).filter(Boolean))]
      if (!tags.length)
        return fail('Type a tag, e.g. tag:vip.')
      return tags.length > MAX_TAGS ? fail(`At most ${MAX_TAGS} tags at once.`) : ok({ kind: 'tag', tags })
    }
  }
}

/** Reads the search box. Empty means every user; what cannot be searched gets a plain reason. */
export function parseUserSearch(input: string): ParsedUserSearch {
  const text = input.trim()
  if (!text)
    return ok({ kind: 'all' })
  const prefixed = /^([a-z_]+):\s*(.*)$/i.exec(text)
  if (prefixed) {
    const prefix = prefixed[1]!.toLowerCase()
    if (!(PREFIXES as readonly string[]).includes(prefix))
      return fail(`“${prefixed[1]}:” is not something to search by. Use id:, login:, email:, phone:, name:, tag: or external:.`)
    return byPrefix(prefix as Prefix, prefixed[2]!.trim())
  }
  if (IDS.test(text))
    return parseIds(text)
  if (text.includes('@'))
    return byPrefix('email', text)
  if (text.startsWith('+') || (PHONE.test(text) && /\D/.test(text)))
    return PHONE.test(text) ? ok({ kind: 'phone', value: text }) : fail('A phone number has digits, e.g. +44 20 7946 0000.')
  if (LOGIN_LIKE.test(text))
    return ok({ kind: 'login', value: text })
  return byPrefix('name', text)
}

/** The search as a sentence ("Login is alice.martin"), for the line above the results. */
export function describeUserSearch(search: UserSearch): string {
  switch (search.kind) {
    case 'all': return 'All users'
    case 'id': return search.ids.length === 1 ? `User ID ${search.ids[0]}` : `User IDs ${search.ids.join(', ')}`
    case 'login': return `Login is “${search.value}”`
    case 'email': return `Email is “${search.value}”`
    case 'phone': return `Phone is “${search.value}”`
    case 'name': return `Full name contains “${search.value}”`
    case 'tag': return `Tagged ${search.tags.map(t => `“${t}”`).join(' or ')}`
    case 'external': return `External ID ${search.id}`
  }
}

/** Sortable user fields, with the type word the users API's `order` wants. */
export const USER_SORTS = {
  id: { type: 'number', label: 'ID' },
  full_name: { type: 'string', label: 'Full name' },
  login: { type: 'string', label: 'Login' },
  created_at: { type: 'date', label: 'Created' },
  last_request_at: { type: 'date', label: 'Last seen' },
} as const

export type UserSortField = keyof typeof USER_SORTS

/** `order=desc date created_at`, as the users API takes it. */
export function userOrder(field: UserSortField, dir: 'asc' | 'desc'): string {
  return `${dir} ${USER_SORTS[field].type} ${field}`
}

/** The `filter[]` entries of a search answered by GET /users.json; null for the name and tag searches. */
export function userSearchFilters(search: UserSearch): string[] | null {
  switch (search.kind) {
    case 'all': return []
    case 'id': return [search.ids.length === 1 ? `number id eq ${search.ids[0]}` : `number id in ${search.ids.join(',')}`]
    case 'login': return [`string login eq ${search.value}`]
    case 'email': return [`string email eq ${search.value}`]
    case 'phone': return [`string phone eq ${search.value}`]
    case 'external': return [`number external_user_id eq ${search.id}`]
    default: return null
  }
}
