import type { Page } from '@playwright/test'
import { emulatorCreateDialog, emulatorSend, expect, signInQuickly, test } from './fixtures'

// Overview (save bar showing), Members, New dialog and the missing-dialog page at 390 and 1440 px,
// light and dark, for people to look at (screenshots/ is git-ignored; run with SCREENSHOTS=1).
const DIR = 'screenshots'
const BODY_COLOUR = { light: 'rgb(51, 54, 57)', dark: 'rgba(255, 255, 255, 0.82)' }

for (const width of [390, 1440] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`dialog pages at ${width} px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      const dialog = await emulatorCreateDialog({ type: 2, name: 'Support rota', occupants_ids: [1002, 1003, 1004, 1005, 1006, 1007], admin_ids: [1003], photo: 'https://cdn.example-photos.test/rota.png', data: { class_name: 'Team', floor: '5', shift: 'night' } }, 1001)
      await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: 'Who is on call tonight?' }, 1002)
      await signInQuickly(page, 1001)
      const shot = async (name: string) => {
        await expect(page.locator('body')).toHaveCSS('color', BODY_COLOUR[theme])
        await page.screenshot({ path: `${DIR}/${name}-${width}-${theme}.png`, animations: 'disabled' })
      }

      await page.goto(`/dialogs/${dialog._id}`)
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Support rota')
      await page.getByLabel('Name', { exact: true }).fill('Support rota (weekend)')
      await page.getByRole('switch', { name: 'Join required' }).click()
      await expect(page.getByRole('region', { name: 'Unsaved changes' })).toContainText('2 changes')
      await shot('dialog-overview-savebar')
      await page.getByLabel('Field 2 value').scrollIntoViewIfNeeded()
      await shot('dialog-overview-savebar-scrolled')
      await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click()

      await page.getByRole('link', { name: /^Members/ }).click()
      await expect(page.locator('[role="row"][data-user-id="1007"]')).toContainText('Grace Martin')
      await page.locator('[role="row"][data-user-id="1004"]').getByRole('checkbox').check()
      await shot('dialog-members')

      await page.goto('/dialogs/new?type=group')
      await page.getByLabel('Name', { exact: true }).fill('Night shift')
      await shot('dialog-new')

      await emulatorSend('DELETE', `/chat/Dialog/${dialog._id}.json?force=1`, undefined, 1001)
      await page.goto(`/dialogs/${dialog._id}`)
      await expect(page.getByRole('heading', { name: 'This dialog doesn\'t exist or was deleted' })).toBeVisible()
      await shot('dialog-missing')
    })
  }
}

test.describe('members at 390 px', () => {
  test('cards with actions, selection bar, dark', async ({ page }: { page: Page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.addInitScript(() => localStorage.setItem('dialog-desk.theme', 'dark'))
    const dialog = await emulatorCreateDialog({ type: 2, name: 'Phone cards', occupants_ids: [1002, 1003, 1004], admin_ids: [1003] }, 1001)
    await signInQuickly(page, null)
    await page.goto(`/dialogs/${dialog._id}/members`)
    await expect(page.locator('[role="row"][data-user-id="1004"]')).toContainText('Dmitri')
    await page.getByRole('table', { name: 'Members' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${DIR}/dialog-members-table-390-dark.png` })
  })
})
