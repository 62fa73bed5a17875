import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { activityEntries, emulatorDialog, emulatorDialogs, emulatorUser, expect, selectOption, signInQuickly, test } from './fixtures'

const CREATOR = 1001

/** Records POST bodies to /chat/Dialog.json. */
function recordPosts(page: Page) {
  const bodies: unknown[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/chat/Dialog.json'))
      bodies.push(request.postDataJSON())
  })
  return bodies
}

async function pick(page: Page, label: string, userId: number) {
  const input = page.getByLabel(label, { exact: true })
  await input.click()
  await input.fill(String(userId))
  await selectOption(page, `#${userId}`).click()
}

/** The dialog the app opened after creating it, as the emulator holds it. */
async function openedDialog(page: Page): Promise<Dialog> {
  await expect(page).toHaveURL(/\/dialogs\/[0-9a-f]{24}$/)
  const id = page.url().split('/').pop()!
  return (await emulatorDialog(id))!
}

test('create a group with occupants, admins, join required and custom data', async ({ page }) => {
  await signInQuickly(page, CREATOR)
  await page.goto('/dialogs')
  await page.getByRole('button', { name: 'New dialog' }).click()
  await expect(page).toHaveURL(/\/dialogs\/new$/)
  // naive-ui draws its own radio over a hidden native one: click the option's text.
  await page.getByText('Only the people you add can chat.').click()
  await expect(page.getByRole('radio', { name: /Group/ })).toBeChecked()
  await expect(page).toHaveURL(/type=group/)
  const name = `Created group ${Date.now()}`
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Photo', { exact: true }).fill('68123')
  await pick(page, 'Add a member', 1002)
  // Pasted: an ID and a login.
  const login = (await emulatorUser(1004)).login!
  await page.getByRole('button', { name: 'Paste a list…' }).first().click()
  await page.getByLabel('Add a member: paste IDs, logins or emails').fill(`1003, ${login}`)
  await page.getByRole('button', { name: 'Add to list' }).click()
  await expect(page.getByRole('list', { name: 'Add a member: chosen' }).getByRole('listitem')).toHaveCount(3)
  await pick(page, 'Add an admin', 1005)
  await page.getByRole('switch', { name: 'Join required' }).click()
  await page.getByRole('button', { name: 'Add custom data' }).click()
  await page.getByLabel('Class name').fill('ScoreTable')
  await page.getByLabel('Field 1 name').fill('game_mode_name')
  await page.getByLabel('Field 1 value').fill('rainbow dash')
  const posts = recordPosts(page)
  await page.getByRole('button', { name: 'Create dialog' }).click()

  const dialog = await openedDialog(page)
  await expect(page.getByRole('heading', { name })).toBeVisible()
  expect(posts).toEqual([{
    type: 2,
    name,
    photo: '68123',
    occupants_ids: '1002,1003,1004',
    admin_ids: '1005',
    is_join_required: 1,
    data: { class_name: 'ScoreTable', game_mode_name: 'rainbow dash' },
  }])
  expect(dialog).toMatchObject({ type: 2, name, photo: '68123', user_id: CREATOR, admin_ids: [1005], is_join_required: 1 })
  expect([...dialog.occupants_ids].sort()).toEqual([1001, 1002, 1003, 1004, 1005])
  expect(dialog.data).toMatchObject({ class_name: 'ScoreTable', game_mode_name: 'rainbow dash' })
  const entry = (await activityEntries(page)).find(e => e.action === 'dialog.create')!
  expect(entry).toMatchObject({ result: 'success', actingAs: { userId: CREATOR }, request: { method: 'POST', body: posts[0] }, after: { _id: dialog._id } })
})

