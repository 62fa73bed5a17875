import type { Page } from '@playwright/test'
import { emulatorCreateDialog, emulatorDialog, expect, signInQuickly, test } from './fixtures'

function row(page: Page, userId: number) {
  return page.locator(`[role="row"][data-user-id="${userId}"]`)
}

test('j/k move through the members, x ticks, Delete asks to remove the one in focus', async ({ page }) => {
  // Rows: owner 1001, admin 1003, then occupants 1002 and 1004.
  const dialog = await emulatorCreateDialog({ type: 2, name: `Keyboard members ${Date.now()}`, occupants_ids: [1002, 1003, 1004], admin_ids: [1003] }, 1001)
  const puts: unknown[] = []
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().includes(dialog._id))
      puts.push(request.postDataJSON())
  })
  await signInQuickly(page, null)
  await page.goto(`/dialogs/${dialog._id}/members`)
  await expect(row(page, 1004)).toContainText('Dmitri Martin')

  await page.keyboard.press('j')
  // The owner can't be ticked or removed, so the row itself takes focus.
  await expect(row(page, 1001)).toBeFocused()
  await page.keyboard.press('j')
  await expect(row(page, 1003).getByRole('checkbox')).toBeFocused()
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await expect(row(page, 1002).getByRole('checkbox')).toBeFocused()
  await page.keyboard.press('x')
  await expect(page.getByRole('toolbar', { name: 'Selected members' })).toContainText('2 selected')
  await expect(row(page, 1003).getByRole('checkbox')).toBeChecked()
  await page.keyboard.press('x')
  await expect(row(page, 1002).getByRole('checkbox')).not.toBeChecked()
  await page.keyboard.press('k')
  await expect(row(page, 1003).getByRole('checkbox')).toBeFocused()

  // Delete asks first; Escape sends nothing.
  await page.keyboard.press('Delete')
  const ask = page.getByRole('dialog').filter({ hasText: 'Carmen Martin will leave' })
  await expect(ask).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(ask).toHaveCount(0)
  expect(puts).toEqual([])

  await page.keyboard.press('Delete')
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Remove 1 person' }).press('Enter')
  await expect(row(page, 1003)).toHaveCount(0)
  expect(puts).toEqual([{ pull_all: { occupants_ids: [1003] } }])
  expect([...(await emulatorDialog(dialog._id))!.occupants_ids].sort()).toEqual([1001, 1002, 1004])
  // The shortcuts are listed in the help sheet.
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog').getByText('Select or unselect the member')).toBeVisible()
})
