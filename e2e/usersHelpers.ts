import type { Dialog, DialogList, User } from '../src/api/types'
import { emulatorGet, emulatorSend } from './fixtures'

// What the people specs share: users and dialogs of a test's own, made through the emulator's API.

let serial = 0

/** A user of the test's own (the emulator's users API, as the account owner). */
export async function createUser(name: string): Promise<User> {
  serial++
  const login = `${name.toLowerCase().replace(/\W+/g, '.')}.${serial}.${Date.now() % 100000}`
  return (await emulatorSend<{ user: User }>('POST', '/users.json', { user: { login, password: 'dialogdesk', full_name: name } })).user
}

export function group(name: string, owner: number, occupants: number[], admins: number[] = []) {
  return emulatorSend<Dialog>('POST', '/chat/Dialog.json', { type: 2, name, occupants_ids: occupants.join(','), ...(admins.length ? { admin_ids: admins.join(',') } : {}) }, owner)
}

export function say(dialogId: string, sender: number, message: string) {
  return emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialogId, message }, sender)
}

/** Their first 100 dialogs as they see them, newest activity first. */
export async function emulatorDialogs(userId: number) {
  return emulatorGet<DialogList>('/chat/Dialog.json', { limit: 100, sort_desc: 'last_message_date_sent' }, userId)
}
