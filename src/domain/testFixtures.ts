import type { Dialog, DialogType } from '@/api/types'

/** Users of the fixture dialogs: 1 owner, 2 admin, 3 and 4 plain occupants, 9 outsider. */
export const OWNER = 1
export const ADMIN = 2
export const OCC = 3
export const OCC2 = 4
export const OUTSIDER = 9

/** A complete dialog for tests; group by default, with owner 1, admin 2, occupants 3 and 4. */
export function makeDialog(overrides: Partial<Dialog> = {}): Dialog {
  const type: DialogType = overrides.type ?? 2
  return {
    _id: '5d75393ba28f9a17e1cb0f9e',
    user_id: OWNER,
    created_at: '2024-01-01T10:00:00Z',
    updated_at: '2024-01-01T10:00:00Z',
    type,
    name: type === 3 ? null : 'Team',
    photo: null,
    xmpp_room_jid: type === 3 ? null : '1_5d75393ba28f9a17e1cb0f9e@muc.chat.quickblox.com',
    occupants_ids: type === 3 ? [OWNER, OCC] : type === 1 ? [] : [OWNER, ADMIN, OCC, OCC2],
    admin_ids: type === 3 ? [] : [ADMIN],
    last_message: null,
    last_message_date_sent: null,
    last_message_id: null,
    last_message_user_id: null,
    unread_messages_count: null,
    is_join_required: type === 2 ? 0 : null,
    ...overrides,
  }
}
