import type { Page } from '@playwright/test'
import { countLine, emulatorDialogs, emulatorUser, expect, expectListMatches, signInQuickly, test } from './fixtures'

const BY_LAST = { sort_desc: 'last_message_date_sent' }

function pickerOption(page: Page, text: string | RegExp) {
  // naive-ui's select menu has no ARIA roles; its options are found by their text.
  return page.locator('.n-base-select-option', { hasText: text })
}

test('switching the acting user in the header changes what the list shows', async ({ page }) => {
  await signInQuickly(page)
  await page.goto('/dialogs')
  const owner = await expectListMatches(page, { limit: 25, ...BY_LAST })

  const user = await emulatorUser(1005)
  const acting = page.getByLabel('Acting as')
  await acting.click()
  await acting.fill(user.full_name!)
  await pickerOption(page, `#${user.id}`).click()

  await expect(page.getByRole('alert').or(page.locator('.n-alert')).filter({ hasText: 'Acting as' })).toContainText(user.full_name!)
  const asUser = await expectListMatches(page, { limit: 25, ...BY_LAST }, user.id)
  expect(asUser.total_entries).toBeLessThan(owner.total_entries)

  // Picking by ID works too, and the choice survives a reload.
  const other = await emulatorUser(1010)
  await acting.click()
  await acting.fill(String(other.id))
  await pickerOption(page, `#${other.id}`).click()
  await expectListMatches(page, { limit: 25, ...BY_LAST }, other.id)
  await page.reload()
  await expectListMatches(page, { limit: 25, ...BY_LAST }, other.id)

  await page.getByRole('button', { name: 'Back to the account owner' }).click()
  await expect(countLine(page)).toHaveText(`Showing 1–25 of ${owner.total_entries} dialogs`)
})

test('when the server refuses the API key alone, the list offers to act as a user', async ({ page }) => {
  await signInQuickly(page)
  // Play a real QuickBlox server that wants a user for listing dialogs.
  await page.route('**/api/chat/Dialog.json?**', async (route) => {
    if (route.request().headers()['on-behalf-of'])
      return route.fallback()
    return route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ errors: { base: ['Forbidden. Need user.'] } }) })
  })
  await page.goto('/dialogs')
  await expect(page.getByText('The server does not list dialogs for the API key alone')).toBeVisible()
  await expect(page.getByText('Forbidden. Need user.')).toBeVisible()

  const user = await emulatorUser(1003)
  const picker = page.getByLabel('Act as user')
  await picker.click()
  await picker.fill(user.login!)
  await pickerOption(page, `#${user.id}`).click()
  const truth = await emulatorDialogs({ limit: 25, ...BY_LAST }, user.id)
  await expect(countLine(page)).toHaveText(`Showing 1–${Math.min(25, truth.total_entries)} of ${truth.total_entries} dialogs`)
})

test('when the API key alone lists nothing, the list says why and offers to act as a user', async ({ page }) => {
  await signInQuickly(page)
  await page.route('**/api/chat/Dialog.json?**', async (route) => {
    if (route.request().headers()['on-behalf-of'])
      return route.fallback()
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ total_entries: 0, skip: 0, limit: 25, items: [] }) })
  })
  await page.goto('/dialogs')
  await expect(page.getByText('No dialogs returned for the account owner')).toBeVisible()
  await expect(page.getByLabel('Act as user')).toBeVisible()
})
