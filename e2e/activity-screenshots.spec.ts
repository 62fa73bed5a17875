import { SAMPLE_ENTRIES, seedActivity } from './activityHelpers'
import { expect, followNavLink, signInQuickly, test } from './fixtures'

// Pictures of the Activity screen for people to look at (SCREENSHOTS=1; screenshots/ is git-ignored).
for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440]) {
    test(`Activity at ${width} px, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 })
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      await signInQuickly(page)
      await page.goto('/dialogs')
      await seedActivity(page, SAMPLE_ENTRIES)
      await followNavLink(page, 'Activity')
      await expect(page.getByRole('button', { name: /Show details/ })).toHaveCount(SAMPLE_ENTRIES.length)
      await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
      await page.screenshot({ path: `screenshots/activity-${width}-${theme}.png`, animations: 'disabled' })
      // The rename with members and custom data, and the failure, opened.
      await page.getByRole('button', { name: /Show details/ }).nth(4).click()
      await page.getByRole('button', { name: /Show details/ }).nth(2).click()
      await page.screenshot({ path: `screenshots/activity-${width}-${theme}-details.png`, animations: 'disabled' })
      const diff = page.getByRole('region', { name: 'What changed' })
      await diff.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `screenshots/activity-${width}-${theme}-diff.png`, animations: 'disabled' })
    })
  }
}
