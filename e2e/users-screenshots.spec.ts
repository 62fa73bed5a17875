import type { Page } from '@playwright/test'
import type { Dialog, User } from '../src/api/types'
import { emulatorSend, expect, signInQuickly, test } from './fixtures'

// Pictures of the Users screen and the user page for people to look at (screenshots/ is git-ignored):
// 390 and 1440 px wide, light and dark.
const DIR = 'screenshots'
const SIZES = [{ width: 1440, height: 900 }, { width: 390, height: 844 }] as const
const THEMES = ['light', 'dark'] as const

async function shoot(page: Page, name: string, ready: () => Promise<void>) {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const theme of THEMES) {
      await page.evaluate(t => localStorage.setItem('dialog-desk.theme', t), theme)
      await page.reload()
      await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
      await ready()
      await page.screenshot({ path: `${DIR}/users-${name}-${size.width}-${theme}.png`, fullPage: size.width < 768 })
    }
  }
}

test('users screens', async ({ page }) => {
  test.setTimeout(240_000)
  await signInQuickly(page)

  await page.goto('/users')
  await shoot(page, 'list', () => expect(page.getByText(/Showing 1–25 of \d+ users/)).toBeVisible())
  await page.goto('/users?q=tag:vip&sort=created_at&dir=desc')
  await shoot(page, 'list-tag', () => expect(page.getByText(/Tagged “vip”/)).toBeVisible())
  await page.goto('/users?q=colour:red')
  await shoot(page, 'list-malformed', () => expect(page.getByRole('heading', { name: 'This search can\'t be run' })).toBeVisible())

  await page.goto('/users/1001')
  await shoot(page, 'inbox', () => expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible())
  await page.goto('/users/1001?view=messages')
  await shoot(page, 'messages', () => expect(page.getByText(/messages found in \d+ dialogs/)).toBeVisible())

  // A user of its own for the action: three groups they are in, one they own, one private chat.
  const user = (await emulatorSend<{ user: User }>('POST', '/users.json', { user: { login: 'shot.user', password: 'dialogdesk', full_name: 'Sam Screenshot' } })).user
  for (const name of ['Shot group A', 'Shot group B', 'Shot group C'])
    await emulatorSend<Dialog>('POST', '/chat/Dialog.json', { type: 2, name, occupants_ids: `${user.id},1003` }, 1002)
  await emulatorSend<Dialog>('POST', '/chat/Dialog.json', { type: 2, name: 'Shot own group', occupants_ids: '1002' }, user.id)
  await emulatorSend<Dialog>('POST', '/chat/Dialog.json', { type: 3, occupants_ids: '1002' }, user.id)
  await page.goto(`/users/${user.id}`)
  await shoot(page, 'dry-run', async () => {
    await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()
    await page.getByRole('button', { name: 'Remove from groups…' }).click()
    await expect(page.getByText('Dry run: nothing has been sent.')).toBeVisible()
  })
  await page.setViewportSize(SIZES[0])
  await page.getByRole('button', { name: 'Remove from 3 dialogs' }).click()
  await expect(page.getByText('Done in 3 of 3 dialogs.')).toBeVisible()
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const theme of THEMES) {
      await page.evaluate(t => localStorage.setItem('dialog-desk.theme', t), theme)
      // The summary lives in the page: switch the theme with the shell's radio instead of a reload
      // (in the sidebar, or below 768 px in the menu's drawer, closed again for the picture).
      const narrow = size.width < 768
      if (narrow)
        await page.getByRole('button', { name: 'Menu', exact: true }).click()
      await page.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).dispatchEvent('click')
      if (narrow) {
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog')).toHaveCount(0)
      }
      await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
      // The theme's colour transition ends before the picture.
      await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
      await page.screenshot({ path: `${DIR}/users-summary-${size.width}-${theme}.png`, fullPage: size.width < 768 })
    }
  }
})
