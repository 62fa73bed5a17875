import { axeViolations, themeSettled } from './axe'
import { API_KEY, expect, shownDialogs, signInQuickly, test } from './fixtures'

for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440]) {
    test.describe(`${theme}, ${width} px`, () => {
      test.use({ viewport: { width, height: width > 800 ? 900 : 844 } })
      test.beforeEach(async ({ page }) => {
        await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      })

      test('sign-in and not-found: no axe violation of any impact', async ({ page }) => {
        await page.goto('/sign-in')
        await expect(page.getByLabel('API key')).toBeVisible()
        await themeSettled(page, theme)
        expect(await axeViolations(page)).toEqual([])
        await page.getByLabel('API key').fill(`${API_KEY}-wrong`)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expect(page.getByRole('alert')).toBeVisible()
        expect(await axeViolations(page)).toEqual([])

        await page.goto('/no-such-page')
        await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
        await themeSettled(page, theme)
        expect(await axeViolations(page)).toEqual([])
      })

      test('the shell on the dialog list, the open search, the ? sheet and the lock screen: no axe violation of any impact', async ({ page }) => {
        await page.clock.install()
        await signInQuickly(page)
        await page.goto('/dialogs')
        await expect(shownDialogs(page)).toHaveCount(25)
        await themeSettled(page, theme)
        await expect(page.getByRole('main')).toHaveCount(1)
        expect(await axeViolations(page)).toEqual([])

        await page.keyboard.press('Control+k')
        await page.keyboard.type('martin')
        await expect(page.getByRole('listbox', { name: 'Dialogs and users found' }).getByRole('option').first()).toBeVisible()
        expect(await axeViolations(page)).toEqual([])

        if (width < 768) {
          await page.getByRole('button', { name: 'Close search' }).click()
          await page.getByRole('button', { name: 'Menu', exact: true }).click()
          await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible()
          expect(await axeViolations(page)).toEqual([])
          await page.keyboard.press('Escape')
          await expect(page.getByRole('dialog', { name: 'Menu' })).toHaveCount(0)
        }

        // The ? sheet.
        await page.getByRole('main').focus()
        await page.keyboard.press('?')
        const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
        await expect(help).toBeVisible()
        await expect(help).toHaveCSS('opacity', '1')
        expect(await axeViolations(page)).toEqual([])
        await page.keyboard.press('Escape')
        await expect(help).toHaveCount(0)

        await page.clock.fastForward('31:00')
        const lock = page.getByRole('dialog', { name: 'Locked' })
        await expect(lock).toBeVisible()
        await expect(lock.getByLabel('API key')).toBeFocused()
        expect(await axeViolations(page)).toEqual([])
      })
    })
  }
}
