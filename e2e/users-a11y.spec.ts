import { axeViolations } from './axe'
import { expect, signInQuickly, test } from './fixtures'
import { createUser, group, say } from './usersHelpers'

// The people screens: zero axe violations of any impact, light and dark, at 390 and 1440 px; and a
// moderator's task done with the keyboard alone.

for (const theme of ['light', 'dark'] as const) {
  for (const width of [1440, 390]) {
    test(`no axe violations on the people screens, ${theme}, ${width} px`, async ({ page }) => {
      test.setTimeout(120_000)
      await page.setViewportSize({ width, height: 900 })
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      const user = await createUser(`Axe ${theme} ${width}`)
      const dialogs = await Promise.all(['Axe A', 'Axe B'].map(name => group(name, 1002, [user.id, 1003])))
      await say(dialogs[0]!._id, user.id, 'Hello from the axe test')
      await signInQuickly(page)
      const settled = theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)'

      await page.goto('/users?q=tag:vip')
      await expect(page.getByText(/Showing 1–\d+ of \d+ users/)).toBeVisible()
      await expect(page.locator('body')).toHaveCSS('color', settled)
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('searchbox', { name: 'Search users' }).fill('colour:red')
      await expect(page.locator('#user-search-error')).not.toBeEmpty()
      expect(await axeViolations(page)).toEqual([])

      await page.goto(`/users/${user.id}`)
      await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()
      await expect(page.locator('td.unread').first()).not.toHaveText('…')
      expect(await axeViolations(page)).toEqual([])

      await page.getByRole('button', { name: 'Remove from groups…' }).click()
      await expect(page.getByText(/Dry run: nothing has been sent/)).toBeVisible()
      await page.getByText('Dialogs that will change (2)').click()
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('button', { name: 'Remove from 2 dialogs' }).click()
      await expect(page.getByText('Done in 2 of 2 dialogs.')).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('button', { name: 'Undo' }).click()
      await expect(page.getByText('Done in 2 of 2 dialogs.')).toBeVisible()

      await page.getByRole('link', { name: 'Messages', exact: true }).click()
      await expect(page.getByText(/1 messages found in \d+ dialogs/)).toBeVisible()
      await page.getByRole('checkbox', { name: /Select message/ }).check()
      await expect(page.getByRole('region', { name: 'Selected messages' })).toBeVisible()
      // The Undo's toast fading out is measured mid-fade otherwise.
      await expect(page.locator('.n-message')).toHaveCount(0)
      expect(await axeViolations(page)).toEqual([])
    })
  }
}

test('keyboard alone: find a user, open them, remove them from their groups, undo it', async ({ page }) => {
  const user = await createUser('Kit Keyboard')
  const dialogs = await Promise.all(['Keys A', 'Keys B'].map(name => group(name, 1002, [user.id, 1003])))
  await signInQuickly(page)
  await page.goto('/users')
  await expect(page.getByText(/Showing 1–25 of \d+ users/)).toBeVisible()
  const search = page.getByRole('searchbox', { name: 'Search users' })
  await search.focus()
  await page.keyboard.type(user.login!)
  await page.keyboard.press('Enter')
  await expect(page.getByText(`Login is “${user.login}”`)).toBeVisible()
  // j moves to the first row, Enter opens it.
  await search.blur()
  await page.keyboard.press('j')
  await expect(page.getByRole('link', { name: 'Kit Keyboard' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Kit Keyboard' })).toBeVisible()
  await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()

  const remove = page.getByRole('button', { name: 'Remove from groups…' })
  await remove.focus()
  await page.keyboard.press('Enter')
  // The panel's heading takes focus, so the dry run is read out; Tab reaches its buttons.
  await expect(page.getByRole('heading', { name: 'Remove from group dialogs' })).toBeFocused()
  const confirm = page.getByRole('button', { name: 'Remove from 2 dialogs' })
  for (let i = 0; i < 10 && !await confirm.evaluate(el => el === document.activeElement); i++)
    await page.keyboard.press('Tab')
  await expect(confirm).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText('Done in 2 of 2 dialogs.')).toBeVisible()
  const undo = page.getByRole('button', { name: 'Undo' })
  for (let i = 0; i < 10 && !await undo.evaluate(el => el === document.activeElement); i++)
    await page.keyboard.press('Tab')
  await expect(undo).toBeFocused()
  await expect(undo).toHaveCSS('outline-style', 'solid')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Done in 2 of 2 dialogs.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0)
  expect(dialogs).toHaveLength(2)
})
