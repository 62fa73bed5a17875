import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { emulatorDialogs, emulatorSend, expect, signInQuickly, test } from './fixtures'
import { BASE, createGroup, item, post, seededFile } from './messagesHelpers'

// Pictures of the Messages tab for people to look at (screenshots/ is git-ignored): the timeline,
// hover actions (the ⋯ menu on a phone), the lightbox and the delete confirmation, at 390 and
// 1440 px, light and dark; plus filters, edit in place, selection and a disabled reason at 1440.
const DIR = 'screenshots'
const XSS = '<img src=x onerror=alert(1)>'

let room: Dialog
let hands: Dialog

test.beforeAll(async () => {
  hands = (await emulatorDialogs({ name: 'All hands' })).items[0]!
  const image = await seededFile('image')
  const pdf = await seededFile('file')
  room = await createGroup('Screenshot room', [1002, 1003])
  await post(room._id, 1002, 'Welcome to the room!', { date_sent: BASE })
  await post(room._id, 1003, `A long report.\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12)}`, { date_sent: BASE + 60 })
  await post(room._id, 1002, 'Photo of the whiteboard', { date_sent: BASE + 120, attachments: [{ type: 'image', id: image.id, name: 'whiteboard.jpg' }], is_pinned: 'yes' })
  await post(room._id, 1003, 'The minutes, and a link', { date_sent: BASE + 180, attachments: [{ type: 'file', id: pdf.id, name: 'minutes.pdf', size: 48_000, url: 'https://files.example.com/minutes.pdf' }] })
  await post(room._id, 1002, 'The lost picture', { date_sent: BASE + 200, attachments: [{ type: 'image', id: '47863', name: 'lost.png' }] })
  await post(room._id, 1002, XSS, { date_sent: BASE + 240 })
  await emulatorSend('PUT', '/chat/Message.json', { read: 1, chat_dialog_id: room._id }, 1003)
})

async function shoot(page: Page, name: string, width: number, theme: 'light' | 'dark') {
  await page.screenshot({ path: `${DIR}/messages-${name}-${width}-${theme}.png` })
}

for (const width of [390, 1440] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test.describe(`${width} px, ${theme}`, () => {
      test.use({ viewport: { width, height: 900 }, hasTouch: width === 390, isMobile: width === 390 })

      test('timeline, actions, lightbox, delete confirmation', async ({ page }) => {
        await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
        await signInQuickly(page, 1001)
        await page.goto(`/dialogs/${hands._id}/messages`)
        await expect(page.getByText(/messages loaded, newest first/)).toBeVisible()
        await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
        await shoot(page, 'timeline', width, theme)

        await page.goto(`/dialogs/${room._id}/messages?text=the`)
        const photo = item(page, 'Photo of the whiteboard')
        await expect(photo.getByRole('img')).toHaveAttribute('src', /^blob:/)
        await expect(item(page, 'The lost picture').getByText(/Can't show the picture/)).toBeVisible()
        if (width === 390) {
          await item(page, 'The minutes').getByRole('button', { name: /^Actions for the message/ }).tap()
          await expect(page.getByRole('menu')).toBeVisible()
        }
        else {
          await item(page, 'The minutes').hover()
        }
        await shoot(page, 'actions', width, theme)
        await page.keyboard.press('Escape')

        await photo.getByRole('button', { name: /^Open the picture/ }).click()
        await expect(page.getByRole('dialog').getByRole('img')).toBeVisible()
        await shoot(page, 'lightbox', width, theme)
        await page.keyboard.press('Escape')

        await page.getByRole('checkbox', { name: /^Select message/ }).nth(0).click()
        await page.getByRole('checkbox', { name: /^Select message/ }).nth(2).click({ modifiers: ['Shift'] })
        if (width === 390)
          await page.getByRole('region', { name: 'Quick actions' }).getByRole('button', { name: 'Delete…' }).click()
        else
          await page.getByRole('button', { name: 'Delete selected…' }).click()
        await expect(page.getByRole('dialog', { name: 'Delete 3 messages' })).toBeVisible()
        await shoot(page, 'delete-confirm', width, theme)
      })
    })
  }
}

test.describe('1440 px, the rest', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('filters open, edit in place, a disabled reason', async ({ page }) => {
    await signInQuickly(page, 1001)
    await page.goto(`/dialogs/${room._id}/messages?from=2025-03-01&text=the`)
    await page.getByRole('button', { name: /^Filter/ }).click()
    await expect(page.getByLabel('Sent from', { exact: true })).toBeVisible()
    await page.screenshot({ path: `${DIR}/messages-filters-1440-light.png` })

    await page.goto(`/dialogs/${room._id}/messages`)
    await item(page, 'Welcome to the room!').hover()
    await item(page, 'Welcome to the room!').getByRole('button', { name: 'Edit' }).click()
    await page.getByLabel('New text').fill('Welcome to the room, everyone!')
    await page.screenshot({ path: `${DIR}/messages-edit-in-place-1440-light.png` })

    const owner = await page.context().newPage()
    await owner.addInitScript(() => sessionStorage.clear())
    await signInQuickly(owner, null)
    await owner.goto(`/dialogs/${hands._id}/messages`)
    await expect(owner.getByRole('note')).toBeVisible()
    await owner.screenshot({ path: `${DIR}/messages-owner-disabled-reason-1440-light.png` })
  })
})
