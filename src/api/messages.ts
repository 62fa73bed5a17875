import type { CreateMessageBody, DeleteResult, Message, MessageList, UnreadCounts, UpdateMessageBody } from './types'
import { chunkIdsForPath } from '@/domain/idList'
import { currentActingUserId, expectShape, isObject, type Query, request, type RequestOverrides } from './client'
import { isUnresolved, writeOnce } from './writes'

export interface ListMessagesQuery {
  chatDialogId: string
  skip?: number
  limit?: number
  sort?: { field: 'date_sent' | 'created_at' | 'updated_at', order: 'asc' | 'desc' }
  /** `message[ctn]` */
  textContains?: string
  senderId?: number
  /** `date_sent[gte]`, unix seconds. */
  sentFrom?: number
  /** `date_sent[lte]`, unix seconds. */
  sentTo?: number
  /** `_id`: one message by its ID. */
  id?: string
}

/** Most messages one list request returns (QuickBlox's default and the emulator's cap). */
export const MESSAGES_PER_REQUEST = 100

/** Longest URL a DELETE with IDs in the path may have, and what the API base may take of it. */
export const MESSAGE_URL_MAX = 2000
const BASE_URL_ALLOWANCE = 200
const ID_PATH_OVERHEAD = '/chat/Message/'.length + '.json'.length + BASE_URL_ALLOWANCE

export function isMessage(value: unknown): value is Message {
  return isObject(value) && typeof value._id === 'string' && typeof value.chat_dialog_id === 'string'
}

export function isMessageList(value: unknown): value is MessageList {
  return isObject(value) && Array.isArray(value.items) && value.items.every(isMessage)
}

/** GET /chat/Message.json — one page of a dialog's messages; never marks them read (`overrides.actAs`: read as that user). */
export async function listMessages(query: ListMessagesQuery, signal?: AbortSignal, overrides: RequestOverrides = {}): Promise<MessageList> {
  const path = '/chat/Message.json'
  const params: Query = {
    'chat_dialog_id': query.chatDialogId,
    '_id': query.id,
    'skip': query.skip,
    'limit': query.limit,
    'message[ctn]': query.textContains?.trim() || undefined,
    'sender_id': query.senderId,
    'date_sent[gte]': query.sentFrom,
    'date_sent[lte]': query.sentTo,
    // Browsing as a user must not mark the user's messages read.
    'mark_as_read': 0,
  }
  if (query.sort)
    params[`sort_${query.sort.order}`] = query.sort.field
  return expectShape(await request(path, { query: params, signal, ...overrides }), isMessageList, 'a list of messages', path)
}

/** GET /chat/Message/{id}.json — one message. */
export async function getMessage(id: string, signal?: AbortSignal): Promise<Message> {
  const path = `/chat/Message/${encodeURIComponent(id)}.json`
  return expectShape(await request(path, { signal }), isMessage, 'a message', path)
}

/**
 * Custom field that carries a client-generated id on every message the desk sends, so a message
 * whose answer was lost can be found instead of sent twice.
 */
export const CLIENT_ID_FIELD = 'desk_client_id'

/** How far back (seconds) a lost message is looked for: covers clock skew between browser and server. */
const LOOKBACK_SECONDS = 600

/** Client ids (and first send time) of messages whose answer was lost, by what they say. */
const pendingSends = new Map<string, { clientId: string, sentAt: number }>()

function newClientId(): string {
  return globalThis.crypto.randomUUID()
}

/**
 * POST /chat/Message.json — creates a message (sender: the acting user). It carries a client id;
 * when the answer is lost the dialog's newest messages from that sender are read to find it, and
 * sending the same message again reuses the id and checks first.
 */
export async function createMessage(input: CreateMessageBody, signal?: AbortSignal): Promise<Message> {
  const path = '/chat/Message.json'
  const sender = currentActingUserId()
  const key = `message:create:${JSON.stringify([sender, input])}`
  const pending = pendingSends.get(key) ?? { clientId: String(input[CLIENT_ID_FIELD] ?? newClientId()), sentAt: Date.now() }
  const dialogId = input.chat_dialog_id
  try {
    const message = await writeOnce({
      what: 'Send message',
      key,
      signal,
      send: async (s) => {
        pendingSends.set(key, pending)
        const body = await request(path, { method: 'POST', body: { ...input, [CLIENT_ID_FIELD]: pending.clientId }, signal: s })
        return expectShape(body, isMessage, 'the created message', path)
      },
      check: {
        kind: 'verify',
        verify: async (s) => {
          if (!dialogId)
            throw new Error('a message sent by recipient cannot be looked up')
          const page = await listMessages({
            chatDialogId: dialogId,
            senderId: sender ?? undefined,
            sentFrom: Math.floor(pending.sentAt / 1000) - LOOKBACK_SECONDS,
            sort: { field: 'date_sent', order: 'desc' },
            limit: MESSAGES_PER_REQUEST,
          }, s)
          return page.items.find(m => String(m[CLIENT_ID_FIELD] ?? '') === pending.clientId) ?? null
        },
      },
    })
    pendingSends.delete(key)
    return message
  }
  catch (error) {
    // Unless the outcome is still open, the next attempt is a new message.
    if (!isUnresolved(key))
      pendingSends.delete(key)
    throw error
  }
}

