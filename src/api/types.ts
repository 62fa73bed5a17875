/**
 * Wire models of the QuickBlox chat REST API, as documented in
 * shared/reference/quickblox/. The emulator imports these with `import type`,
 * so the client and the server cannot drift apart silently.
 */

/** 1 = PUBLIC_GROUP, 2 = GROUP, 3 = PRIVATE. */
export type DialogType = 1 | 2 | 3

export const DIALOG_TYPE = { PUBLIC_GROUP: 1, GROUP: 2, PRIVATE: 3 } as const

/** Custom Objects extension of a dialog: `class_name` plus free fields. */
export interface DialogCustomData {
  class_name: string
  [field: string]: string | number | boolean | null
}

/** A dialog as returned by create, get, list and update. */
export interface Dialog {
  _id: string
  user_id: number
  created_at: string
  updated_at: string
  type: DialogType
  name: string | null
  photo: string | null
  xmpp_room_jid: string | null
  occupants_ids: number[]
  admin_ids: number[]
  last_message: string | null
  last_message_date_sent: number | null
  last_message_id: string | null
  last_message_user_id: number | null
  unread_messages_count: number | null
  is_join_required: 0 | 1 | null
  data?: DialogCustomData
}

/** Envelope of GET /chat/Dialog.json. */
export interface DialogList {
  total_entries: number
  skip: number
  limit: number
  items: Dialog[]
}

/** Body of POST /chat/Dialog.json. `occupants_ids`/`admin_ids` may be a comma string or an array. */
export interface CreateDialogBody {
  type: DialogType
  name?: string
  photo?: string
  occupants_ids?: string | number[]
  admin_ids?: string | number[]
  is_join_required?: 0 | 1
  data?: DialogCustomData
}

export interface IdArrays {
  occupants_ids?: number[]
  admin_ids?: number[]
}

/** Body of PUT /chat/Dialog/{id}.json. Carries only what changes. */
export interface UpdateDialogBody {
  name?: string
  photo?: string
  is_join_required?: 0 | 1
  user_id?: number
  data?: DialogCustomData
  push_all?: IdArrays
  pull_all?: IdArrays
}

/** Result of DELETE /chat/Dialog/{ids}.json and DELETE /chat/Message/{ids}.json with several IDs. */
export interface DeleteResult {
  SuccessfullyDeleted: { ids: string[] }
  NotFound: { ids: string[] }
  WrongPermissions: { ids: string[] }
}

export interface MessageAttachment {
  type: string
  id?: string
  url?: string
  name?: string
  size?: number
  uid?: string
  content_type?: string
  [key: string]: string | number | undefined
}

/** A chat message. Custom fields are extra top-level keys. */
export interface Message {
  _id: string
  chat_dialog_id: string
  created_at: string | null
  updated_at: string | null
  date_sent: number
  sender_id: number
  recipient_id: number
  message: string | null
  read_ids: number[]
  delivered_ids: number[]
  attachments: MessageAttachment[]
  read: 0 | 1
  markable?: 0 | 1
  [customField: string]: unknown
}

/** Envelope of GET /chat/Message.json (no total). */
export interface MessageList {
  skip: number
  limit: number
  items: Message[]
}

/** Body of POST /chat/Message.json. Any other key is stored as a custom field. */
export interface CreateMessageBody {
  chat_dialog_id?: string
  recipient_id?: number
  message?: string
  attachments?: Record<string, MessageAttachment> | MessageAttachment[]
  send_to_chat?: 0 | 1
  markable?: 0 | 1
  [customField: string]: unknown
}

/** Body of PUT /chat/Message/{id}.json and PUT /chat/Message.json. Answer: 200, empty body. */
export interface UpdateMessageBody {
  chat_dialog_id: string
  message?: string
  read?: 1 | '1'
  delivered?: 1 | '1'
}

/** GET /chat/Message/unread.json: `total` plus one key per asked dialog ID. */
export interface UnreadCounts {
  total: number
  [dialogId: string]: number
}

export interface User {
  id: number
  full_name: string | null
  email: string | null
  login: string | null
  phone: string | null
  website: string | null
  created_at: string
  updated_at: string
  last_request_at: string | null
  external_user_id: number | null
  facebook_id: string | null
  blob_id: number | null
  custom_data: string | null
  user_tags: string | null
}

/** Envelope of GET /users.json, /users/by_full_name.json, /users/by_tags.json. */
export interface UserList {
  current_page: number
  per_page: number
  total_entries: number
  items: { user: User }[]
}

export interface UserEnvelope {
  user: User
}

/** Body of POST /users.json and PUT /users/{id}.json. */
export interface UserWriteBody {
  user: {
    login?: string
    email?: string
    password?: string
    old_password?: string
    full_name?: string
    phone?: string
    website?: string
    external_user_id?: number
    custom_data?: string
    tag_list?: string
  }
}

export interface Session {
  application_id: number
  created_at: string
  updated_at: string
  id: number
  _id: string
  nonce: number
  token: string
  ts: number
  user_id: number
}

export interface SessionEnvelope {
  session: Session
}

/** Answer of POST /users/{id}/tokens with the API key. */
export interface UserToken {
  token: string
  expires_at: string
}

/**
 * Every error body shape the API is known to send:
 * `{errors: string[]}`, `{errors: {base: string[]}}`, `{errors: {field: string[]}}`,
 * a top-level field map such as `{type: ["is wrong."]}`, and `{code, message}`.
 */
export type ErrorBody =
  | { errors: string[] }
  | { errors: Record<string, string[]> }
  | Record<string, string[]>
  | { code: number | string | null, message: string }
