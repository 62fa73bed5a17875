import type { CreateDialogBody, DeleteResult, Dialog, DialogList, DialogType, UpdateDialogBody } from './types'
import { currentActingUserId, expectShape, isObject, type Query, request, type RequestOverrides } from './client'
import { isUnresolved, writeOnce } from './writes'

export type DialogSortField = 'last_message_date_sent' | 'updated_at' | 'created_at' | 'name'
export type SortOrder = 'asc' | 'desc'

/** Typed form of the list filters the dashboard uses (rest-contract §4.2). */
export interface ListDialogsQuery {
  skip?: number
  limit?: number
  sort?: { field: DialogSortField, order: SortOrder }
  type?: DialogType
  /** `name[ctn]` */
  nameContains?: string
  /** `occupants_ids[all]`: dialogs holding every one of these users. */
  occupantsAll?: readonly number[]
  /** `updated_at[gte]`, unix seconds. */
  updatedSince?: number
  /** `updated_at[lte]`, unix seconds. */
  updatedBefore?: number
  /** `created_at[gte]`, unix seconds. */
  createdSince?: number
  /** `data[class_name]` */
  customClass?: string
}

/** Query-string parameters for a list query. */
export function toDialogListParams(query: ListDialogsQuery): Query {
  const params: Query = {
    skip: query.skip,
    limit: query.limit,
    type: query.type,
    'name[ctn]': query.nameContains?.trim() || undefined,
    'occupants_ids[all]': query.occupantsAll?.length ? query.occupantsAll.join(',') : undefined,
    'updated_at[gte]': query.updatedSince,
    'updated_at[lte]': query.updatedBefore,
    'created_at[gte]': query.createdSince,
    'data[class_name]': query.customClass?.trim() || undefined,
  }
  if (query.sort)
    params[`sort_${query.sort.order}`] = query.sort.field
  return params
}

export function isDialog(value: unknown): value is Dialog {
  return isObject(value) && typeof value._id === 'string' && typeof value.type === 'number'
    && Array.isArray(value.occupants_ids)
}

export function isDialogList(value: unknown): value is DialogList {
  return isObject(value) && typeof value.total_entries === 'number' && Array.isArray(value.items)
    && value.items.every(isDialog)
}

function dialogPath(id: string): string {
  return `/chat/Dialog/${encodeURIComponent(id)}.json`
}

/** GET /chat/Dialog.json — one page of dialogs with `total_entries` (`overrides.actAs`: as that user sees them). */
export async function listDialogs(query: ListDialogsQuery = {}, signal?: AbortSignal, overrides: RequestOverrides = {}): Promise<DialogList> {
  const path = '/chat/Dialog.json'
  const body = await request(path, { query: toDialogListParams(query), signal, ...overrides })
  return expectShape(body, isDialogList, 'a list of dialogs', path)
}

/** GET /chat/Dialog/{id}.json — one dialog. */
export async function getDialog(id: string, signal?: AbortSignal): Promise<Dialog> {
  const path = dialogPath(id)
  return expectShape(await request(path, { signal }), isDialog, 'a dialog', path)
}

/** How far back (seconds) a dialog whose creation answer was lost is looked for (clock skew). */
const LOOKBACK_SECONDS = 600

/** A number list from the wire's `"1,2"` or `[1, 2]`. */
function idList(value: string | readonly number[] | undefined): number[] {
  if (value === undefined)
    return []
  return (typeof value === 'string' ? value.split(',') : value).map(Number).filter(n => Number.isSafeInteger(n) && n > 0)
}

/** When each create was first sent, by what it asked for (so a repeat looks back far enough). */
const firstSent = new Map<string, number>()

/**
 * Whether `dialog` is what `input` would have created: same type, name and occupants (the
 * creator is added by the server), created no earlier than `since` (ms).
 */
export function matchesCreated(dialog: Dialog, input: CreateDialogBody, creator: number | null, since: number): boolean {
  if (dialog.type !== input.type)
    return false
  if (input.type !== 3 && (dialog.name ?? '').trim() !== (input.name ?? '').trim())
    return false
  const asked = idList(input.occupants_ids)
  const allowed = new Set(creator === null ? asked : [...asked, creator])
  if (asked.some(id => !dialog.occupants_ids.includes(id)) || dialog.occupants_ids.some(id => !allowed.has(id)))
    return false
  // A private dialog is returned as it is when it exists already: any age matches.
  return input.type === 3 || Date.parse(dialog.created_at) >= since
}

