import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { expect, signInQuickly, test } from './fixtures'

/** Every axe violation, whatever its impact. */
async function violations(page: Page) {
  // The whole page, the shell included: its <main> and <h1> are checked here too.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze()
  return results.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
}

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
      expect(await violations(page)).toEqual([])

      await page.goto('/dialogs?sort=name&order=asc')
      const rows = narrow ? page.getByRole('list', { name: 'Dialogs' }).getByRole('listitem') : page.getByRole('table').locator('tbody tr')
      await expect(rows).toHaveCount(25)
      await expect(page.getByText(/^#\d+$/)).toHaveCount(0)
      expect(await violations(page)).toEqual([])

      await page.getByRole('button', { name: /^Filter/ }).click()
      await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: 'Group', exact: true }).click()
      await expect(page.getByRole('button', { name: 'Remove filter Type: Group' })).toBeVisible()
      await rows.nth(0).getByRole('checkbox').check()
      await rows.nth(2).getByRole('checkbox').check()
      await expect(page.getByRole('region', { name: 'Selected dialogs' })).toBeVisible()
      expect(await violations(page)).toEqual([])

      await page.getByRole('region', { name: 'Selected dialogs' }).getByRole('button', { name: 'Delete for everyone…' }).click()
      const modal = page.getByRole('dialog', { name: 'Delete 2 dialogs for everyone?' })
      await expect(modal).toBeVisible()
      await expect(modal.getByRole('heading', { level: 2, name: 'Delete 2 dialogs for everyone?' })).toBeVisible()
      // Wait for the modal's entrance to end before contrast is measured.
      await expect(modal).toHaveCSS('opacity', '1')
      expect(await violations(page)).toEqual([])
    })
  }
}
