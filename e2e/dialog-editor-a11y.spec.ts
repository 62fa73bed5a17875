import { axeViolations } from './axe'
import { emulatorCreateDialog, emulatorSend, expect, signInQuickly, test } from './fixtures'

const BODY_COLOUR = { light: 'rgb(51, 54, 57)', dark: 'rgba(255, 255, 255, 0.82)' }

for (const width of [390, 1440] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`overview (and its save bar), members, new dialog and a missing dialog: no axe violations at ${width} px (${theme})`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 })
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      const dialog = await emulatorCreateDialog({ type: 2, name: `A11y ${theme} ${width}`, occupants_ids: '1002,1003,1004', admin_ids: '1003', data: { class_name: 'C', a: '1' } }, 1001)
      await signInQuickly(page, 1001)
      await page.goto(`/dialogs/${dialog._id}`)
      await expect(page.getByLabel('Name', { exact: true })).toBeVisible()
      await expect(page.locator('body')).toHaveCSS('color', BODY_COLOUR[theme])
      expect(await axeViolations(page)).toEqual([])
      // The save bar, with a change waiting.
      await page.getByLabel('Name', { exact: true }).fill(`A11y ${theme} ${width} (renamed)`)
      await expect(page.getByRole('region', { name: 'Unsaved changes' })).toContainText('1 change')
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click()

      await page.goto(`/dialogs/${dialog._id}/members`)
      await expect(page.locator('[role="row"][data-user-id="1004"]')).toContainText('Dmitri')
      await expect(page.locator('body')).toHaveCSS('color', BODY_COLOUR[theme])
      expect(await axeViolations(page)).toEqual([])

      // The one question before removing someone: a named dialog with a real heading.
      await page.getByRole('button', { name: 'Remove Dmitri Martin' }).click()
      const ask = page.getByRole('dialog', { name: 'Remove 1 person?' })
      await expect(ask).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
      await ask.getByRole('button', { name: 'Cancel' }).click()
      await expect(ask).toHaveCount(0)

      await page.getByRole('button', { name: 'Paste a list…' }).click()
      const modal = page.getByRole('dialog', { name: 'Paste a list of people' })
      await modal.getByLabel('List of IDs, logins or emails').fill('1005, nobody.here, 12ab!')
      await modal.getByRole('button', { name: 'Check list' }).click()
      await expect(modal.getByRole('region', { name: 'Dry run' })).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
      await modal.getByRole('button', { name: 'Cancel' }).click()

      await page.goto('/dialogs/new?type=group')
      await expect(page.getByLabel('Name', { exact: true })).toBeVisible()
      await expect(page.locator('body')).toHaveCSS('color', BODY_COLOUR[theme])
      expect(await axeViolations(page)).toEqual([])

      // A dialog that is gone: the page that says so.
      await emulatorSend('DELETE', `/chat/Dialog/${dialog._id}.json?force=1`, undefined, 1001)
      await page.goto(`/dialogs/${dialog._id}`)
      await expect(page.getByRole('heading', { level: 1, name: 'This dialog doesn\'t exist or was deleted' })).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
    })
  }
}
