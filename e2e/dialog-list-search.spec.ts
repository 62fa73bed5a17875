import type { Page } from '@playwright/test'
import { emulatorDialogs, emulatorUser, expect, expectListMatches, signInQuickly, test } from './fixtures'

const BY_LAST = { sort_desc: 'last_message_date_sent' }

test.beforeEach(async ({ page }) => {
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(page.getByText(/^Showing 1–25 of \d+ dialogs$/)).toBeVisible()
})

async function search(page: Page, text: string) {
  const box = page.getByLabel('Search dialogs')
  await box.fill(text)
  await box.press('Enter')
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(text)
}

function note(page: Page) {
  return page.getByRole('status').filter({ hasText: /Dialogs with|The dialog with|Dialog names containing|No user has/ })
}

test('a dialog ID finds that dialog', async ({ page }) => {
  const hands = (await emulatorDialogs({ name: 'All hands' })).items[0]!
  await search(page, hands._id)
  const truth = await expectListMatches(page, { limit: 25, _id: hands._id, ...BY_LAST })
  expect(truth.items.map(d => d._id)).toEqual([hands._id])
  await expect(note(page)).toHaveText(/The dialog with this ID\./)
})

test('a user ID, a login, an email or a person\'s name finds the dialogs that person is in', async ({ page }) => {
  const cases = [
    { user: 1005, text: (u: { id: number }) => String(u.id), by: 'user ID' },
    { user: 1003, text: (u: { login: string | null }) => u.login!, by: 'login' },
    { user: 1004, text: (u: { email: string | null }) => u.email!, by: 'email' },
    { user: 1007, text: (u: { full_name: string | null }) => u.full_name!, by: 'name' },
  ]
  for (const c of cases) {
    const user = await emulatorUser(c.user)
    await search(page, c.text(user))
    const truth = await expectListMatches(page, { 'limit': 25, 'occupants_ids[all]': user.id, ...BY_LAST })
    expect(truth.total_entries).toBeGreaterThan(0)
    await expect(note(page)).toContainText(`Dialogs with ${user.full_name} (user ${user.id}, found by ${c.by}).`)
  }
  // Read as a person, it can still be searched as a name.
  await page.getByRole('button', { name: /^Search dialog names for/ }).click()
  const name = (await emulatorUser(1007)).full_name!
  await expect(page).toHaveURL(new RegExp(`name=${encodeURIComponent(name).replace(/%20/g, '(%20|\\+)')}`))
  await expect(page.getByLabel('Search dialogs')).toHaveValue(`name:${name}`)
  await expectListMatches(page, { 'limit': 25, 'name[ctn]': name, ...BY_LAST })
})

test('other text searches dialog names; a name several people share offers them', async ({ page }) => {
  await search(page, 'support')
  const truth = await expectListMatches(page, { 'limit': 25, 'name[ctn]': 'support', ...BY_LAST })
  expect(truth.total_entries).toBeGreaterThan(0)
  await expect(note(page)).toHaveText('Dialog names containing “support”.')

  // "alice" is no login, and two people have it in their names: which one is asked.
  await search(page, 'alice')
  await expectListMatches(page, { 'limit': 25, 'name[ctn]': 'alice', ...BY_LAST })
  await expect(page.getByText('2 people also have this in their name:')).toBeVisible()
  await page.getByRole('button', { name: 'Alice Silva: show their dialogs' }).click()
  await expect(page).toHaveURL(/q=1026/)
  await expectListMatches(page, { 'limit': 25, 'occupants_ids[all]': 1026, ...BY_LAST })
  await expect(note(page)).toContainText('Dialogs with Alice Silva (user 1026, found by user ID).')
})

test('an email no one has says so and offers a name search; the chip clears the search', async ({ page }) => {
  await search(page, 'nobody@example.com')
  await expect(page.getByRole('heading', { name: 'No user has the email “nobody@example.com”' })).toBeVisible()
  await page.getByRole('button', { name: 'Search dialog names instead' }).click()
  await expect(page).toHaveURL(/name=nobody%40example\.com|name=nobody@example\.com/)
  await expect(page.getByRole('heading', { name: 'No dialog matches these filters' })).toBeVisible()
  await page.getByRole('button', { name: 'Remove filter Name contains: nobody@example.com' }).click()
  await expect(page).toHaveURL(/\/dialogs$/)
  await expect(page.getByLabel('Search dialogs')).toHaveValue('')
  await expectListMatches(page, { limit: 25, ...BY_LAST })
})

test('a search is a deep link: it is read again after a reload', async ({ page }) => {
  const user = await emulatorUser(1002)
  await page.goto(`/dialogs?q=${encodeURIComponent(user.login!)}&type=group`)
  await expect(page.getByLabel('Search dialogs')).toHaveValue(user.login!)
  await expectListMatches(page, { 'limit': 25, 'type': 2, 'occupants_ids[all]': user.id, ...BY_LAST })
  await page.reload()
  await expectListMatches(page, { 'limit': 25, 'type': 2, 'occupants_ids[all]': user.id, ...BY_LAST })
})
