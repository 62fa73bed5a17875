import type { Page } from '@playwright/test'
import type { UserList } from '../src/api/types'
import { emulatorDialogs, shownDialogs, emulatorGet, emulatorUser, expect, signInQuickly, test } from './fixtures'

function box(page: Page) {
  return page.getByRole('combobox', { name: 'Find dialogs and users' })
}

function results(page: Page) {
  return page.getByRole('listbox', { name: 'Dialogs and users found' })
}

function group(page: Page, name: 'Dialogs' | 'Users') {
  return results(page).getByRole('group', { name })
}

async function searchFor(page: Page, text: string) {
  await page.keyboard.press('Control+k')
  await expect(box(page)).toBeFocused()
  await box(page).fill(text)
}

test.beforeEach(async ({ page }) => {
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(shownDialogs(page)).toHaveCount(25)
})

test('a dialog ID finds that dialog, and Enter opens it', async ({ page }) => {
  const dialog = (await emulatorDialogs({ limit: 1, skip: 7, type: 2 })).items[0]!
  await searchFor(page, dialog._id.toUpperCase())
  const option = group(page, 'Dialogs').getByRole('option')
  await expect(option).toHaveCount(1)
  await expect(option).toContainText(dialog.name!)
  await expect(option).toContainText(dialog._id)
  await expect(page.getByText('1 dialog, 0 users.')).toBeVisible()
  await expect(box(page)).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}$`))
  await expect(box(page)).toHaveValue('')
  await expect(page.getByRole('main')).toBeFocused()
})

test('part of a name finds the dialogs the server finds, newest first, and a link to all of them', async ({ page }) => {
  const truth = await emulatorDialogs({ 'name[ctn]': 'Recruiting 2', 'limit': 5, 'sort_desc': 'last_message_date_sent' })
  expect(truth.total_entries).toBeGreaterThan(5)
  await searchFor(page, 'Recruiting 2')
  const options = group(page, 'Dialogs').getByRole('option')
  await expect(options).toHaveCount(6)
  await expect.poll(async () => (await options.allTextContents()).slice(0, 5).map(t => t.split('Group ·')[0]!.trim())).toEqual(truth.items.map(d => d.name))
  await expect(options.last()).toContainText('All dialogs named “Recruiting 2”')
  // Down to the second dialog, Enter opens it.
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${truth.items[1]!._id}$`))
})

test('"All dialogs named …" opens the list filtered by that name', async ({ page }) => {
  await searchFor(page, 'Recruiting 2')
  await results(page).getByRole('option', { name: /All dialogs named/ }).click()
  await expect(page).toHaveURL(/\/dialogs\?name=Recruiting(\+|%20)2$/)
})

