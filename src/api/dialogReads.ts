/** Reading dialogs: one page of the list, one dialog; each can be started early (api/early.ts). */
import type { Dialog, DialogList, DialogType } from './types'
import { expectShape, isObject, type Query, request, type RequestOverrides, toQueryString } from './client'
import { startEarly, takeEarly } from './early'

export type DialogSortField = 'last_message_date_sent' | 'updated_at' | 'created_at' | 'name'
export type SortOrder = 'asc' | 'desc'

/** Typed form of the list filters the dashboard uses (rest-contract §4.2). */
export interface ListDialogsQuery {
  skip?: number
  limit?: number
  sort?: { field: DialogSortField, order: SortOrder }
  /** `_id`: the one dialog with this ID (the "Get dialog by ID" recipe). */
  id?: string
  type?: DialogType
  /** `type[in]`: any of these types. */
  typeIn?: readonly DialogType[]
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
    '_id': query.id || undefined,
    type: query.type,
    'type[in]': query.typeIn?.length ? query.typeIn.join(',') : undefined,
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

export function dialogPath(id: string): string {
  return `/chat/Dialog/${encodeURIComponent(id)}.json`
}

const LIST_PATH = '/chat/Dialog.json'

function listKey(query: ListDialogsQuery): string {
  return `${LIST_PATH}?${toQueryString(toDialogListParams(query))}`
}

async function fetchDialogList(query: ListDialogsQuery, signal?: AbortSignal, overrides: RequestOverrides = {}): Promise<DialogList> {
  const body = await request(LIST_PATH, { query: toDialogListParams(query), signal, ...overrides })
  return expectShape(body, isDialogList, 'a list of dialogs', LIST_PATH)
}

/**
 * GET /chat/Dialog.json — one page of dialogs with `total_entries`. With `early`, a screen's
 * first load takes the answer the router asked for already (api/early.ts); checks after a write
 * never do.
 */
export async function listDialogs(query: ListDialogsQuery = {}, signal?: AbortSignal, options: { early?: boolean } & RequestOverrides = {}): Promise<DialogList> {
  const { early, ...overrides } = options
  // An early answer was asked as the session's acting user; a read as another user never takes it.
  const mayTakeEarly = early && !overrides.actAs && !overrides.session
  return await ((mayTakeEarly ? takeEarly<DialogList>(listKey(query), LIST_PATH, signal) : null) ?? fetchDialogList(query, signal, overrides))
}

/** Starts `listDialogs(query)` now, before the screen that shows it has loaded (api/early.ts). */
export function listDialogsEarly(query: ListDialogsQuery): void {
  startEarly(listKey(query), () => fetchDialogList(query))
}

async function fetchDialog(id: string, signal?: AbortSignal): Promise<Dialog> {
  const path = dialogPath(id)
  return expectShape(await request(path, { signal }), isDialog, 'a dialog', path)
}

/** GET /chat/Dialog/{id}.json — one dialog; with `early`, the answer the router asked for already (as listDialogs). */
export async function getDialog(id: string, signal?: AbortSignal, options: { early?: boolean } = {}): Promise<Dialog> {
  return await ((options.early ? takeEarly<Dialog>(dialogPath(id), dialogPath(id), signal) : null) ?? fetchDialog(id, signal))
}

/** Starts `getDialog(id)` now, before the page that shows it has loaded (api/early.ts). */
export function getDialogEarly(id: string): void {
  startEarly(dialogPath(id), () => fetchDialog(id))
}
