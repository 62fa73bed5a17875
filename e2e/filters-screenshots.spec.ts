import type { Locator, Page } from '@playwright/test'
import { API_KEY, dialogRows, emulatorDialogs, expect, expectAccentFocus, test } from './fixtures'

// Screenshots of the filter bars and an empty state with keyboard focus on a date input, light and
// dark, for people to look at (screenshots/ is not committed).
const SHOTS = 'screenshots'

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`filter focus screenshots, ${scheme}`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1366, height: 800 } })
    async function focusShows(page: Page, control: Locator, file: string) {
      await expectAccentFocus(page, control, scheme)
      await page.screenshot({ path: `${SHOTS}/${file}-${scheme}.png`, animations: 'disabled' })
    }

    test('dialog list, empty state, messages and activity', async ({ page }) => {
      test.setTimeout(90_000)
      const hands = (await emulatorDialogs({ name: 'All hands' })).items[0]!
      await page.addInitScript(() => localStorage.setItem('dialog-desk.theme', 'system'))
      // Signed in through the form, so the activity log has an entry to show.
      await page.goto('/sign-in')
      await page.getByLabel('API key').fill(API_KEY)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
      await expect(page.locator('html')).toHaveCSS('color-scheme', scheme)
      await expect(dialogRows(page)).toHaveCount(25)
      await page.getByRole('button', { name: /^Filter/ }).click()
      await focusShows(page, page.getByLabel('Updated since'), 'focus-list-filters')

      await page.goto('/dialogs?name=no-such-dialog-anywhere')
      await expect(page.getByText('No dialog matches these filters')).toBeVisible()
      await page.getByRole('button', { name: /^Filter/ }).click()
      await focusShows(page, page.getByLabel('Updated until'), 'focus-list-empty')

      await page.goto(`/dialogs/${hands._id}/messages`)
      await expect(page.getByText(/messages loaded, newest first/)).toBeVisible()
      // The Messages tab's filters fold away behind its Filter button.
      await page.getByRole('button', { name: /^Filter/ }).click()
      await focusShows(page, page.getByLabel('Sent from', { exact: true }), 'focus-messages-filters')

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
      await expect(page.getByRole('table').locator('tbody tr.row').first()).toBeVisible()
      await focusShows(page, page.getByLabel('From', { exact: true }), 'focus-activity-filters')
      await focusShows(page, page.getByRole('button', { name: /Show details/ }).first(), 'focus-activity-toggle')
    })
  })
}
