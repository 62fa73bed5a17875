import { emulatorCreateDialog, emulatorDialog, emulatorSend, expect, signInQuickly, test } from './fixtures'

test('a deleted dialog\'s link says it doesn\'t exist, with no Retry, and leads back to the list and to search', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: `Gone soon ${Date.now()}`, occupants_ids: '1002' }, 1001)
  await emulatorSend('DELETE', `/chat/Dialog/${dialog._id}.json?force=1`, undefined, 1001)
  expect(await emulatorDialog(dialog._id)).toBeNull()
  await signInQuickly(page, null)
  await page.goto(`/dialogs/${dialog._id}`)
  await expect(page.getByRole('heading', { name: 'This dialog doesn\'t exist or was deleted', level: 1 })).toBeVisible()
  await expect(page.getByText(dialog._id)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0)
  await expect(page.getByText('The resource wasn\'t found')).toHaveCount(0)

  // Search by name goes to the list with that filter; a pasted ID opens that dialog.
  const search = page.getByRole('searchbox', { name: 'Find another dialog' })
  await search.fill('Support')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(/\/dialogs\?name=Support$/)
  await page.goBack()
  const other = await emulatorCreateDialog({ type: 2, name: `Still here ${Date.now()}`, occupants_ids: '1002' }, 1001)
  await page.getByRole('searchbox', { name: 'Find another dialog' }).fill(other._id)
  await page.getByRole('button', { name: 'Open' }).click()
  await expect(page.getByRole('heading', { name: other.name! })).toBeVisible()

  await page.goto(`/dialogs/${dialog._id}/members`)
  await expect(page.getByRole('heading', { name: 'This dialog doesn\'t exist or was deleted' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to the dialog list' }).click()
  await expect(page).toHaveURL(/\/dialogs(\?|$)/)
})

test('other load errors keep Retry and the server\'s words', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: `Not mine ${Date.now()}`, occupants_ids: '1002' }, 1001)
  // User 1009 is not in it: the emulator answers 403 with its own words.
  await signInQuickly(page, 1009)
  await page.goto(`/dialogs/${dialog._id}`)
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load this dialog' })
  await expect(alert).toBeVisible()
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'This dialog doesn\'t exist or was deleted' })).toHaveCount(0)
})
