import type { CreateMessageBody, DeleteResult, Message, MessageList, UnreadCounts, UpdateMessageBody } from './types'
import { expectShape, isObject, type Query, request } from './client'

export interface ListMessagesQuery {
  chatDialogId: string
  skip?: number
  limit?: number
  sort?: { field: 'date_sent' | 'created_at' | 'updated_at', order: 'asc' | 'desc' }
  /** `message[ctn]` */
  textContains?: string
  senderId?: number
}

export function isMessage(value: unknown): value is Message {
  return isObject(value) && typeof value._id === 'string' && typeof value.chat_dialog_id === 'string'
}

export function isMessageList(value: unknown): value is MessageList {
  return isObject(value) && Array.isArray(value.items) && value.items.every(isMessage)
}

/** GET /chat/Message.json — one page of a dialog's messages; never marks them read. */
export async function listMessages(query: ListMessagesQuery, signal?: AbortSignal): Promise<MessageList> {
  const path = '/chat/Message.json'
  const params: Query = {
    chat_dialog_id: query.chatDialogId,
    skip: query.skip,
    limit: query.limit,
    'message[ctn]': query.textContains?.trim() || undefined,
    sender_id: query.senderId,
    // An admin looking at a chat must not mark it read for the user.
    mark_as_read: 0,
  }
  if (query.sort)
    params[`sort_${query.sort.order}`] = query.sort.field
  return expectShape(await request(path, { query: params, signal }), isMessageList, 'a list of messages', path)
}

/** POST /chat/Message.json — creates a message (sender: the acting user). */
export async function createMessage(input: CreateMessageBody, signal?: AbortSignal): Promise<Message> {
  const path = '/chat/Message.json'
  const body = await request(path, { method: 'POST', body: { ...input }, signal })
  return expectShape(body, isMessage, 'the created message', path)
}

/** PUT /chat/Message/{id}.json — edits text or marks read/delivered; answers with an empty body. */
export async function updateMessage(id: string, changes: UpdateMessageBody, signal?: AbortSignal): Promise<void> {
  await request(`/chat/Message/${encodeURIComponent(id)}.json`, { method: 'PUT', body: { ...changes }, signal })
}

/** DELETE /chat/Message/{id1},{id2}.json — `force` deletes for everyone. */
export async function deleteMessages(ids: readonly string[], options: { force?: boolean } = {}, signal?: AbortSignal): Promise<DeleteResult | null> {
  const path = `/chat/Message/${ids.map(encodeURIComponent).join(',')}.json`
  const body = await request(path, {
    method: 'DELETE',
    body: options.force ? new URLSearchParams({ force: '1' }) : undefined,
    signal,
  })
  return isObject(body) && 'SuccessfullyDeleted' in body ? body as unknown as DeleteResult : null
}

/** GET /chat/Message/unread.json — unread counts of the acting user, total and per dialog. */
export async function getUnreadCounts(dialogIds: readonly string[] = [], signal?: AbortSignal): Promise<UnreadCounts> {
  const path = '/chat/Message/unread.json'
  const body = await request(path, { query: { chat_dialog_ids: dialogIds.length ? dialogIds.join(',') : undefined }, signal })
  return expectShape(body, (v): v is UnreadCounts => isObject(v) && typeof v.total === 'number', 'unread counts', path)
}