/**
 * POST /chat/Dialog.json — creates a dialog (201). When the answer is lost, the dialog is looked
 * up by type, name, occupants and creation time instead of being created a second time.
 */
export async function createDialog(input: CreateDialogBody, signal?: AbortSignal): Promise<Dialog> {
  const path = '/chat/Dialog.json'
  const creator = currentActingUserId()
  const key = `dialog:create:${JSON.stringify([creator, input])}`
  const first = firstSent.get(key) ?? Date.now()
  firstSent.set(key, first)
  const since = first - LOOKBACK_SECONDS * 1000
  const created = writeOnce({
    what: 'Create dialog',
    key,
    signal,
    send: async (s) => {
      const body = await request(path, { method: 'POST', body: { ...input }, signal: s })
      return expectShape(body, isDialog, 'the created dialog', path)
    },
    check: {
      kind: 'verify',
      verify: async (s) => {
        const occupants = idList(input.occupants_ids)
        const page = await listDialogs({
          type: input.type,
          nameContains: input.type === 3 ? undefined : input.name?.trim() || undefined,
          occupantsAll: occupants.length ? occupants : undefined,
          createdSince: input.type === 3 ? undefined : Math.floor(since / 1000),
          sort: { field: 'created_at', order: 'desc' },
          limit: 100,
        }, s)
        return page.items.find(d => matchesCreated(d, input, creator, since)) ?? null
      },
    },
  })
  // Settled either way unless the outcome is still open (then a repeat looks back to the first send).
  return created.finally(() => {
    if (!isUnresolved(key))
      firstSent.delete(key)
  })
}

/** Whether a dialog read back shows every change of an update (its answer was lost). */
export function showsUpdate(dialog: Dialog, changes: UpdateDialogBody): boolean {
  const same = (a: unknown, b: unknown) => String(a ?? '').trim() === String(b ?? '').trim()
  if (changes.name !== undefined && !same(dialog.name, changes.name))
    return false
  if (changes.photo !== undefined && !same(dialog.photo, changes.photo))
    return false
  if (changes.is_join_required !== undefined && Number(dialog.is_join_required ?? 0) !== Number(changes.is_join_required))
    return false
  if (changes.user_id !== undefined && dialog.user_id !== changes.user_id)
    return false
  if (changes.data) {
    const stored = (dialog.data ?? {}) as Record<string, unknown>
    for (const [field, value] of Object.entries(changes.data)) {
      if (field !== 'class_name' && !same(stored[field], value))
        return false
    }
  }
  const lists = { occupants_ids: dialog.occupants_ids, admin_ids: dialog.admin_ids ?? [] }
  for (const field of ['occupants_ids', 'admin_ids'] as const) {
    if (changes.push_all?.[field]?.some(id => !lists[field].includes(id)))
      return false
    if (changes.pull_all?.[field]?.some(id => lists[field].includes(id)))
      return false
  }
  return true
}

/**
 * PUT /chat/Dialog/{id}.json — sends only the changes it is given. When the answer is lost, the
 * dialog is read back: if it shows every change, that is the answer.
 */
export async function updateDialog(id: string, changes: UpdateDialogBody, signal?: AbortSignal): Promise<Dialog> {
  const path = dialogPath(id)
  return writeOnce({
    what: 'Update dialog',
    key: `dialog:update:${id}:${JSON.stringify(changes)}`,
    signal,
    send: async (s) => {
      const body = await request(path, { method: 'PUT', body: { ...changes }, signal: s })
      return expectShape(body, isDialog, 'the updated dialog', path)
    },
    check: {
      kind: 'verify',
      verify: async (s) => {
        const dialog = await getDialog(id, s)
        return showsUpdate(dialog, changes) ? dialog : null
      },
    },
  })
}

/**
 * DELETE /chat/Dialog/{id1},{id2}.json — `force` deletes for everyone (owner only).
 * One ID answers with an empty body (null here); several with a DeleteResult.
 */
export async function deleteDialogs(ids: readonly string[], options: { force?: boolean } = {}, signal?: AbortSignal): Promise<DeleteResult | null> {
  const path = `/chat/Dialog/${ids.map(encodeURIComponent).join(',')}.json`
  const body = await writeOnce({
    what: 'Delete dialogs',
    key: `dialog:delete:${path}`,
    signal,
    send: s => request(path, { method: 'DELETE', body: options.force ? new URLSearchParams({ force: '1' }) : undefined, signal: s }),
    check: { kind: 'repeatable' },
  })
  return isObject(body) && 'SuccessfullyDeleted' in body ? body as unknown as DeleteResult : null
}