test('a user is found by ID, login, email and name; Enter opens the user\'s page', async ({ page }) => {
  const carmen = await emulatorUser(1003)
  for (const text of [String(carmen.id), `#${carmen.id}`, carmen.login!, carmen.email!.toUpperCase(), carmen.full_name!]) {
    await searchFor(page, text)
    await expect(group(page, 'Users').getByRole('option', { name: new RegExp(`#${carmen.id}`) })).toBeVisible()
    await expect(group(page, 'Users').getByRole('option').first()).toContainText(`${carmen.login} · ${carmen.email} · #${carmen.id}`)
  }
  await searchFor(page, `${carmen.full_name!.split(' ')[0]} `)
  await expect(page.getByRole('status').filter({ hasText: /users?\.$/ })).toBeVisible()
  const users = group(page, 'Users').getByRole('option')
  const index = (await users.allTextContents()).findIndex(t => t.includes(`#${carmen.id}`))
  // From the last option back to Carmen.
  await page.keyboard.press('ArrowUp')
  for (let i = (await users.count()) - 1; i > index; i--)
    await page.keyboard.press('ArrowUp')
  await expect(users.nth(index)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  // The user page is built in parallel (issue 16); here the address is what counts.
  await expect(page).toHaveURL(new RegExp(`/users/${carmen.id}$`))
})

test('a name lists the users the server finds by full name', async ({ page }) => {
  const truth = await emulatorGet<UserList>('/users/by_full_name.json', { full_name: 'Elena', per_page: 5 })
  expect(truth.items.length).toBeGreaterThan(1)
  await searchFor(page, 'Elena')
  await expect.poll(async () => (await group(page, 'Users').getByRole('option').allTextContents()).map(t => Number(t.match(/#(\d+)$/)![1])))
    .toEqual(truth.items.map(i => i.user.id))
})

test('nothing found says so; a failed half says what failed and keeps the other half', async ({ page }) => {
  await searchFor(page, 'zz-nothing-like-this')
  await expect(page.getByRole('status').filter({ hasText: 'No dialog or user matches “zz-nothing-like-this”.' })).toBeVisible()
  await expect(results(page)).toHaveCount(0)
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false')

  await page.route('**/api/chat/Dialog.json?**', route => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ errors: ['Search is down'] }) }))
  await box(page).fill('grace')
  await expect(page.getByRole('status').filter({ hasText: 'Could not search dialogs' })).toContainText('Search is down')
  await expect(group(page, 'Users').getByRole('option', { name: /Grace Martin/ })).toBeVisible()
})

test('a newer search drops the answer of an older, slower one', async ({ page }) => {
  let releaseSlow: () => void = () => {}
  const slow = new Promise<void>((resolve) => {
    releaseSlow = resolve
  })
  let settled = false
  // "Bob" is answered late, with a user nobody else has: if that answer were used, it would show.
  await page.route('**/api/users/by_full_name.json?**', async (route) => {
    if (new URL(route.request().url()).searchParams.get('full_name') !== 'Bob')
      return route.fallback()
    await slow
    try {
      await route.fulfill({ json: { current_page: 1, per_page: 5, total_entries: 1, items: [{ user: { id: 4242, full_name: 'Bob Stale', login: 'bob.stale' } }] } })
    }
    catch {
      // The page gave up on it (aborted): just as good.
    }
    settled = true
  })
  page.on('requestfailed', (request) => {
    if (request.url().includes('full_name=Bob'))
      settled = true
  })
  const sent = page.waitForRequest(request => request.url().includes('full_name=Bob'))
  await searchFor(page, 'Bob')
  await sent
  await box(page).fill('Kemi')
  await expect(group(page, 'Users').getByRole('option').first()).toContainText('Kemi')
  // The answer for "Bob" comes last (or was given up on), and changes nothing.
  releaseSlow()
  await expect.poll(() => settled).toBe(true)
  await expect(page.getByRole('status').filter({ hasText: /users?\.$/ })).toBeVisible()
  await expect(group(page, 'Users').getByRole('option').first()).toContainText('Kemi')
  await expect(group(page, 'Users').getByRole('option', { name: /Bob Stale/ })).toHaveCount(0)
})

test('Esc closes the list, then empties the box', async ({ page }) => {
  await searchFor(page, 'martin')
  await expect(results(page)).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(results(page)).toHaveCount(0)
  await expect(box(page)).toHaveValue('martin')
  await page.keyboard.press('ArrowDown')
  await expect(results(page)).toBeVisible()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(box(page)).toHaveValue('')
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('the icon opens the box, a dialog is found and opened', async ({ page }) => {
    const dialog = (await emulatorDialogs({ limit: 1, skip: 3, type: 2 })).items[0]!
    await page.getByRole('button', { name: 'Find dialogs and users' }).click()
    await box(page).fill(dialog.name!)
    await results(page).getByRole('option', { name: new RegExp(dialog._id) }).click()
    await expect(page).toHaveURL(new RegExp(`/dialogs/${dialog._id}$`))
    await expect(box(page)).toHaveCount(0)
  })
})
