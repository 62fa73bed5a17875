import type { Page } from '@playwright/test'
import { expect, signInQuickly, test } from './fixtures'

// Pictures of the dialog list for people to look at (screenshots/ is git-ignored): 390 and 1440 px,
// light and dark; the list, the open filter, the bulk bar and the delete modal.
const DIR = 'screenshots'

function rows(page: Page, narrow: boolean) {
  return narrow ? page.getByRole('list', { name: 'Dialogs' }).getByRole('listitem') : page.getByRole('table').locator('tbody tr')
}

for (const theme of ['light', 'dark'] as const) {
  for (const width of [390, 1440]) {
    test(`dialog list at ${width}, ${theme}`, async ({ page }) => {
      const narrow = width < 768
      await page.setViewportSize({ width, height: narrow ? 844 : 900 })
      await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      await signInQuickly(page)
      await page.goto('/dialogs')
      await expect(rows(page, narrow)).toHaveCount(25)
      await expect(page.getByText(/^#\d+$/)).toHaveCount(0)
      await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
      const name = `list-${width}-${theme}`
      await page.screenshot({ path: `${DIR}/${name}.png` })

      await page.getByRole('button', { name: /^Filter/ }).click()
      await expect(page.getByRole('region', { name: 'Filters' })).toBeVisible()
      await page.getByRole('button', { name: 'Group', exact: true }).click()
      await expect(page).toHaveURL(/type=group/)
      await page.screenshot({ path: `${DIR}/${name}-filter.png` })
      await page.getByRole('button', { name: 'Done' }).click()

      await page.getByLabel(/^Select /).nth(1).check()
      await page.getByLabel(/^Select /).nth(2).check()
      if (!narrow)
        await page.getByLabel('Select all dialogs on this page').check()
      await expect(page.getByRole('region', { name: 'Selected dialogs' })).toBeVisible()
      await page.screenshot({ path: `${DIR}/${name}-bulk.png` })

      await page.getByRole('region', { name: 'Selected dialogs' }).getByRole('button', { name: 'Delete for everyone…' }).click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await page.screenshot({ path: `${DIR}/${name}-delete.png` })
    })
  }
}
