import { axeViolations } from './axe'
import { expect, signInQuickly, test } from './fixtures'

for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440]) {
    test(`no axe violations at ${width} px, ${theme}: list, filters, bulk bar, search note, delete modal`, async ({ page }) => {
      const narrow = width < 768
      await page.setViewportSize({ width, height: 900 })
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      await signInQuickly(page)
      await page.goto('/dialogs?q=alice')
      await expect(page.getByText('2 people also have this in their name:')).toBeVisible()
      await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
      expect(await axeViolations(page)).toEqual([])

      await page.goto('/dialogs?sort=name&order=asc')
      const rows = narrow ? page.getByRole('list', { name: 'Dialogs' }).getByRole('listitem') : page.getByRole('table').locator('tbody tr')
      await expect(rows).toHaveCount(25)
      await expect(page.getByText(/^#\d+$/)).toHaveCount(0)
      expect(await axeViolations(page)).toEqual([])

      await page.getByRole('button', { name: /^Filter/ }).click()
      await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: 'Group', exact: true }).click()
      await expect(page.getByRole('button', { name: 'Remove filter Type: Group' })).toBeVisible()
      await rows.nth(0).getByRole('checkbox').check()
      await rows.nth(2).getByRole('checkbox').check()
      await expect(page.getByRole('region', { name: 'Selected dialogs' })).toBeVisible()
      expect(await axeViolations(page)).toEqual([])

      await page.getByRole('region', { name: 'Selected dialogs' }).getByRole('button', { name: 'Delete for everyone…' }).click()
      const modal = page.getByRole('dialog', { name: 'Delete 2 dialogs for everyone?' })
      await expect(modal).toBeVisible()
      await expect(modal.getByRole('heading', { level: 2, name: 'Delete 2 dialogs for everyone?' })).toBeVisible()
      // Wait for the modal's entrance to end before contrast is measured.
      await expect(modal).toHaveCSS('opacity', '1')
      expect(await axeViolations(page)).toEqual([])
    })
  }
}
