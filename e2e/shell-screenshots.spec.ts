import { dialogRows, expect, signInQuickly, test } from './fixtures'

// For people to look at (SCREENSHOTS=1): the frame at 390 and 1440 px, light and dark — drawer
// closed and open, search open — plus sign-in and not-found.
for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440]) {
    test.describe(`${theme} ${width}`, () => {
      test.use({ viewport: { width, height: width > 800 ? 900 : 844 } })
      test.beforeEach(async ({ page }) => {
        await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      })

      test('shell', async ({ page }) => {
        const name = (what: string) => `screenshots/shell-${what}-${width}-${theme}.png`
        await signInQuickly(page)
        await page.goto('/dialogs')
        await expect(dialogRows(page)).toHaveCount(25)
        await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
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
        await page.keyboard.press('Escape')
        await page.getByRole('main').focus()
        await page.keyboard.press('?')
        await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
        await page.screenshot({ path: name('shortcuts') })
      })

      test('sign-in and not-found', async ({ page }) => {
        await page.goto('/sign-in')
        await expect(page.getByLabel('API key')).toBeVisible()
        await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
        await page.screenshot({ path: `screenshots/shell-sign-in-${width}-${theme}.png` })
        await page.goto('/nowhere')
        await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
        await page.screenshot({ path: `screenshots/shell-not-found-${width}-${theme}.png` })
      })
    })
  }
}
