import { axeViolations } from './axe'
import { API_KEY, dialogRows, expect, signInQuickly, test } from './fixtures'

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
    })

    test('sign-in has no axe violations, also with an error shown', async ({ page }) => {
      await page.goto('/sign-in')
      await expect(page.getByLabel('API key')).toBeVisible()
      await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
      // Wait for the theme's colour transition to end before measuring contrast.
      await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
      expect(await axeViolations(page)).toEqual([])
      await page.getByLabel('API key').fill(`${API_KEY}-wrong`)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('alert')).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
    })

    test('the dialog list has no axe violations', async ({ page }) => {
      await signInQuickly(page)
      await page.goto('/dialogs')
      await expect(dialogRows(page)).toHaveCount(25)
      await expect(page.getByRole('table').getByText(/^#\d+$/)).toHaveCount(0)
      await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
      expect(await axeViolations(page)).toEqual([])
      await page.goto('/dialogs?name=zz-nothing')
      await expect(page.getByRole('heading', { name: 'No dialog matches these filters' })).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
    })

    test('the user picker is a combobox with a listbox of options, and stays free of violations when open', async ({ page }) => {
      await signInQuickly(page)
      await page.goto('/dialogs')
      await expect(dialogRows(page)).toHaveCount(25)
      const picker = page.getByRole('combobox', { name: 'Acting as' })
      await expect(picker).toHaveAttribute('aria-expanded', 'false')
      await picker.click()
      await picker.fill('martin')
      const list = page.getByRole('listbox', { name: 'Suggestions' })
      await expect(list.getByRole('option', { name: /Alice Martin/ })).toBeVisible()
      await expect(picker).toHaveAttribute('aria-expanded', 'true')
      await expect(picker).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!)
      await expect(list.getByRole('option', { name: 'Account owner (API key)' })).toHaveAttribute('aria-selected', 'true')
      await expect(list.getByRole('option', { name: /Alice Martin/ })).toHaveAttribute('aria-selected', 'false')
      // The open list scrolls, and axe wants every scrolling region focusable; in a combobox focus
      // stays in the input and the arrow keys move through the options (checked right after).
      expect(await axeViolations(page, { disableRules: ['scrollable-region-focusable'] })).toEqual([])
      await page.screenshot({ path: `screenshots/picker-open-${theme}.png` })
      // Enter takes the first match (the current choice cannot be taken while a search is typed).
      await expect(list.getByRole('option', { name: 'Account owner (API key)' })).toHaveAttribute('aria-disabled', 'true')
      await page.keyboard.press('Enter')
      await expect(picker).toHaveAttribute('aria-expanded', 'false')
      await expect(page.getByRole('alert').filter({ hasText: 'Acting as' })).toContainText('Alice Martin')
    })
  })
}
