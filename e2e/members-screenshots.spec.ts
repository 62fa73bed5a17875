import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { emulatorCreateDialog, expect, expectAccentFocus, signInQuickly, test } from './fixtures'

// Screenshots of the Members tab in light and dark, for people to look at (screenshots/ is
// not committed). The 10,000-member dialog is shot in members-big.spec.ts.
const SHOTS = 'screenshots'

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`Members tab screenshots, ${scheme}`, () => {
    test.use({ colorScheme: scheme })
    let dialog: Dialog

    test.beforeEach(async ({ page }) => {
      dialog = await emulatorCreateDialog({ type: 2, name: `Support rota (${scheme})`, occupants_ids: [1002, 1003, 1004, 1005, 1006], admin_ids: [1003] }, 1001)
      await page.addInitScript(() => localStorage.setItem('dialog-desk.theme', 'system'))
    })

    async function open(page: Page, actingUserId: number | null) {
      await signInQuickly(page, actingUserId)
      await page.goto(`/dialogs/${dialog._id}/members`)
      await expect(page.locator('[role="row"][data-user-id="1006"]')).toContainText('Farid Martin')
    }

    test('small dialog, paste dry run and undo', async ({ page }) => {
      await open(page, null)
      await page.screenshot({ path: `${SHOTS}/members-small-${scheme}.png`, fullPage: true })

      await page.getByRole('button', { name: 'Paste a list…' }).click()
      const modal = page.getByRole('dialog', { name: 'Paste a list of people' })
      await modal.getByLabel('List of IDs, logins or emails').fill('1007, alice.martin, hiro.martin@example.com 1008 1007 nobody.here 999999 12ab!')
      await modal.getByRole('button', { name: 'Check list' }).click()
      await expect(modal.getByRole('group', { name: /Will be added/ })).toBeVisible()
      await page.screenshot({ path: `${SHOTS}/members-paste-dry-run-${scheme}.png` })
      await modal.getByRole('button', { name: 'Cancel' }).click()

      await page.locator('[role="row"][data-user-id="1004"]').getByRole('checkbox').check()
      await page.locator('[role="row"][data-user-id="1005"]').getByRole('checkbox').check()
      await page.getByRole('toolbar', { name: 'Selected members' }).getByRole('button', { name: 'Remove 2' }).click()
      await page.screenshot({ path: `${SHOTS}/members-remove-confirm-${scheme}.png` })
      await page.getByRole('dialog').getByRole('button', { name: 'Remove 2 people' }).click()
      await expect(page.locator('.n-notification').getByRole('button', { name: 'Undo' })).toBeVisible()
      await page.screenshot({ path: `${SHOTS}/members-undo-${scheme}.png` })
    })

    test('keyboard focus on a row checkbox, a row button and the select-all checkbox', async ({ page }) => {
      await open(page, null)
      const row = page.locator('[role="row"][data-user-id="1004"]')
      const table = page.getByRole('table', { name: 'Members' })
      const controls = [
        ['checkbox', row.getByRole('checkbox')],
        ['button', row.getByRole('button').first()],
        ['select-all', table.getByRole('checkbox', { name: 'Select all shown' })],
      ] as const
      for (const [name, control] of controls) {
        await expectAccentFocus(page, control, scheme)
        await table.screenshot({ path: `${SHOTS}/members-focus-${name}-${scheme}.png` })
      }
    })

    test('disabled controls with their reasons, as an occupant', async ({ page }) => {
      await open(page, 1004)
      await page.locator('[role="row"][data-user-id="1002"]').getByRole('checkbox').check()
      await page.locator('[role="row"][data-user-id="1003"]').getByRole('checkbox').check()
      await page.getByRole('radio', { name: 'Admins' }).check({ force: true })
      await expect(page.getByRole('note')).toBeVisible()
      await page.screenshot({ path: `${SHOTS}/members-occupant-reasons-${scheme}.png`, fullPage: true })
    })
  })
}
