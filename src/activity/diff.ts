/** What a list of IDs (occupants, admins) gained and lost. */
export interface ListChange {
  key: string
  label: string
  added: number[]
  removed: number[]
  /** How many stayed, for context ("3 others unchanged"). */
  kept: number
}

/** One field as it was and as it became; `before`/`after` undefined when the field was not there. */
export interface FieldChange {
  key: string
  label: string
  before?: unknown
  after?: unknown
}

/** Before and after of an entry as people read them. */
export interface EntryDiff {
  /** `changed`: both sides known; `after-only`: a creation or a result; `before-only`: a deletion. */
  mode: 'changed' | 'after-only' | 'before-only'
  fields: FieldChange[]
  lists: ListChange[]
  /** Custom data keys (QuickBlox `data`) that changed, by key. */
  data: FieldChange[]
}

const LABELS: Record<string, string> = {
  name: 'Name',
  photo: 'Photo',
  type: 'Type',
  description: 'Description',
  occupants_ids: 'Members',
  admin_ids: 'Admins',
  is_join_required: 'Join required',
  pinned_messages_ids: 'Pinned messages',
  user_id: 'Owner',
  message: 'Text',
  actingUserId: 'Acting user',
  apiBase: 'API base',
  remembered: 'Remembered on this device',
  entries: 'Entries',
  deleted: 'Deleted',
  notFound: 'Not found',
  refused: 'Refused',
  failed: 'Failed',
  _id: 'ID',
  data: 'Custom data',
}

/** Fields the server changes on every write: they say nothing about what the person changed. */
const NOISE = new Set(['updated_at', 'created_at', 'last_message', 'last_message_date_sent', 'last_message_id', 'last_message_user_id', 'unread_messages_count', 'xmpp_room_jid'])

/** Lists read as added/removed members rather than as values. */
const ID_LISTS = new Set(['occupants_ids', 'admin_ids'])

/** A field's name as the screen shows it. */
export function fieldLabel(key: string): string {
  return LABELS[key] ?? key
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function ids(value: unknown): number[] | null {
  if (value === undefined || value === null)
    return []
  return Array.isArray(value) && value.every(v => Number.isInteger(v)) ? value as number[] : null
}

function listChange(key: string, before: unknown, after: unknown): ListChange | null {
  const a = ids(before)
  const b = ids(after)
  if (!a || !b)
    return null
  const was = new Set(a)
  const now = new Set(b)
  return {
    key,
    label: fieldLabel(key),
    added: b.filter(id => !was.has(id)),
    removed: a.filter(id => !now.has(id)),
    kept: b.filter(id => was.has(id)).length,
  }
}

function customData(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

function dataChanges(before: unknown, after: unknown, mode: EntryDiff['mode']): FieldChange[] {
  const a = customData(before)
  const b = customData(after)
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys
    .filter(key => mode !== 'changed' || !same(a[key], b[key]))
    .map(key => ({ key, label: key === 'class_name' ? 'Class' : key, before: a[key], after: b[key] }))
}

/**
 * Before and after as changed fields, ID lists as added/removed, custom data key by key; null
 * when there is nothing field-like to compare (a list of records, a bare value).
 */
export function entryDiff(before: unknown, after: unknown): EntryDiff | null {
  const hasBefore = isRecord(before)
  const hasAfter = isRecord(after)
  if (!hasBefore && !hasAfter)
    return null
  if ((before !== undefined && !hasBefore) || (after !== undefined && !hasAfter))
    return null
  const mode: EntryDiff['mode'] = hasBefore && hasAfter ? 'changed' : hasAfter ? 'after-only' : 'before-only'
  const a = hasBefore ? before : {}
  const b = hasAfter ? after : {}
  const diff: EntryDiff = { mode, fields: [], lists: [], data: [] }
  // In a change, a field missing on one side was not part of it (a snapshot of a few fields).
  const keys = mode === 'changed'
    ? Object.keys(a).filter(key => key in b)
    : Object.keys(mode === 'after-only' ? b : a)
  for (const key of keys) {
    if (mode === 'changed' && (NOISE.has(key) || same(a[key], b[key])))
      continue
    if (mode !== 'changed' && NOISE.has(key))
      continue
    if (key === 'data' && (isRecord(a[key]) || isRecord(b[key]))) {
      diff.data = dataChanges(a[key], b[key], mode)
      continue
    }
    if (ID_LISTS.has(key)) {
      const list = listChange(key, mode === 'after-only' ? [] : a[key], mode === 'before-only' ? [] : b[key])
      if (list && (list.added.length || list.removed.length || mode !== 'changed')) {
        diff.lists.push(list)
        continue
      }
    }
    diff.fields.push({ key, label: fieldLabel(key), before: a[key], after: b[key] })
  }
  return diff
}

/** True when a diff has nothing to show (only the server's own bookkeeping changed). */
export function isEmptyDiff(diff: EntryDiff): boolean {
  return !diff.fields.length && !diff.lists.length && !diff.data.length
}

/** A value as one line of text: "—" for none, "(empty)" for "", yes/no, JSON for the rest. */
export function valueText(value: unknown, key?: string): string {
  if (key === 'actingUserId' && value === null)
    return 'Account owner (API key)'
  if (value === undefined || value === null)
    return '—'
  if (value === '')
    return '(empty)'
  if (typeof value === 'boolean')
    return value ? 'yes' : 'no'
  if (typeof value === 'string' || typeof value === 'number')
    return String(value)
  if (Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number'))
    return value.length ? value.join(', ') : 'none'
  return JSON.stringify(value)
}
