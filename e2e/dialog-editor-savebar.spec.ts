import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { activityEntries, emulatorCreateDialog, emulatorDialog, expect, signInQuickly, test } from './fixtures'

const OWNER = 1001

let seq = 0
async function freshGroup(): Promise<Dialog> {
  seq += 1
  return emulatorCreateDialog({ type: 2, name: `Save bar ${Date.now()}-${seq}`, occupants_ids: '1002,1003', data: { class_name: 'Room', floor: '5' } }, OWNER)
}

function recordPuts(page: Page) {
  const bodies: unknown[] = []
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().includes('/chat/Dialog/'))
      bodies.push(request.postDataJSON())
  })
  return bodies
}

function saveBar(page: Page) {
  return page.getByRole('region', { name: 'Unsaved changes' })
}

async function open(page: Page, dialog: Dialog) {
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}`)
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(dialog.name!)
  await expect(saveBar(page)).toHaveCount(0)
}

for (const width of [390, 1440]) {
  test(`the save bar appears on a change with the count, on screen without scrolling, and goes after discard or save (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 })
    const dialog = await freshGroup()
    const puts = recordPuts(page)
    await open(page, dialog)

    await page.getByLabel('Name', { exact: true }).fill('Changed once')
    await expect(saveBar(page)).toContainText('1 change')
    await expect(saveBar(page)).toBeInViewport({ ratio: 1 })
    await expect(saveBar(page).getByRole('button', { name: 'Save', exact: true })).toBeInViewport({ ratio: 1 })
    await page.getByRole('switch', { name: 'Join required' }).click()
    await expect(saveBar(page)).toContainText('2 changes')
    // Scrolled to the top of the page, the bar still sits on screen.
    await page.getByRole('heading', { name: 'Summary' }).scrollIntoViewIfNeeded()
    await expect(saveBar(page)).toBeInViewport({ ratio: 1 })

    await saveBar(page).getByRole('button', { name: 'Discard' }).click()
    await expect(saveBar(page)).toHaveCount(0)
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(dialog.name!)
    await expect(page.getByRole('switch', { name: 'Join required' })).toHaveAttribute('aria-checked', 'false')
    expect(puts).toEqual([])

    await page.getByLabel('Field 1 value').fill('6')
    await expect(saveBar(page)).toContainText('1 change')
    await saveBar(page).getByRole('button', { name: 'Save', exact: true }).click()
    await expect(saveBar(page)).toHaveCount(0)
    expect(puts).toEqual([{ data: { class_name: 'Room', floor: '6' } }])
    expect((await emulatorDialog(dialog._id))!.data).toMatchObject({ floor: '6' })
  })
}

test('Ctrl/Cmd+S saves from inside a field; with nothing changed it sends nothing and keeps the browser\'s own dialog away', async ({ page }) => {
  const dialog = await freshGroup()
  const puts = recordPuts(page)
  await open(page, dialog)
  const name = page.getByLabel('Name', { exact: true })
  await name.focus()
  await page.keyboard.press('ControlOrMeta+s')
  expect(puts).toEqual([])

  await name.fill('Saved with the keyboard')
  await expect(saveBar(page)).toContainText('1 change')
  await page.keyboard.press('ControlOrMeta+s')
  await expect(saveBar(page)).toHaveCount(0)
  await expect(page.getByText('Saved: Name')).toBeVisible()
  expect(puts).toEqual([{ name: 'Saved with the keyboard' }])
  expect((await emulatorDialog(dialog._id))!.name).toBe('Saved with the keyboard')
  expect((await activityEntries(page)).filter(e => e.action === 'dialog.update')).toHaveLength(1)
})

test('the save bar is reached by Tab after the form, and Enter on Save saves', async ({ page }) => {
  const dialog = await freshGroup()
  await open(page, dialog)
  await page.getByLabel('Name', { exact: true }).fill('Saved by Tab and Enter')
  const summary = page.getByText('Show the request')
  await summary.focus()
  await page.keyboard.press('Tab')
  await expect(saveBar(page).getByRole('button', { name: 'Discard' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(saveBar(page).getByRole('button', { name: 'Save', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(saveBar(page)).toHaveCount(0)
  expect((await emulatorDialog(dialog._id))!.name).toBe('Saved by Tab and Enter')
})

test('a failed save keeps the draft and the bar; the toast after a save offers Undo, which puts it back', async ({ page }) => {
  const dialog = await freshGroup()
  await open(page, dialog)
  await page.route(`**/chat/Dialog/${dialog._id}.json`, route => route.request().method() === 'PUT'
    ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ errors: { base: ['Something is wrong with this update.'] } }) })
    : route.fallback())
  await page.getByLabel('Name', { exact: true }).fill('Refused once')
  await saveBar(page).getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'The server refused the change' })).toContainText('Something is wrong with this update.')
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Refused once')
  await expect(saveBar(page)).toContainText('1 change')
  expect((await emulatorDialog(dialog._id))!.name).toBe(dialog.name)

  await page.unroute(`**/chat/Dialog/${dialog._id}.json`)
  await saveBar(page).getByRole('button', { name: 'Save', exact: true }).click()
  const toast = page.locator('.n-notification').filter({ hasText: 'Saved: Name' })
  await expect(toast).toBeVisible()
  expect((await emulatorDialog(dialog._id))!.name).toBe('Refused once')
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(page.locator('.n-notification').filter({ hasText: 'Put back: Name' })).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(dialog.name!)
  await expect(saveBar(page)).toHaveCount(0)
  expect((await emulatorDialog(dialog._id))!.name).toBe(dialog.name)
  const updates = (await activityEntries(page)).filter(e => e.action === 'dialog.update' && e.result === 'success')
  expect(updates.map(e => (e.request as { body: unknown }).body)).toEqual([{ name: 'Refused once' }, { name: dialog.name }])
})
