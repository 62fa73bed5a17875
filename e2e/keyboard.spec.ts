import type { Page } from '@playwright/test'
import { API_KEY, dialogRows, emulatorCreateDialog, emulatorDialog, emulatorDialogs, emulatorSend, emulatorUser, expect, expectListMatches, SESSION_KEY, signInQuickly, test } from './fixtures'
import { SAMPLE_ENTRIES, seedActivity } from './activityHelpers'
import { truth } from './messagesHelpers'

const acting = (page: Page) => page.getByRole('combobox', { name: 'Acting as' })
const actingUserId = (page: Page) => page.evaluate(k => JSON.parse(sessionStorage.getItem(k) ?? 'null')?.actingUserId as number | null, SESSION_KEY)
const focusedName = (page: Page) => page.evaluate(() => {
  const el = document.activeElement
  return el?.getAttribute('aria-label') ?? (el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() : null) ?? el?.textContent?.trim() ?? ''
})

/** Presses Tab (or Shift+Tab) until `name` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, name: string, options: { back?: boolean, limit?: number } = {}) {
  for (let i = 0; i < (options.limit ?? 40); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    if ((await focusedName(page)) === name)
      return
  }
  throw new Error(`${name} never got the focus`)
}

async function openList(page: Page) {
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(dialogRows(page)).toHaveCount(25)
}

test('? opens the help sheet, which lists the shell\'s shortcuts', async ({ page }) => {
  await openList(page)
  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toBeVisible()
  for (const what of ['Search dialogs and users', 'Go to dialogs', 'Go to users', 'Go to activity', 'Show keyboard shortcuts'])
    await expect(sheet.getByText(what).first()).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(sheet).toHaveCount(0)
})

test('the ? sheet lists the keys of the screen it is opened on', async ({ page }) => {
  const hands = (await emulatorDialogs({ name: 'All hands' })).items[0]!
  await signInQuickly(page, 1001)
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  const screens: { path: string, ready: () => Promise<void>, keys: string[], not: string[] }[] = [
    { path: '/dialogs', ready: () => expect(dialogRows(page)).toHaveCount(25), keys: ['Next dialog', 'Open the dialog', 'Select or unselect the dialog', 'Delete the dialog…'], not: ['Write a message'] },
    { path: `/dialogs/${hands._id}`, ready: () => expect(page.getByLabel('Name', { exact: true })).toHaveValue('All hands'), keys: ['Save the dialog\'s settings'], not: ['Next dialog'] },
    { path: `/dialogs/${hands._id}/members`, ready: () => expect(page.locator('[role="row"][data-user-id="1002"]')).toBeVisible(), keys: ['Next member', 'Select or unselect the member', 'Remove the member from the dialog…'], not: ['Save the dialog\'s settings'] },
    { path: `/dialogs/${hands._id}/messages`, ready: () => expect(page.getByText(/messages loaded, newest first/)).toBeVisible(), keys: ['Write a message', 'Next message', 'Edit the message', 'Delete the message, or the selected ones…'], not: ['Next member'] },
    { path: '/users', ready: () => expect(page.getByText(/Showing 1–25 of \d+ users/)).toBeVisible(), keys: ['Next user', 'Open the user'], not: ['Write a message'] },
    { path: '/activity', ready: () => expect(page.getByRole('main')).toBeVisible(), keys: ['Go to dialogs', 'Go to activity', 'Go to users'], not: ['Next user'] },
  ]
  for (const screen of screens) {
    await page.goto(screen.path)
    await screen.ready()
    await page.keyboard.press('?')
    await expect(sheet).toBeVisible()
    for (const key of [...screen.keys, 'Search dialogs and users', 'Go to dialogs'])
      await expect(sheet.getByText(key, { exact: true }).first(), `${screen.path}: ${key}`).toBeVisible()
    for (const key of screen.not)
      await expect(sheet.getByText(key, { exact: true }), `${screen.path}: not ${key}`).toHaveCount(0)
    await page.keyboard.press('Escape')
    await expect(sheet).toHaveCount(0)
  }
})

test('/ and Ctrl+K focus the search box, g a and g d go to Activity and Dialogs', async ({ page }) => {
  await openList(page)
  const search = page.getByRole('combobox', { name: 'Find dialogs and users' })
  await page.keyboard.press('/')
  await expect(search).toBeFocused()
  await expect(search).toHaveValue('')
  // Ctrl+K works from another field too.
  await page.getByRole('searchbox', { name: 'Search dialogs' }).focus()
  await page.keyboard.press('Control+k')
  await expect(search).toBeFocused()
  await page.keyboard.press('Escape')
  await page.getByRole('main').focus()
  await page.keyboard.press('g')
  await page.keyboard.press('a')
  await expect(page).toHaveURL(/\/activity$/)
  await page.keyboard.press('g')
  await page.keyboard.press('d')
  await expect(page).toHaveURL(/\/dialogs$/)
})

test('Acting as by keyboard: typing a name and Enter picks the first match, not the current user again', async ({ page }) => {
  await openList(page)
  const alice = await emulatorUser(1001)
  await tabTo(page, 'Acting as')
  await page.keyboard.type('martin')
  await expect(page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /Alice Martin/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect.poll(() => actingUserId(page)).toBe(alice.id)
  await expectListMatches(page, { limit: 25, sort_desc: 'last_message_date_sent' }, alice.id)
  // The field keeps the focus and lets go of the last search once its list has closed: typing
  // again searches again.
  await expect(acting(page)).toBeFocused()
  await expect(acting(page)).toHaveValue('')
  await page.keyboard.type('1010')
  await expect(page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /#1010/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect.poll(() => actingUserId(page)).toBe(1010)
})

test('the user picker forgets the last search after a pick', async ({ page }) => {
  await openList(page)
  await acting(page).click()
  await acting(page).fill('bob')
  const list = page.getByRole('listbox', { name: 'Suggestions' })
  await list.getByRole('option', { name: /Bob Martin/ }).click()
  await expect.poll(() => actingUserId(page)).toBe(1002)
  await expect(acting(page)).toHaveValue('')
  // Opened again, it lists the choices, not the results of "bob".
  await acting(page).click()
  await expect(list.getByRole('option', { name: 'Account owner (API key)' })).toBeVisible()
  await expect(list.getByRole('option', { name: /Bob Martin/ })).toHaveAttribute('aria-selected', 'true')
  await expect(list.getByRole('option', { name: /Bob Silva/ })).toHaveCount(0)
})

test('the multi-user picker: Tab lands on the named field and typing right away searches', async ({ page }) => {
  const dialog = (await emulatorDialogs({ limit: 1, skip: 2, type: 2, sort_desc: 'last_message_date_sent' })).items[0]!
  const outsider = [1001, 1002, 1003, 1004, 1005, 1006].find(id => !dialog.occupants_ids.includes(id))!
  const user = await emulatorUser(outsider)
  await signInQuickly(page)
  await page.goto(`/dialogs/${dialog._id}/members`)
  const admins = page.getByRole('radio', { name: 'Admins' })
  await admins.focus()
  await page.keyboard.press('Tab')
  const people = page.getByRole('combobox', { name: 'People to add' })
  await expect(people).toBeFocused()
  await page.keyboard.type(user.login!)
  await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: new RegExp(`#${user.id}`) }).waitFor()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Add 1' })).toBeEnabled()
})

test('keyboard only: sign in, find a dialog with the search box, open it, rename it, delete two messages, switch the acting user', async ({ page }) => {
  test.setTimeout(120_000)
  // A dialog of its own, so the name search finds one dialog and the messages are known.
  const name = `Keyboard desk ${Date.now().toString(36)}`
  const dialog = await emulatorCreateDialog({ type: 2, name, occupants_ids: '1003,1004' }, 1002)
  for (const [sender, text] of [[1003, 'First, keep me'], [1004, 'Second, delete me'], [1003, 'Third, delete me too']] as const)
    await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: text }, sender)
  const member = await emulatorUser(1003)

  await page.goto('/sign-in')
  await tabTo(page, 'API key')
  await page.keyboard.type(API_KEY)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/dialogs$/)
  await expect(dialogRows(page)).toHaveCount(25)

  // Find it with the header's search box and open it.
  await page.keyboard.press('Control+k')
  await page.keyboard.type(name)
  await expect(page.getByRole('listbox', { name: 'Dialogs and users found' }).getByRole('option', { name: new RegExp(dialog._id) })).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}$`))
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

  // Rename it: Tab to the name, type, Ctrl+S.
  await tabTo(page, 'Name')
  await page.keyboard.press('Control+a')
  await page.keyboard.type(`${name} (renamed)`)
  await expect(page.getByRole('region', { name: 'Unsaved changes' })).toContainText('1 change')
  await page.keyboard.press('Control+s')
  await expect(page.getByRole('region', { name: 'Unsaved changes' })).toHaveCount(0)
  await expect.poll(async () => (await emulatorDialog(dialog._id))?.name).toBe(`${name} (renamed)`)
  await expect(page.getByRole('heading', { level: 1, name: `${name} (renamed)` })).toBeVisible()

  // Its Messages tab; j moves through the timeline, x selects, Delete asks once for the selection.
  await tabTo(page, 'Messages', { back: true })
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}/messages$`))
  await expect(page.getByRole('listitem').filter({ hasText: 'First, keep me' })).toBeVisible()
  await page.keyboard.press('j')
  await expect(page.getByRole('listitem').filter({ hasText: 'Third, delete me too' })).toBeFocused()
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await page.keyboard.press('Delete')
  const confirm = page.getByRole('dialog', { name: 'Delete 2 messages' })
  await expect(confirm).toBeVisible()
  await expect(confirm.getByRole('button', { name: 'Delete 2 messages' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(confirm).toHaveCount(0)
  await expect(page.getByRole('listitem').filter({ hasText: /delete me/ })).toHaveCount(0)
  await expect.poll(async () => (await truth(dialog._id)).map(m => m.message)).toEqual(['First, keep me'])

  // Back to "Acting as" in the header and switch to a member of the dialog.
  await tabTo(page, 'Acting as', { back: true, limit: 60 })
  await page.keyboard.type(member.login!)
  await expect(page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: new RegExp(`#${member.id}`) })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect.poll(() => actingUserId(page)).toBe(member.id)
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}/messages$`))
  await expect(page.getByPlaceholder(`Message as ${member.full_name}…`)).toBeVisible()
})

test('keyboard only: the Users screen and a user page, then the Activity screen', async ({ page }) => {
  const carmen = await emulatorUser(1003)
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(dialogRows(page)).toHaveCount(25)
  await seedActivity(page, SAMPLE_ENTRIES)

  // g u, then the search box by Tab, a login, Enter.
  await page.keyboard.press('g')
  await page.keyboard.press('u')
  await expect(page).toHaveURL(/\/users$/)
  await expect(page.getByText(/Showing 1–25 of \d+ users/)).toBeVisible()
  await tabTo(page, 'Search users')
  await page.keyboard.type(`login:${carmen.login}`)
  await page.keyboard.press('Enter')
  await expect(page.getByText(/Showing 1–1 of 1 user/)).toBeVisible()
  // Out of the field, j reaches the row and Enter opens it.
  await page.keyboard.press('Tab')
  await page.keyboard.press('j')
  await expect(page.getByRole('link', { name: carmen.full_name! })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: carmen.full_name! })).toBeVisible()
  await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()
  // Their inbox: j moves, x selects.
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await expect(page.getByRole('table').locator('tbody tr').first().getByRole('checkbox')).toBeChecked()

  // g a, then j, k and Enter through the entries; Tab into the open details.
  await page.keyboard.press('g')
  await page.keyboard.press('a')
  await expect(page).toHaveURL(/\/activity$/)
  const toggles = page.getByRole('table').locator('tbody tr.row').getByRole('button', { name: /details of entry/ })
  await expect(toggles).toHaveCount(SAMPLE_ENTRIES.length)
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.keyboard.press('k')
  await expect(toggles.nth(0)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(toggles.nth(0)).toHaveAttribute('aria-expanded', 'true')
  await tabTo(page, 'Show request and raw JSON', { limit: 12 })
  await page.keyboard.press('Enter')
  await expect(page.locator('tr.details').getByText(/^(PUT|POST|DELETE) \//).first()).toBeVisible()
})
