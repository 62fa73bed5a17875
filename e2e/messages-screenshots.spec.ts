import type { Page } from '@playwright/test'
import type { Dialog, MessageList } from '../src/api/types'
import { emulatorDialogs, emulatorGet, emulatorSend, expect, signInQuickly, test } from './fixtures'

// Pictures of the Messages tab for people to look at (screenshots/ is git-ignored).
const DIR = 'screenshots'
const XSS = '<img src=x onerror=alert(1)>'

async function theme(page: Page, name: 'Light' | 'Dark') {
  // A dispatched click: an open modal's mask would catch a real one.
  await page.getByRole('radio', { name }).dispatchEvent('click')
  await expect(page.locator('html')).toHaveCSS('color-scheme', name.toLowerCase())
}

async function both(page: Page, file: string, settle?: () => Promise<void>) {
  for (const name of ['Light', 'Dark'] as const) {
    await theme(page, name)
    await settle?.()
    await page.screenshot({ path: `${DIR}/${file}-${name.toLowerCase()}.png` })
  }
  await theme(page, 'Light')
}

test.describe('messages screenshots', () => {
  test.use({ viewport: { width: 1280, height: 900 } })

  test('list, filters, edit, selection, disabled reason, hostile text', async ({ page }) => {
    test.setTimeout(120_000)
    const hands = (await emulatorDialogs({ name: 'All hands' })).items[0]!
    const dialog = await emulatorSend<Dialog>('POST', '/chat/Dialog.json', { type: 2, name: 'Screenshot room', occupants_ids: '1002,1003' }, 1001)
    const base = Date.parse('2025-03-01T09:00:00Z') / 1000
    await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: 'Welcome to the room!', date_sent: base }, 1002)
    await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: `A long report.\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12)}`, date_sent: base + 60 }, 1003)
    await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: 'Photo of the whiteboard', date_sent: base + 120, attachments: [{ type: 'image', id: '47863', name: 'board.png', url: 'https://files.example.com/board.png', size: 204800 }], is_pinned: 'yes' }, 1002)
    await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: XSS, date_sent: base + 180 }, 1002)
    const list = await emulatorGet<MessageList>('/chat/Message.json', { chat_dialog_id: dialog._id, mark_as_read: 0 })
    await emulatorSend('PUT', '/chat/Message.json', { read: 1, chat_dialog_id: dialog._id }, 1003)
    expect(list.items).toHaveLength(4)

    await signInQuickly(page, 1001)
    await page.goto(`/dialogs/${hands._id}/messages`)
    await expect(page.getByText(/messages loaded, newest first/)).toBeVisible()
    await both(page, 'messages-list')

    await page.getByLabel('Text contains').fill('edited')
    await expect(page).toHaveURL(/text=edited/)
    await expect(page.getByText(/messages? loaded, newest first/)).toBeVisible()
    await both(page, 'messages-filters')

    await page.goto(`/dialogs/${dialog._id}/messages`)
    await expect(page.getByText('4 messages loaded, newest first · all loaded')).toBeVisible()
    await expect(page.getByText(XSS, { exact: true })).toBeVisible()
    await both(page, 'messages-xss-as-text')

    await page.getByRole('listitem').filter({ hasText: 'Welcome to the room!' }).getByRole('button', { name: 'Edit' }).click()
    await page.getByLabel('New text').fill('Welcome to the room, everyone!')
    await both(page, 'messages-edit-in-place')
    await page.getByLabel('New text').press('Escape')

    await page.getByRole('checkbox', { name: /^Select message/ }).nth(0).click()
    await page.getByRole('checkbox', { name: /^Select message/ }).nth(2).click({ modifiers: ['Shift'] })
    await expect(page.getByText('3 selected')).toBeVisible()
    await both(page, 'messages-selection')

    // Hold the DELETE answers so the progress bar can be seen.
    let release!: () => void
    const held = new Promise<void>(resolve => release = resolve)
    await page.route('**/api/chat/Message/*.json', async (route) => {
      if (route.request().method() !== 'DELETE')
        return route.fallback()
      await held
      return route.fallback()
    })
    await page.getByRole('button', { name: 'Delete selected…' }).click()
    const modal = page.getByRole('dialog')
    await both(page, 'messages-delete-confirm')
    await modal.getByRole('button', { name: 'Delete 3 messages' }).click()
    await expect(modal.getByText('Deleting… 0 of 3')).toBeVisible()
    await page.screenshot({ path: `${DIR}/messages-delete-progress-light.png` })
    release()
    await expect(modal.getByLabel('Delete summary')).toContainText('3 deleted')
    await both(page, 'messages-delete-summary')
    await modal.getByRole('button', { name: 'Close', exact: true }).click()

    await page.evaluate(() => sessionStorage.clear())
    await page.context().clearCookies()
    const owner = await page.context().newPage()
    await signInQuickly(owner, null)
    await owner.goto(`/dialogs/${hands._id}/messages`)
    await expect(owner.getByRole('note')).toBeVisible()
    await both(owner, 'messages-owner-disabled-reason')
  })
})
