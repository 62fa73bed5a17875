import type { Locator, Page, Request } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { activityEntries, emulatorCreateDialog, emulatorDialog, expect, selectOption, signInQuickly, test } from './fixtures'

// Seed users (emulator/seed.ts): 1001 Alice Martin (alice.martin), 1002 Bob Martin, 1003 Carmen
// Martin, 1004 Dmitri Martin, 1005 Elena Martin, 1006 Farid Martin, 1007 Grace Martin, 1008 Hiro
// Martin, 1009 Ines Martin, 1010 Jonas Martin … emails are `login@example.com`.
// Every test makes its own dialog, so the tests never depend on each other.

const OWNER = 1001

async function groupDialog(name: string, occupants: number[], admins: number[] = [], owner = OWNER): Promise<Dialog> {
  return emulatorCreateDialog({ type: 2, name, occupants_ids: occupants, admin_ids: admins }, owner)
}

/** Every PUT of a dialog the page sends, with its JSON body. */
function recordPuts(page: Page) {
  const puts: { url: string, body: unknown }[] = []
  page.on('request', (request: Request) => {
    if (request.method() === 'PUT' && request.url().includes('/chat/Dialog/'))
      puts.push({ url: request.url(), body: request.postDataJSON() })
  })
  return puts
}

function userLookups(page: Page) {
  const urls: string[] = []
  page.on('request', (request: Request) => {
    if (request.method() === 'GET' && /\/users(\.json|\/by_)/.test(request.url()))
      urls.push(request.url())
  })
  return urls
}

async function openMembers(page: Page, dialog: Dialog, actingUserId: number | null = null) {
  await signInQuickly(page, actingUserId)
  await page.goto(`/dialogs/${dialog._id}/members`)
  await expect(page.getByRole('heading', { name: dialog.name! })).toBeVisible()
  // Names resolved: the owner's row shows a name, not an ID.
  await expect(row(page, dialog.user_id)).toContainText('Martin')
}

/** A multiple select shows its input only once focused: click the box around it. */
async function openPicker(page: Page, input: Locator) {
  await page.locator('.n-base-selection', { has: input }).click()
  await expect(input).toBeFocused()
}

function row(page: Page, userId: number) {
  return page.locator(`[role="row"][data-user-id="${userId}"]`)
}

async function occupantsOf(id: string) {
  const dialog = await emulatorDialog(id)
  return { occupants: [...dialog!.occupants_ids].sort(), admins: [...dialog!.admin_ids].sort() }
}

async function confirm(page: Page, button: string | RegExp) {
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: button }).click()
  await expect(dialog).toBeHidden()
}

