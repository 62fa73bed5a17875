import type { CreateDialogBody, DeleteResult, Dialog, DialogList, DialogType, UpdateDialogBody } from './types'
import { expectShape, isObject, type Query, request } from './client'

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

/** GET /chat/Dialog.json — one page of dialogs with `total_entries`. */
export async function listDialogs(query: ListDialogsQuery = {}, signal?: AbortSignal): Promise<DialogList> {
  const path = '/chat/Dialog.json'
  const body = await request(path, { query: toDialogListParams(query), signal })
  return expectShape(body, isDialogList, 'a list of dialogs', path)
}

/** GET /chat/Dialog/{id}.json — one dialog. */
export async function getDialog(id: string, signal?: AbortSignal): Promise<Dialog> {
  const path = dialogPath(id)
  return expectShape(await request(path, { signal }), isDialog, 'a dialog', path)
}

/** POST /chat/Dialog.json — creates a dialog (201). */
export async function createDialog(input: CreateDialogBody, signal?: AbortSignal): Promise<Dialog> {
  const path = '/chat/Dialog.json'
  const body = await request(path, { method: 'POST', body: { ...input }, signal })
  return expectShape(body, isDialog, 'the created dialog', path)
}

/** PUT /chat/Dialog/{id}.json — sends only the changes it is given. */
export async function updateDialog(id: string, changes: UpdateDialogBody, signal?: AbortSignal): Promise<Dialog> {
  const path = dialogPath(id)
  const body = await request(path, { method: 'PUT', body: { ...changes }, signal })
  return expectShape(body, isDialog, 'the updated dialog', path)
}

/**
 * DELETE /chat/Dialog/{id1},{id2}.json — `force` deletes for everyone (owner only).
 * One ID answers with an empty body (null here); several with a DeleteResult.
 */
export async function deleteDialogs(ids: readonly string[], options: { force?: boolean } = {}, signal?: AbortSignal): Promise<DeleteResult | null> {
  const path = `/chat/Dialog/${ids.map(encodeURIComponent).join(',')}.json`
  const body = await request(path, {
    method: 'DELETE',
    body: options.force ? new URLSearchParams({ force: '1' }) : undefined,
    signal,
  })
  return isObject(body) && 'SuccessfullyDeleted' in body ? body as unknown as DeleteResult : null
}
