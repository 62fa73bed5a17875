import type { Page } from '@playwright/test'
import type { Dialog, Message, MessageList } from '../src/api/types'
import { emulatorGet, emulatorSend, expect } from './fixtures'

// Shared by the Messages tab specs: dialogs and messages made through the emulator's API, the
// truth read back from it, and the ways the tests find things on the page.

export const OWNER = 1001
export const BASE = Date.parse('2025-03-01T00:00:00Z') / 1000

export async function createGroup(name: string, occupants: number[], owner = OWNER): Promise<Dialog> {
  return emulatorSend<Dialog>('POST', '/chat/Dialog.json', { type: 2, name, occupants_ids: occupants.join(',') }, owner)
}

export async function post(dialogId: string, sender: number, message: string, extra: Record<string, unknown> = {}): Promise<Message> {
  return emulatorSend<Message>('POST', '/chat/Message.json', { chat_dialog_id: dialogId, message, ...extra }, sender)
}

/** Every message of a dialog as the account owner sees it, newest first, never marking anything. */
export async function truth(dialogId: string, query: Record<string, string | number> = {}): Promise<Message[]> {
  const out: Message[] = []
  for (let skip = 0; ; skip += 100) {
    const page = await emulatorGet<MessageList>('/chat/Message.json', { chat_dialog_id: dialogId, sort_desc: 'date_sent', mark_as_read: 0, limit: 100, skip, ...query })
    out.push(...page.items)
    if (page.items.length < 100)
      return out
  }
}

export async function one(dialogId: string, id: string): Promise<Message> {
  const [m] = await truth(dialogId, { _id: id })
  return m!
}

export function item(page: Page, text: string | RegExp) {
  return page.getByRole('listitem').filter({ hasText: text })
}

export function status(page: Page) {
  return page.getByText(/messages? loaded, newest first/)
}

export async function openMessages(page: Page, dialogId: string, query = '') {
  await page.goto(`/dialogs/${dialogId}/messages${query}`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

/** The IDs of the rendered messages, top to bottom. */
export async function shownIds(page: Page): Promise<string[]> {
  return page.getByRole('listitem').evaluateAll(items => items.map(i => i.getAttribute('data-id') ?? ''))
}

/** A seeded demo file of this type that a message of the demo data points at (its attachment `id`). */
export async function seededFile(type: 'image' | 'file'): Promise<{ id: string, name: string }> {
  const hands = await emulatorGet<{ items: Dialog[] }>('/chat/Dialog.json', { name: 'All hands' })
  for (const m of await truth(hands.items[0]!._id)) {
    const a = m.attachments.find(x => x.type === type)
    if (a)
      return { id: String(a.id), name: String(a.name) }
  }
  throw new Error(`no seeded ${type} attachment`)
}