test('adds several people found by name and by ID in one push_all', async ({ page }) => {
  const dialog = await groupDialog('Members: add by search', [1002, 1003])
  const puts = recordPuts(page)
  await openMembers(page, dialog)

  const picker = page.getByLabel('People to add')
  await openPicker(page, picker)
  await picker.fill('Elena')
  await selectOption(page, '#1005').click()
  await picker.fill('1006')
  await selectOption(page, '#1006').click()
  // Someone already in shows as such and can't be picked.
  await picker.fill('carmen.martin')
  await expect(selectOption(page, /#1003.*already a member/)).toBeVisible()
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Add 2' }).click()
  await expect(page.locator('.n-notification')).toContainText('Added 2 people')
  await expect(row(page, 1005)).toContainText('Elena Martin')
  await expect(row(page, 1006)).toContainText('Member')
  expect(puts).toEqual([{ url: expect.stringContaining(dialog._id), body: { push_all: { occupants_ids: [1005, 1006] } } }])
  expect((await occupantsOf(dialog._id)).occupants).toEqual([1001, 1002, 1003, 1005, 1006])

  const entries = await activityEntries(page)
  expect(entries.at(-1)).toMatchObject({ action: 'dialog.occupants.add', result: 'success', request: { method: 'PUT', body: { push_all: { occupants_ids: [1005, 1006] } } } })
})

test('a pasted list shows a dry run, then adds in one push_all', async ({ page }) => {
  const dialog = await groupDialog('Members: paste', [1002, 1003])
  const puts = recordPuts(page)
  await openMembers(page, dialog)
  const lookups = userLookups(page)

  await page.getByRole('button', { name: 'Paste a list…' }).click()
  const modal = page.getByRole('dialog', { name: 'Paste a list of people' })
  await modal.getByLabel('List of IDs, logins or emails').fill(
    '1007, alice.martin; hiro.martin@example.com\n1007 ines.martin nobody.here 999999 12ab! ghost@example.com 0 1008',
  )
  await modal.getByRole('button', { name: 'Check list' }).click()

  const dry = modal.getByRole('region', { name: 'Dry run' })
  await expect(dry.getByRole('group', { name: 'Will be added: 3' })).toContainText('Grace Martin')
  await expect(dry.getByRole('group', { name: 'Will be added: 3' })).toContainText('Hiro Martin')
  await expect(dry.getByRole('group', { name: 'Will be added: 3' })).toContainText('Ines Martin')
  await expect(dry.getByRole('group', { name: 'Already members: 1' })).toContainText('alice.martin')
  const twice = dry.getByRole('group', { name: 'Listed more than once: 2' })
  await expect(twice).toContainText('typed 2 times')
  await expect(twice).toContainText('same person as another entry: Hiro Martin')
  const notFound = dry.getByRole('group', { name: 'Not found: 3' })
  for (const raw of ['nobody.here', '999999', 'ghost@example.com'])
    await expect(notFound).toContainText(raw)
  const invalid = dry.getByRole('group', { name: 'Invalid: 2' })
  await expect(invalid).toContainText('12ab!')
  await expect(invalid).toContainText('User IDs start at 1.')
  // One request per kind at most: IDs, logins, emails.
  expect(lookups.length).toBeLessThanOrEqual(3)
  expect(puts).toHaveLength(0)

  await modal.getByRole('button', { name: 'Add 3 people' }).click()
  await expect(modal).toBeHidden()
  await expect(page.locator('.n-notification')).toContainText('Added 3 people from the list')
  expect(puts).toEqual([{ url: expect.stringContaining(dialog._id), body: { push_all: { occupants_ids: [1007, 1008, 1009] } } }])
  expect((await occupantsOf(dialog._id)).occupants).toEqual([1001, 1002, 1003, 1007, 1008, 1009])
})

test('removes one, then several in one pull_all, and undo puts them back with their admin role', async ({ page }) => {
  const dialog = await groupDialog('Members: remove', [1002, 1003, 1004, 1005, 1006], [1003])
  const puts = recordPuts(page)
  await openMembers(page, dialog)

  await page.getByRole('button', { name: 'Remove Bob Martin' }).click()
  await expect(page.getByRole('dialog')).toContainText('Bob Martin will leave')
  await confirm(page, 'Remove 1 person')
  await expect(row(page, 1002)).toHaveCount(0)
  expect(puts.at(-1)!.body).toEqual({ pull_all: { occupants_ids: [1002] } })
  expect((await occupantsOf(dialog._id)).occupants).toEqual([1001, 1003, 1004, 1005, 1006])

  for (const id of [1003, 1004, 1005])
    await row(page, id).getByRole('checkbox').click()
  await expect(page.getByText('3 selected')).toBeVisible()
  await page.getByRole('toolbar', { name: 'Selected members' }).getByRole('button', { name: 'Remove 3' }).click()
  await expect(page.getByRole('dialog')).toContainText('of them is an admin and will lose that role too')
  await confirm(page, 'Remove 3 people')
  const note = page.locator('.n-notification', { hasText: 'Removed 3 people' })
  await expect(note).toBeVisible()
  expect(puts).toHaveLength(2)
  expect(puts[1]!.body).toEqual({ pull_all: { occupants_ids: [1003, 1004, 1005] } })
  expect(await occupantsOf(dialog._id)).toEqual({ occupants: [1001, 1006], admins: [] })

  await note.getByRole('button', { name: 'Undo' }).click()
  await expect(page.locator('.n-notification', { hasText: 'Put back 3 people' })).toContainText('admin role restored too')
  expect(puts).toHaveLength(3)
  expect(puts[2]!.body).toEqual({ push_all: { occupants_ids: [1003, 1004, 1005], admin_ids: [1003] } })
  expect(await occupantsOf(dialog._id)).toEqual({ occupants: [1001, 1003, 1004, 1005, 1006], admins: [1003] })
  await expect(row(page, 1003)).toContainText('Admin')

  const entries = await activityEntries(page)
  expect(entries.slice(-3).map(e => e.action)).toEqual(['dialog.occupants.remove', 'dialog.occupants.remove', 'dialog.occupants.add'])
})

test('promotes and demotes admins; a new admin from outside joins the occupants too', async ({ page }) => {
  const dialog = await groupDialog('Members: admins', [1002, 1003, 1004], [1003])
  const puts = recordPuts(page)
  await openMembers(page, dialog, OWNER)

  await page.getByRole('button', { name: 'Make admin: Dmitri Martin' }).click()
  await expect(row(page, 1004)).toContainText('Admin')
  expect(puts.at(-1)!.body).toEqual({ push_all: { admin_ids: [1004] } })

  // The owner can give the role back, so there is no question first: the toast offers Undo.
  await page.getByRole('button', { name: 'Remove admin role of Carmen Martin' }).click()
  await expect(row(page, 1003)).toContainText('Member')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  expect(puts.at(-1)!.body).toEqual({ pull_all: { admin_ids: [1003] } })
  expect(await occupantsOf(dialog._id)).toEqual({ occupants: [1001, 1002, 1003, 1004], admins: [1004] })
  const demoted = page.locator('.n-notification', { hasText: 'Removed the admin role of 1 person' })
  await demoted.getByRole('button', { name: 'Undo' }).click()
  await expect(row(page, 1003)).toContainText('Admin')
  expect(puts.at(-1)!.body).toEqual({ push_all: { admin_ids: [1003] } })
  expect((await occupantsOf(dialog._id)).admins).toEqual([1003, 1004])
  await page.getByRole('button', { name: 'Remove admin role of Carmen Martin' }).click()
  await expect(row(page, 1003)).toContainText('Member')

  await page.getByRole('radio', { name: 'Admins' }).check({ force: true })
  await expect(page.getByText('People who are not in the dialog yet join it as members too')).toBeVisible()
  const picker = page.getByLabel('Admins to add')
  await openPicker(page, picker)
  await picker.fill('1010')
  await selectOption(page, '#1010').click()
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Make admin 1' }).click()
  await expect(page.locator('.n-notification', { hasText: 'Jonas Martin' })).toContainText('Made 1 admin')
  await expect(page.locator('.n-notification', { hasText: 'Jonas Martin' })).toContainText('joined it as members too')
  expect(puts.at(-1)!.body).toEqual({ push_all: { admin_ids: [1010] } })
  expect(puts).toHaveLength(5)
  expect(await occupantsOf(dialog._id)).toEqual({ occupants: [1001, 1002, 1003, 1004, 1010], admins: [1004, 1010] })
  await expect(row(page, 1010)).toContainText('Admin')
})

test.describe('permission rules, seen from each role', () => {
  const actions = (page: Page, name: string) => ({
    remove: page.getByRole('button', { name: `Remove ${name}`, exact: true }),
    makeAdmin: page.getByRole('button', { name: `Make admin: ${name}` }),
    removeAdmin: page.getByRole('button', { name: `Remove admin role of ${name}` }),
  })

  test('an occupant adds others, removes only themselves and changes no admins', async ({ page }) => {
    const dialog = await groupDialog('Members: as occupant', [1002, 1003, 1004], [1002])
    const puts = recordPuts(page)
    await openMembers(page, dialog, 1003)
    const rules = page.getByRole('region', { name: 'What you can do here' })
    await expect(rules).toContainText('Acting as Carmen Martin (#1003): member of this dialog')
    await expect(rules).toContainText('You can add other people (not yourself).')
    await expect(rules).toContainText('You can remove only yourself')
    await expect(rules).toContainText('Only the dialog\'s owner can add admins.')

    await expect(actions(page, 'Dmitri Martin').remove).toBeDisabled()
    await expect(actions(page, 'Dmitri Martin').makeAdmin).toBeDisabled()
    await expect(actions(page, 'Bob Martin').removeAdmin).toBeDisabled()
    // The reason is the button's description: a tooltip on hover, read out by screen readers.
    await expect(actions(page, 'Dmitri Martin').remove).toHaveAccessibleDescription(/Members who are not admins can only remove themselves/)

    await page.getByRole('radio', { name: 'Admins' }).check({ force: true })
    await expect(page.getByRole('note')).toHaveText('Only the dialog\'s owner can add admins.')
    await expect(page.getByLabel('Admins to add')).toBeDisabled()
    await page.getByRole('radio', { name: 'Members' }).check({ force: true })

    // Selecting others and yourself: only you can be removed, and the page says why.
    await row(page, 1004).getByRole('checkbox').click()
    await row(page, 1003).getByRole('checkbox').click()
    await expect(page.getByRole('list', { name: 'Why some selected members are left out' })).toContainText('Remove — 1 selected person: Members who are not admins can only remove themselves')
    await expect(page.getByRole('toolbar', { name: 'Selected members' }).getByRole('button', { name: 'Remove 1' })).toBeEnabled()
    expect(puts).toHaveLength(0)

    await page.getByRole('button', { name: 'Leave the dialog: Carmen Martin', exact: true }).click()
    await confirm(page, 'Remove 1 person')
    await expect(page.locator('.n-notification', { hasText: 'Removed 1 person' })).toContainText('Undo isn\'t possible here')
    expect(puts).toHaveLength(1)
    expect((await occupantsOf(dialog._id)).occupants).toEqual([1001, 1002, 1004])
  })

  test('an admin removes anyone but the owner and can only give up their own admin role', async ({ page }) => {
    const dialog = await groupDialog('Members: as admin', [1002, 1003, 1004, 1005], [1002, 1005])
    await openMembers(page, dialog, 1002)
    await expect(page.getByRole('region', { name: 'What you can do here' })).toContainText('You can only give up your own admin role')
    await expect(actions(page, 'Dmitri Martin').remove).toBeEnabled()
    await expect(actions(page, 'Elena Martin').remove).toBeEnabled()
    await expect(page.getByRole('button', { name: 'Remove Alice Martin', exact: true })).toHaveCount(0)
    await expect(row(page, OWNER).getByRole('checkbox')).toBeDisabled()
    await expect(actions(page, 'Dmitri Martin').makeAdmin).toBeDisabled()
    await expect(actions(page, 'Elena Martin').removeAdmin).toBeDisabled()
    await expect(actions(page, 'Bob Martin').removeAdmin).toBeEnabled()

    await actions(page, 'Bob Martin').removeAdmin.click()
    await expect(page.getByRole('dialog')).toContainText('only the owner can make you an admin again')
    await confirm(page, 'Remove admin role')
    await expect(row(page, 1002)).toContainText('Member')
    expect((await occupantsOf(dialog._id)).admins).toEqual([1005])
  })

  test('the owner may do everything except remove themselves; a 403 is still shown in plain words', async ({ page }) => {
    const dialog = await groupDialog('Members: as owner', [1002, 1003], [1002])
    await openMembers(page, dialog, OWNER)
    await expect(page.getByRole('region', { name: 'What you can do here' })).toContainText('You can make members admins and take the admin role away.')
    await expect(actions(page, 'Carmen Martin').remove).toBeEnabled()
    await expect(actions(page, 'Carmen Martin').makeAdmin).toBeEnabled()
    await expect(actions(page, 'Bob Martin').removeAdmin).toBeEnabled()
    await expect(row(page, OWNER).getByRole('button')).toHaveCount(0)

    // The server disagrees with the rules (a real server's own policy): its words are shown.
    await page.route(`**/chat/Dialog/${dialog._id}.json`, route => route.request().method() === 'PUT'
      ? route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ errors: ['You don\'t have appropriate permissions to modify or delete "admin_ids". '] }) })
      : route.fallback())
    await actions(page, 'Carmen Martin').makeAdmin.click()
    const alert = page.getByRole('alert').filter({ hasText: 'Could not make them admins' })
    await expect(alert).toContainText('Only the dialog\'s owner can change admins')
    await expect(alert).toContainText('Server said: “You don\'t have appropriate permissions to modify or delete "admin_ids".”, HTTP 403')
    expect((await occupantsOf(dialog._id)).admins).toEqual([1002])
    const entries = await activityEntries(page)
    expect(entries.at(-1)).toMatchObject({ action: 'dialog.admins.add', result: 'failure', status: 403 })
  })
})

