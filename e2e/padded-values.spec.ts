import { emulatorCreateDialog, emulatorDialog, expect, signInQuickly, test } from './fixtures'

// Issue 13: a dialog whose stored name or photo has spaces around it opened with Save enabled and
// a leave prompt, because the trimmed draft was compared with the untrimmed stored value.
test('a stored name and photo with spaces around them are not unsaved changes', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: '  Padded room  ', photo: ' 67834 ', occupants_ids: '1002' }, 1001)
  const stored = await emulatorDialog(dialog._id)
  // The point of the test: the server keeps the spaces.
  expect(stored!.name).toBe('  Padded room  ')
  const puts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'PUT')
      puts.push(request.url())
  })
  await signInQuickly(page, 1001)
  await page.goto(`/dialogs/${dialog._id}`)
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('  Padded room  ')
  await expect(page.getByRole('region', { name: 'Unsaved changes' })).toHaveCount(0)
  // Leaving asks nothing: no "unsaved changes" question stands in the way.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  await expect(page).toHaveURL(/\/activity$/)
  await expect(page.getByRole('dialog')).toHaveCount(0)
  expect(puts).toEqual([])
})