test('create a public dialog with admins: no occupants, no join required', async ({ page }) => {
  await signInQuickly(page, CREATOR)
  await page.goto('/dialogs/new?type=public')
  await expect(page.getByText('Public dialogs have no member list')).toBeVisible()
  await expect(page.getByLabel('Add a member', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('switch', { name: 'Join required' })).toHaveCount(0)
  const name = `Created public ${Date.now()}`
  await page.getByLabel('Name', { exact: true }).fill(name)
  await pick(page, 'Add an admin', 1006)
  await page.getByLabel('Name', { exact: true }).press('Enter')
  const dialog = await openedDialog(page)
  expect(dialog).toMatchObject({ type: 1, name, user_id: CREATOR, admin_ids: [1006], occupants_ids: [] })
})

test('create a private dialog: one other person, nothing else', async ({ page }) => {
  await signInQuickly(page, 1020)
  await page.goto('/dialogs/new?type=private')
  await expect(page.getByLabel('Name', { exact: true })).toHaveCount(0)
  await expect(page.getByLabel('Add an admin', { exact: true })).toHaveCount(0)
  const posts = recordPosts(page)
  // Missing opponent: said in plain words, nothing sent.
  await page.getByRole('button', { name: 'Create dialog' }).click()
  await expect(page.getByText('Pick the other person for this private dialog.')).toBeVisible()
  expect(posts).toEqual([])
  await pick(page, 'Other person', 1021)
  await page.getByRole('button', { name: 'Create dialog' }).click()
  const dialog = await openedDialog(page)
  expect(posts).toEqual([{ type: 3, occupants_ids: '1021' }])
  expect(dialog.type).toBe(3)
  expect([...dialog.occupants_ids].sort()).toEqual([1020, 1021])
})

test('as the account owner, the page explains that a user creates the dialog', async ({ page }) => {
  await signInQuickly(page, null)
  await page.goto('/dialogs/new?type=group')
  await expect(page.getByText('A dialog is created by a user')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create dialog' })).toBeDisabled()
  await pick(page, 'Create as', 1007)
  await expect(page.getByText(/^Created as/)).toContainText('#1007')
  await expect(page.getByRole('button', { name: 'Create dialog' })).toBeEnabled()
})

test('documented errors in plain words: unknown admins (from the server), bad IDs, bad type, long name', async ({ page }) => {
  await signInQuickly(page, CREATOR)
  await page.goto('/dialogs/new?type=7')
  await expect(page.getByText('The link named an unknown dialog type. Choose one.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create dialog' })).toBeDisabled()
  await page.getByText('Every user of the application can join.').click()

  await page.getByLabel('Name', { exact: true }).fill('y'.repeat(201))
  await page.getByRole('button', { name: 'Create dialog' }).click()
  await expect(page.getByText('Names can be at most 200 characters (this one has 201).')).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill(`Unknown admins ${Date.now()}`)

  await page.getByRole('button', { name: 'Paste a list…' }).click()
  const paste = page.getByLabel('Add an admin: paste IDs, logins or emails')
  await paste.fill('99999, 12ab!')
  await page.getByRole('button', { name: 'Add to list' }).click()
  await expect(page.getByText('“12ab!”: Not an ID, email or login: contains "!".')).toBeVisible()
  await expect(page.getByText(/No user found with ID 99999/)).toBeVisible()

  const failed = page.waitForResponse(r => r.request().method() === 'POST' && r.url().endsWith('/chat/Dialog.json'))
  await page.getByRole('button', { name: 'Create dialog' }).click()
  expect((await failed).status()).toBe(404)
  await expect(page.getByText('Some of the chosen admins are not users of this application. Check the IDs.')).toBeVisible()
  await expect(page.getByText('Users with these IDs for "admin_ids" do not exist.')).toBeVisible()
  await expect(page).toHaveURL(/\/dialogs\/new/)
  const entry = (await activityEntries(page)).find(e => e.action === 'dialog.create' && e.result === 'failure')
  expect(entry).toMatchObject({ status: 404, request: { body: { admin_ids: '99999' } } })
})

test('a private dialog that already exists is opened and said to exist, not "created"', async ({ page }) => {
  const existing = (await emulatorDialogs({ type: 3, limit: 100 }, CREATOR)).items.find(d => Date.parse(d.created_at) < Date.now() - 3_600_000)
  expect(existing, 'the demo seed has an old private dialog of user 1001').toBeTruthy()
  const other = existing!.occupants_ids.find(id => id !== CREATOR)!
  await signInQuickly(page, CREATOR)
  await page.goto('/dialogs/new?type=private')
  await pick(page, 'Other person', other)
  await page.getByRole('button', { name: 'Create dialog' }).click()
  await expect(page).toHaveURL(new RegExp(`/dialogs/${existing!._id}$`))
  await expect(page.getByText(/A private dialog with .+ already existed, so it was opened; nothing new was created\./)).toBeVisible()
  await expect(page.getByText(/^Created “/)).toHaveCount(0)
})

test('at 390 px the form fits the screen and creates a group', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signInQuickly(page, CREATOR)
  await page.goto('/dialogs/new?type=group')
  const name = `Phone group ${Date.now()}`
  await page.getByLabel('Name', { exact: true }).fill(name)
  await pick(page, 'Add a member', 1002)
  await page.getByRole('button', { name: 'Add custom data' }).click()
  await page.getByLabel('Class name').fill('Ticket')
  await page.getByLabel('Field 1 name').fill('priority')
  await page.getByLabel('Field 1 value').fill('high')
  const form = page.locator('.create')
  expect(await form.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)
  for (const control of [page.getByLabel('Add a member', { exact: true }), page.getByLabel('Field 1 value'), page.getByRole('button', { name: 'Create dialog' })]) {
    const box = (await control.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    expect(box.width).toBeGreaterThan(40)
  }
  await page.getByRole('button', { name: 'Create dialog' }).click()
  const dialog = await openedDialog(page)
  expect(dialog).toMatchObject({ type: 2, name, data: { class_name: 'Ticket', priority: 'high' } })
  expect([...dialog.occupants_ids].sort()).toEqual([1001, 1002])
})
