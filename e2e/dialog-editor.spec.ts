import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { activityEntries, emulatorCreateDialog, emulatorDialog, emulatorSend, emulatorUser, expect, selectOption, signInQuickly, test } from './fixtures'

const OWNER = 1001

let seq = 0
/** A fresh group dialog of the test's own, owned by OWNER. */
async function freshGroup(extra: Record<string, unknown> = {}): Promise<Dialog> {
  seq += 1
  return emulatorCreateDialog({ type: 2, name: `Editor test ${Date.now()}-${seq}`, occupants_ids: '1002,1003,1004', ...extra }, OWNER)
}

/** Watches the PUT requests the app sends to a dialog. */
function recordPuts(page: Page) {
  const bodies: unknown[] = []
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().includes('/chat/Dialog/'))
      bodies.push(request.postDataJSON())
  })
  return bodies
}

async function openOverview(page: Page, dialog: Dialog, actingUserId: number | null = OWNER) {
  await signInQuickly(page, actingUserId)
  await page.goto(`/dialogs/${dialog._id}`)
  await expect(page.getByRole('heading', { name: dialog.name! })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()
  await expect(saveBar(page)).toHaveCount(0)
}

/** The sticky bar that appears while there are unsaved changes. */
function saveBar(page: Page) {
  return page.getByRole('region', { name: 'Unsaved changes' })
}

async function save(page: Page) {
  await saveBar(page).getByRole('button', { name: 'Save', exact: true }).click()
}

/** Saved: the bar is gone. */
async function expectSaved(page: Page) {
  await expect(saveBar(page)).toHaveCount(0)
}

function nameInput(page: Page) {
  return page.getByLabel('Name', { exact: true })
}

test('rename: only the name is sent, once; the emulator and the activity log have it', async ({ page }) => {
  const dialog = await freshGroup()
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  await expect(page.getByText(`${[...dialog.name!].length} / 200`)).toBeVisible()
  await nameInput(page).fill('Renamed by the editor')
  await expect(page.getByText('21 / 200')).toBeVisible()
  await expect(page.getByLabel('Request body')).toContainText('"name": "Renamed by the editor"')
  await save(page)
  await expect(page.getByText(/^Saved: Name/)).toBeVisible()
  await expectSaved(page)
  expect(puts).toEqual([{ name: 'Renamed by the editor' }])
  expect((await emulatorDialog(dialog._id))!.name).toBe('Renamed by the editor')
  const entry = (await activityEntries(page)).find(e => e.action === 'dialog.update')!
  expect(entry).toMatchObject({
    result: 'success',
    target: { kind: 'dialog', id: dialog._id },
    request: { method: 'PUT', body: { name: 'Renamed by the editor' } },
    before: { name: dialog.name },
    after: { name: 'Renamed by the editor' },
  })
  // And on the Activity screen.
  await page.getByRole('link', { name: 'Activity' }).click()
  await expect(page.getByRole('table').locator('tbody tr').filter({ hasText: `Updated “${dialog.name}”: Name` }).first()).toBeVisible()
})

test('a name over 200 characters is refused before sending; Enter submits', async ({ page }) => {
  const dialog = await freshGroup()
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  await nameInput(page).fill('x'.repeat(201))
  await expect(page.getByText('201 / 200')).toBeVisible()
  await nameInput(page).press('Enter')
  await expect(page.getByText('Names can be at most 200 characters (this one has 201).')).toBeVisible()
  expect(puts).toEqual([])
})

test('photo: a link shows a preview and is saved; a file ID is accepted too', async ({ page }) => {
  const dialog = await freshGroup()
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  const url = new URL('/favicon.svg', page.url()).href
  await page.getByLabel('Photo', { exact: true }).fill(url)
  await expect(page.getByRole('img', { name: 'Photo preview' })).toHaveAttribute('referrerpolicy', 'no-referrer')
  await save(page)
  await expectSaved(page)
  await page.getByLabel('Photo', { exact: true }).fill('not a photo')
  await expect(page.getByText('Use a file ID (digits only) or a link starting with http:// or https://.')).toBeVisible()
  await page.getByLabel('Photo', { exact: true }).fill('67834')
  await expect(page.getByText('A QuickBlox content file ID: no preview here.')).toBeVisible()
  await save(page)
  await expectSaved(page)
  expect(puts).toEqual([{ photo: url }, { photo: '67834' }])
  expect((await emulatorDialog(dialog._id))!.photo).toBe('67834')
})

test('custom data: add, edit and remove fields; the preview is exactly what is sent', async ({ page }) => {
  const dialog = await freshGroup({ data: { class_name: 'CoolDialog', category: 'co-workers', floor: '5' } })
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  await page.getByLabel('Field 2 value').fill('6')
  await page.getByRole('button', { name: 'Remove field category' }).click()
  await page.getByRole('button', { name: 'Add field' }).click()
  await page.getByLabel('Field 2 name').fill('is_intern')
  await page.getByLabel('Field 2 value').fill('true')
  const preview = await page.getByLabel('Request body').textContent()
  const shown = JSON.parse(preview!.slice(preview!.indexOf('\n') + 1))
  expect(shown).toEqual({ data: { class_name: 'CoolDialog', floor: '6', is_intern: 'true', category: null } })
  await save(page)
  await expectSaved(page)
  expect(puts).toEqual([shown])
  // The emulator keeps a cleared field as null (merge semantics); null counts as removed.
  const stored = Object.fromEntries(Object.entries((await emulatorDialog(dialog._id))!.data!).filter(([, v]) => v !== null))
  expect(stored).toEqual({ class_name: 'CoolDialog', floor: '6', is_intern: 'true' })

  // A bad field name is caught next to the field.
  await page.getByRole('button', { name: 'Add field' }).click()
  await page.getByLabel('Field 3 name').fill('bad name!')
  await page.getByLabel('Field 3 value').fill('x')
  await expect(page.getByText('Field names use only letters, digits, _ and - (at most 64).')).toBeVisible()
})

test('join required: the owner switches it; the emulator stores it', async ({ page }) => {
  const dialog = await freshGroup()
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  await page.getByRole('switch', { name: 'Join required' }).click()
  await expect(page.getByText(/must join the chat room/)).toBeVisible()
  await save(page)
  await expectSaved(page)
  expect(puts).toEqual([{ is_join_required: 1 }])
  expect((await emulatorDialog(dialog._id))!.is_join_required).toBe(1)
})

test('owner change: a confirmation names both people, then one PUT with user_id', async ({ page }) => {
  const dialog = await freshGroup()
  const [oldOwner, newOwner] = [await emulatorUser(OWNER), await emulatorUser(1003)]
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  const picker = page.getByLabel('New owner')
  await picker.click()
  await picker.fill(String(newOwner.id))
  await selectOption(page, `#${newOwner.id}`).click()
  await save(page)
  const confirm = page.getByRole('dialog').filter({ hasText: 'Change the owner?' })
  await expect(confirm).toContainText(`${newOwner.full_name} (#${newOwner.id})`)
  await expect(confirm).toContainText(`${oldOwner.full_name} (#${oldOwner.id})`)
  await confirm.getByRole('button', { name: 'Change owner' }).click()
  await expectSaved(page)
  expect(puts).toEqual([{ user_id: newOwner.id }])
  expect((await emulatorDialog(dialog._id))!.user_id).toBe(newOwner.id)
  // The old owner now lacks the owner's rights: the page says so.
  await expect(page.getByText("Only the account owner or the dialog's current owner can change the owner.")).toBeVisible()
})

test('permissions follow the acting user, in words, and switch with the header', async ({ page }) => {
  const dialog = await freshGroup()
  const occupant = 1004
  await openOverview(page, dialog, occupant)
  await expect(nameInput(page)).toBeDisabled()
  await expect(page.getByText("Only the dialog's owner or an admin can rename this dialog.")).toBeVisible()
  await expect(page.getByRole('switch', { name: 'Join required' })).toBeDisabled()
  await expect(page.getByText('Only the account owner or the dialog\'s owner can change "Join required".')).toBeVisible()
  // Occupants may still change custom data.
  await expect(page.getByRole('button', { name: 'Add custom data' })).toBeEnabled()

  const acting = page.getByLabel('Acting as')
  await acting.click()
  await acting.fill(String(OWNER))
  await selectOption(page, `#${OWNER}`).click()
  await expect(nameInput(page)).toBeEnabled()
  await expect(page.getByRole('switch', { name: 'Join required' })).toBeEnabled()
})

test('a refusal from the server shows above the form and keeps the draft', async ({ page }) => {
  const admin = 1002
  const dialog = await freshGroup({ admin_ids: String(admin) })
  await openOverview(page, dialog, admin)
  await nameInput(page).fill('Renamed by an admin')
  // Behind the page's back, the owner takes the admin role away.
  await emulatorSend('PUT', `/chat/Dialog/${dialog._id}.json`, { pull_all: { admin_ids: [admin] } }, OWNER)
  await save(page)
  const warning = page.getByRole('alert').filter({ hasText: 'Someone changed this dialog since you opened it' })
  await expect(warning.getByRole('row', { name: /Admins/ })).toBeVisible()
  await warning.getByRole('button', { name: 'Overwrite' }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'The server refused the change' })
  await expect(refusal).toContainText("The acting user isn't allowed to do this.")
  await expect(refusal).toContainText("You don't have appropriate permissions to perform this operation")
  await expect(nameInput(page)).toHaveValue('Renamed by an admin')
  // The page now shows where the acting user stands: no longer an admin.
  await expect(nameInput(page)).toBeDisabled()
  await expect(page.getByText("Only the dialog's owner or an admin can rename this dialog.").first()).toBeVisible()
  await expect(page.getByText("The acting user can't save all of this")).toBeVisible()
  await expect(saveBar(page).getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
  await expect(saveBar(page)).toContainText('Not allowed for the acting user')
  expect((await emulatorDialog(dialog._id))!.name).toBe(dialog.name)
  const failed = (await activityEntries(page)).find(e => e.action === 'dialog.update')!
  expect(failed).toMatchObject({ result: 'failure', status: 403, request: { body: { name: 'Renamed by an admin' } } })
})

test('conflict: a change made elsewhere is shown; reload keeps my edit on top', async ({ page }) => {
  const dialog = await freshGroup({ data: { class_name: 'CoolDialog', floor: '5' } })
  await openOverview(page, dialog)
  const puts = recordPuts(page)
  await nameInput(page).fill('My new name')
  await emulatorSend('PUT', `/chat/Dialog/${dialog._id}.json`, { name: 'Their new name', photo: '555' }, OWNER)
  await save(page)
  const warning = page.getByRole('alert').filter({ hasText: 'Someone changed this dialog since you opened it' })
  await expect(warning.getByRole('row', { name: /Name/ })).toContainText('Their new name')
  await expect(warning.getByRole('row', { name: /Name/ })).toContainText('changed by you too')
  await expect(warning.getByRole('row', { name: /Photo/ })).toContainText('555')
  expect(puts).toEqual([])
  await warning.getByRole('button', { name: 'Reload, keep my changes' }).click()
  await expect(nameInput(page)).toHaveValue('My new name')
  await expect(page.getByLabel('Photo', { exact: true })).toHaveValue('555')
  await save(page)
  await expectSaved(page)
  expect(puts).toEqual([{ name: 'My new name' }])
  expect(await emulatorDialog(dialog._id)).toMatchObject({ name: 'My new name', photo: '555' })
})

test('leaving with unsaved changes asks first (tabs, links and closing the tab)', async ({ page }) => {
  const dialog = await freshGroup()
  await openOverview(page, dialog)
  await nameInput(page).fill('Unsaved name')
  await page.getByRole('link', { name: /^Members/ }).click()
  const ask = page.getByRole('dialog').filter({ hasText: 'Leave without saving?' })
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Cancel' }).click()
  await expect(nameInput(page)).toHaveValue('Unsaved name')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}$`))

  await page.getByRole('link', { name: '← Back to dialogs' }).click()
  await ask.getByRole('button', { name: 'Leave and discard' }).click()
  await expect(page).toHaveURL(/\/dialogs(\?|$)/)
  expect((await emulatorDialog(dialog._id))!.name).toBe(dialog.name)

  // Closing the tab with changes: the browser's own question.
  await page.goBack()
  await nameInput(page).fill('Unsaved again')
  const prompted = new Promise<string>(resolve => page.once('dialog', (d) => {
    resolve(d.type())
    void d.dismiss()
  }))
  await page.close({ runBeforeUnload: true })
  expect(await prompted).toBe('beforeunload')
})

test('a refusal about one setting shows next to it ("join required" after losing ownership)', async ({ page }) => {
  const dialog = await freshGroup()
  await openOverview(page, dialog)
  await page.getByRole('switch', { name: 'Join required' }).click()
  // Behind the page's back the dialog gets another owner.
  await emulatorSend('PUT', `/chat/Dialog/${dialog._id}.json`, { user_id: 1002 }, OWNER)
  await save(page)
  await page.getByRole('alert').filter({ hasText: 'Someone changed this dialog' }).getByRole('button', { name: 'Overwrite' }).click()
  const field = page.locator('.n-form-item').filter({ hasText: 'Join required' })
  await expect(field).toContainText('Only the account owner or the dialog\'s owner can change "Join required". (Server: “You do not have permission to modify the "is_join_required" parameter.”)')
  await expect(page.getByRole('switch', { name: 'Join required' })).toHaveAttribute('aria-checked', 'true')
  expect((await emulatorDialog(dialog._id))!.is_join_required).toBe(0)
})
