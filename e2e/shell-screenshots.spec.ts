import type { Page } from '@playwright/test'
import { themeSettled } from './axe'
import { emulatorDialogs, expect, shownDialogs, signInQuickly, test } from './fixtures'

// For people to look at (SCREENSHOTS=1): the frame at 390 and 1440 px, light and dark — drawer
// closed and open, search open, the `?` sheet on each kind of screen, the lock screen — plus
// sign-in and not-found.

/** Opens the `?` sheet with the keyboard (focus in the page, not in a field) and waits for it. */
async function openHelp(page: Page) {
  await page.keyboard.press('Escape')
  await page.getByRole('main').focus()
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
}

for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440]) {
    test.describe(`${theme} ${width}`, () => {
      test.use({ viewport: { width, height: width > 800 ? 900 : 844 } })
      test.beforeEach(async ({ page }) => {
        await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      })

      test('shell', async ({ page }) => {
        const name = (what: string) => `screenshots/shell-${what}-${width}-${theme}.png`
        await page.clock.install()
        await signInQuickly(page)
        await page.goto('/dialogs')
        await expect(shownDialogs(page)).toHaveCount(25)
        await themeSettled(page, theme)
        await page.screenshot({ path: name('list') })
        if (width < 768) {
          await page.getByRole('button', { name: 'Menu', exact: true }).click()
          await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible()
          await page.screenshot({ path: name('drawer') })
          await page.keyboard.press('Escape')
          await expect(page.getByRole('dialog', { name: 'Menu' })).toHaveCount(0)
        }
        await page.keyboard.press('Control+k')
        await page.keyboard.type('martin')
        await expect(page.getByRole('listbox', { name: 'Dialogs and users found' }).getByRole('option').first()).toBeVisible()
        await page.screenshot({ path: name('search') })
        await page.keyboard.press('Escape')
        await page.keyboard.press('Escape')
        await openHelp(page)
        await page.screenshot({ path: name('shortcuts') })
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0)

        await page.clock.fastForward('31:00')
        await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible()
        await page.screenshot({ path: name('lock') })
      })

      test('the ? sheet on the overview, the messages and the Users screen', async ({ page }) => {
        const name = (what: string) => `screenshots/shell-shortcuts-${what}-${width}-${theme}.png`
        const hands = (await emulatorDialogs({ name: 'All hands' })).items[0]!
        await signInQuickly(page, 1001)
        await page.goto(`/dialogs/${hands._id}`)
        await expect(page.getByLabel('Name', { exact: true })).toHaveValue('All hands')
        await themeSettled(page, theme)
        await openHelp(page)
        await page.screenshot({ path: name('overview') })
        await page.goto(`/dialogs/${hands._id}/messages`)
        await expect(page.getByText(/messages loaded, newest first/)).toBeVisible()
        await openHelp(page)
        await page.screenshot({ path: name('messages') })
        await page.goto('/users')
        await expect(page.getByText(/Showing 1–25 of \d+ users/)).toBeVisible()
        await openHelp(page)
        await page.screenshot({ path: name('users') })
      })

      test('sign-in and not-found', async ({ page }) => {
        await page.goto('/sign-in')
        await expect(page.getByLabel('API key')).toBeVisible()
        await themeSettled(page, theme)
        await page.screenshot({ path: `screenshots/shell-sign-in-${width}-${theme}.png` })
        await page.goto('/nowhere')
        await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
        await themeSettled(page, theme)
        await page.screenshot({ path: `screenshots/shell-not-found-${width}-${theme}.png` })
      })
    })
  }
}
