import type { Page } from '@playwright/test'
import { emulatorCreateDialog, emulatorDialog, expect, signInQuickly, test } from './fixtures'

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true })

function row(page: Page, userId: number) {
  return page.locator(`[role="row"][data-user-id="${userId}"]`)
}

/** Whether the whole element lies inside the 390 px wide screen. */
async function withinScreen(selector: ReturnType<Page['locator']>) {
  const box = (await selector.boundingBox())!
  return box.x >= 0 && box.x + box.width <= 390
}

test('at 390 px each member is a card with the name first and every action on screen, usable by touch', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: `Phone members ${Date.now()}`, occupants_ids: [1002, 1003, 1004, 1005], admin_ids: [1003] }, 1001)
  await signInQuickly(page, null)
  await page.goto(`/dialogs/${dialog._id}/members`)
  await expect(row(page, 1004)).toContainText('Dmitri Martin')
  await expect(row(page, 1004)).toContainText('Member')
  await expect(row(page, 1003)).toContainText('Admin')

  // Three columns: the box, who (name over role and ID), the actions; nothing runs off the screen.
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('columnheader')).toHaveText(['', 'Member', 'Actions'])
  const members = page.locator('.members')
  expect(await members.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)
  for (const control of [
    row(page, 1004).getByRole('checkbox'),
    row(page, 1004).getByRole('button', { name: 'Make admin: Dmitri Martin' }),
    row(page, 1004).getByRole('button', { name: 'Remove Dmitri Martin' }),
    page.getByRole('button', { name: 'Paste a list…' }),
  ]) {
    await expect(control).toBeVisible()
    expect(await withinScreen(control)).toBe(true)
    const box = (await control.boundingBox())!
    expect(box.height).toBeGreaterThanOrEqual(22)
  }

  await row(page, 1004).getByRole('button', { name: 'Make admin: Dmitri Martin' }).tap()
  await expect(row(page, 1004)).toContainText('Admin')
  expect((await emulatorDialog(dialog._id))!.admin_ids.sort()).toEqual([1003, 1004])

  await row(page, 1005).getByRole('checkbox').tap()
  await row(page, 1002).getByRole('checkbox').tap()
  const bar = page.getByRole('toolbar', { name: 'Selected members' })
  await expect(bar).toContainText('2 selected')
  expect(await withinScreen(bar.getByRole('button', { name: 'Remove 2' }))).toBe(true)
  await bar.getByRole('button', { name: 'Remove 2' }).tap()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove 2 people' }).tap()
  await expect(row(page, 1005)).toHaveCount(0)
  await expect(row(page, 1002)).toHaveCount(0)
  expect([...(await emulatorDialog(dialog._id))!.occupants_ids].sort()).toEqual([1001, 1003, 1004])
})
