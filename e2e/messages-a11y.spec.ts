import type { Dialog } from '../src/api/types'
import { axeViolations, themeSettled } from './axe'
import { expect, signInQuickly, test } from './fixtures'
import { BASE, createGroup, item, openMessages, OWNER, post, seededFile } from './messagesHelpers'

// axe on the Messages tab, every impact, light and dark, at 390 and 1440: the timeline with
// marked matches, pictures, file chips, custom fields and a linked message; the lightbox; the
// delete confirmation; on the phone the ⋯ menu.

let dialog: Dialog
let linked: string

test.beforeAll(async () => {
  const image = await seededFile('image')
  const pdf = await seededFile('file')
  dialog = await createGroup('E2E messages axe', [1002, 1003])
  await post(dialog._id, 1002, 'Welcome to the review room', { date_sent: BASE })
  await post(dialog._id, 1003, `A long report.\n${'Lorem ipsum dolor sit amet, review consectetur adipiscing elit. '.repeat(10)}`, { date_sent: BASE + 60 })
  await post(dialog._id, 1002, 'Photo of the review board', { date_sent: BASE + 120, attachments: [{ type: 'image', id: image.id, name: image.name }], is_pinned: 'yes' })
  await post(dialog._id, 1003, 'Review minutes', { date_sent: BASE + 180, attachments: [{ type: 'file', id: pdf.id, name: 'minutes.pdf', size: 4096 }] })
  linked = (await post(dialog._id, 1002, '<b>review</b> <img src=x onerror=alert(1)>', { date_sent: BASE + 240 }))._id
})

for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440] as const) {
    test.describe(`${theme}, ${width} px`, () => {
      test.use({ viewport: { width, height: 900 }, hasTouch: width === 390, isMobile: width === 390 })

      test('timeline, lightbox, delete confirmation and menu have no violations of any impact', async ({ page }) => {
        await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
        await signInQuickly(page, OWNER)
        await openMessages(page, dialog._id, `?text=review&message=${linked}`)
        await themeSettled(page, theme)
        const photo = item(page, 'Photo of the review board')
        await expect(photo.getByRole('img')).toHaveAttribute('src', /^blob:/)
        await expect(item(page, 'Review minutes').getByRole('button', { name: 'Download' })).toBeVisible()
        await expect(page.locator('mark').first()).toBeVisible()
        expect(await axeViolations(page)).toEqual([])

        await photo.getByRole('button', { name: /^Open the picture/ }).click()
        await expect(page.getByRole('dialog')).toBeVisible()
        expect(await axeViolations(page)).toEqual([])
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog')).toHaveCount(0)

        if (width === 390) {
          await item(page, 'Review minutes').getByRole('button', { name: /^Actions for the message/ }).click()
          await expect(page.getByRole('menu')).toBeVisible()
          expect(await axeViolations(page)).toEqual([])
          await page.getByRole('menuitem', { name: 'Delete…' }).click()
        }
        else {
          await item(page, 'Review minutes').hover()
          expect(await axeViolations(page)).toEqual([])
          await item(page, 'Review minutes').getByRole('button', { name: 'Delete' }).click()
        }
        await expect(page.getByRole('dialog', { name: 'Delete 1 message' })).toBeVisible()
        expect(await axeViolations(page)).toEqual([])
        await page.getByRole('button', { name: 'Cancel' }).click()

        await page.getByRole('button', { name: /^Filter/ }).click()
        await expect(page.getByLabel('Sent from', { exact: true })).toBeVisible()
        expect(await axeViolations(page)).toEqual([])
      })
    })
  }
}
