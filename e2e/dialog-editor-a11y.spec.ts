import type { Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { emulatorCreateDialog, expect, signInQuickly, test } from './fixtures'

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
}

for (const theme of ['light', 'dark'] as const) {
  test(`overview and new dialog pages: no serious violations (${theme})`, async ({ page }) => {
    await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
    const dialog = await emulatorCreateDialog({ type: 2, name: `A11y ${theme}`, occupants_ids: '1002', data: { class_name: 'C', a: '1' } }, 1001)
    await signInQuickly(page, 1002)
    await page.goto(`/dialogs/${dialog._id}`)
    await expect(page.getByRole('button', { name: 'No changes' })).toBeDisabled()
    await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
    expect(await seriousViolations(page)).toEqual([])
    await page.goto('/dialogs/new?type=group')
    await expect(page.getByLabel('Name', { exact: true })).toBeVisible()
    await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
    expect(await seriousViolations(page)).toEqual([])
  })
}