/**
 * PUT /chat/Message/{id}.json — edits the text; answers with an empty body. When the answer is
 * lost, the message is read back to see whether it has the new text.
 */
export async function updateMessage(id: string, changes: UpdateMessageBody, signal?: AbortSignal): Promise<void> {
  const path = `/chat/Message/${encodeURIComponent(id)}.json`
  const send = async (s?: AbortSignal) => {
    await request(path, { method: 'PUT', body: { ...changes }, signal: s })
    return true as const
  }
  if (changes.message === undefined) {
    await writeOnce({ what: 'Update message', key: `message:update:${id}:${JSON.stringify(changes)}`, signal, send, check: { kind: 'repeatable' } })
    return
  }
  await writeOnce({
    what: 'Edit message',
    key: `message:update:${id}:${JSON.stringify(changes)}`,
    signal,
    send,
    check: {
      kind: 'verify',
      verify: async (s) => {
        const page = await listMessages({ chatDialogId: changes.chat_dialog_id, id }, s)
        return page.items.some(m => m._id === id && m.message === changes.message) ? true : null
      },
    },
  })
}

export type MessageMark = 'read' | 'delivered'

/**
 * PUT /chat/Message/{id}.json, or PUT /chat/Message.json for every message of the dialog —
 * marks read or delivered for the acting user (update-message.md, four recipes).
 */
export async function markMessages(dialogId: string, mark: MessageMark, messageId?: string, signal?: AbortSignal): Promise<void> {
  const path = messageId === undefined ? '/chat/Message.json' : `/chat/Message/${encodeURIComponent(messageId)}.json`
  const body: UpdateMessageBody = mark === 'read' ? { read: 1, chat_dialog_id: dialogId } : { delivered: 1, chat_dialog_id: dialogId }
  await writeOnce({
    what: mark === 'read' ? 'Mark read' : 'Mark delivered',
    key: `message:mark:${path}:${mark}`,
    signal,
    send: s => request(path, { method: 'PUT', body: { ...body }, signal: s }),
    check: { kind: 'repeatable' },
  })
}

/**
 * PUT /chat/Message.json with `On-Behalf-Of: userId` — marks every message of the dialog read or
 * delivered for that user, whoever the session acts as (the user page's "mark all read for
 * them"). Safe to repeat: a lost answer is reported as such, never sent again blindly.
 */
export async function markDialogFor(userId: number, dialogId: string, mark: MessageMark, signal?: AbortSignal): Promise<void> {
  const path = '/chat/Message.json'
  const body: UpdateMessageBody = mark === 'read' ? { read: 1, chat_dialog_id: dialogId } : { delivered: 1, chat_dialog_id: dialogId }
  await writeOnce({
    what: mark === 'read' ? 'Mark read' : 'Mark delivered',
    key: `message:mark-for:${userId}:${dialogId}:${mark}`,
    signal,
    send: s => request(path, { method: 'PUT', body: { ...body }, signal: s, actAs: userId }),
    check: { kind: 'repeatable' },
  })
}

/** The ID groups of a bulk delete: as few requests as fit in a safe URL length. */
export function messageDeleteChunks(ids: readonly string[]): string[][] {
  return chunkIdsForPath(ids, MESSAGE_URL_MAX, ID_PATH_OVERHEAD)
}

/**
 * DELETE /chat/Message/{id1},{id2}.json — `force` (in the body) deletes for everyone, else only
 * for the acting user. Null when the server answers with an empty body (one ID).
 */
export async function deleteMessages(ids: readonly string[], options: { force?: boolean } = {}, signal?: AbortSignal): Promise<DeleteResult | null> {
  const path = `/chat/Message/${ids.map(encodeURIComponent).join(',')}.json`
  const body = await writeOnce({
    what: 'Delete messages',
    key: `message:delete:${path}`,
    signal,
    send: s => request(path, { method: 'DELETE', body: options.force ? new URLSearchParams({ force: '1' }) : undefined, signal: s }),
    check: { kind: 'repeatable' },
  })
  return isObject(body) && 'SuccessfullyDeleted' in body ? body as unknown as DeleteResult : null
}

/** GET /chat/Message/unread.json — unread counts of the acting user (or `overrides.actAs`), total and per dialog. */
export async function getUnreadCounts(dialogIds: readonly string[] = [], signal?: AbortSignal, overrides: RequestOverrides = {}): Promise<UnreadCounts> {
  const path = '/chat/Message/unread.json'
  const body = await request(path, { query: { chat_dialog_ids: dialogIds.length ? dialogIds.join(',') : undefined }, signal, ...overrides })
  return expectShape(body, (v): v is UnreadCounts => isObject(v) && typeof v.total === 'number', 'unread counts', path)
}