test('public dialogs list only owner and admins; private dialogs have no admins', async ({ page }) => {
  const pub = await emulatorCreateDialog({ type: 1, name: 'Members: public', admin_ids: [1002] }, OWNER)
  await signInQuickly(page, null)
  await page.goto(`/dialogs/${pub._id}/members`)
  await expect(page.getByText('Public dialogs have no member list')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Owner and admins' })).toBeVisible()
  await expect(row(page, 1002)).toContainText('Admin')
  await expect(page.getByRole('button', { name: 'Paste a list…' })).toHaveCount(0)

  const priv = await emulatorCreateDialog({ type: 3, occupants_ids: [1004] }, OWNER)
  await page.goto(`/dialogs/${priv._id}/members`)
  await expect(page.getByText('A private dialog is always between the same two people and has no admins')).toBeVisible()
  await expect(page.getByRole('region', { name: 'What you can do here' })).toContainText('Private dialogs have no admins.')
  await expect(row(page, 1004)).toContainText('Dmitri Martin')
  await expect(page.getByRole('heading', { name: 'Add people' })).toHaveCount(0)
})

test('search within the members filters by name, login or ID; nothing changed sends nothing', async ({ page }) => {
  const dialog = await groupDialog('Members: search', [1002, 1003, 1004])
  const puts = recordPuts(page)
  await openMembers(page, dialog)
  const search = page.getByLabel('Search members')
  await search.fill('dmitri')
  await expect(page.locator('[role="row"][data-user-id]')).toHaveCount(1)
  await search.fill('1003')
  await expect(page.locator('[role="row"][data-user-id]')).toHaveCount(1)
  await expect(row(page, 1003)).toBeVisible()
  await search.fill('')
  await expect(page.locator('[role="row"][data-user-id]')).toHaveCount(4)

  // Selecting only the owner-less set and changing nothing: no request.
  await row(page, 1002).getByRole('checkbox').click()
  await page.getByRole('button', { name: 'Clear selection' }).click()
  expect(puts).toHaveLength(0)
})
