import type { Page } from '@playwright/test'
import { API_KEY, dialogRows, emulatorDialog, emulatorDialogs, emulatorUser, expect, expectListMatches, SESSION_KEY, signInQuickly, test } from './fixtures'

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
  // The field keeps the focus: typing again searches again.
  await expect(acting(page)).toBeFocused()
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

test('keyboard only: sign in, find a dialog with the search box, open it, switch the acting user', async ({ page }) => {
  const dialog = (await emulatorDialogs({ limit: 1, skip: 5, type: 2, sort_desc: 'last_message_date_sent' })).items[0]!
  const member = await emulatorUser(dialog.occupants_ids.find(id => id !== dialog.user_id)!)
  await page.goto('/sign-in')
  await tabTo(page, 'API key')
  await page.keyboard.type(API_KEY)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/dialogs$/)
  await expect(dialogRows(page)).toHaveCount(25)

  await page.keyboard.press('Control+k')
  await page.keyboard.type(dialog.name!)
  await expect(page.getByRole('listbox', { name: 'Dialogs and users found' }).getByRole('option', { name: new RegExp(dialog._id) })).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}$`))
  await expect(page.getByRole('heading', { level: 1, name: dialog.name! })).toBeVisible()

  // Focus is in the page; back to "Acting as" and pick a member of this dialog.
  await tabTo(page, 'Acting as', { back: true })
  await page.keyboard.type(member.login!)
  await expect(page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: new RegExp(`#${member.id}`) })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect.poll(() => actingUserId(page)).toBe(member.id)
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}$`))
  expect(await emulatorDialog(dialog._id)).not.toBeNull()
})
