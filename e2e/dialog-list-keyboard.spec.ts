import { accentColour, dialogRows, emulatorCreateDialog, emulatorDialog, expect, signInQuickly, test } from './fixtures'

test('j/k move between rows, x selects, Enter opens, Delete asks to delete: all without the mouse', async ({ page }) => {
  const prefix = `Keys ${Date.now()}`
  const made = []
  for (const n of [1, 2, 3])
    made.push(await emulatorCreateDialog({ type: 2, name: `${prefix} ${n}`, occupants_ids: '1002' }, 1001))
  // Newest message first: the last created is on top.
  const [third, second, first] = [made[2]!, made[1]!, made[0]!]
  await signInQuickly(page)
  await page.goto(`/dialogs?name=${encodeURIComponent(prefix)}&sort=created`)
  await expect(page.getByText('Showing 1–3 of 3 dialogs')).toBeVisible()
  const link = (i: number) => dialogRows(page).nth(i).getByRole('link').first()

  await page.keyboard.press('j')
  await expect(link(0)).toBeFocused()
  await expect(link(0)).toHaveText(third.name!)
  await expect(link(0)).toHaveCSS('outline-color', accentColour('light'))
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await expect(link(2)).toBeFocused()
  await page.keyboard.press('j')
  await expect(link(2)).toBeFocused()
  await page.keyboard.press('k')
  await expect(link(1)).toBeFocused()
  // The arrow keys move as well.
  await page.keyboard.press('ArrowUp')
  await expect(link(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(link(1)).toBeFocused()

  await page.keyboard.press('x')
  await expect(dialogRows(page).nth(1).getByRole('checkbox')).toBeChecked()
  await expect(page.getByRole('region', { name: 'Selected dialogs' })).toContainText('1 selected')
  await page.keyboard.press('x')
  await expect(dialogRows(page).nth(1).getByRole('checkbox')).not.toBeChecked()

  // Only the keyboard's row is in the Tab order: Tab reaches its owner's link, then leaves the
  // table for the pager.
  await page.keyboard.press('Tab')
  await expect(dialogRows(page).nth(1).getByRole('link').nth(1)).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Per page', { exact: true })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  await expect(link(1)).toBeFocused()

  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${second._id}$`))
  await page.goBack()
  await expect(page.getByText('Showing 1–3 of 3 dialogs')).toBeVisible()

  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await expect(link(2)).toBeFocused()
  await page.keyboard.press('Delete')
  const modal = page.getByRole('dialog', { name: 'Delete this dialog for everyone?' })
  await expect(modal).toBeVisible()
  await expect(modal.getByLabel(/Type .* to confirm/)).toBeFocused()
  await page.keyboard.type(first.name!)
  await page.keyboard.press('Enter')
  await expect(modal).toBeHidden()
  await expect(page.getByText('Showing 1–2 of 2 dialogs')).toBeVisible()
  expect(await emulatorDialog(first._id)).toBeNull()
  expect(await emulatorDialog(second._id)).not.toBeNull()
})
