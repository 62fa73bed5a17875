import type { Page } from '@playwright/test'
import { axeViolations } from './axe'
import { SAMPLE_ENTRIES, seedActivity } from './activityHelpers'
import { expect, followNavLink, signInQuickly, test } from './fixtures'

async function openSeeded(page: Page, theme: 'light' | 'dark' = 'light') {
  await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
  await signInQuickly(page)
  await page.goto('/dialogs')
  await seedActivity(page, SAMPLE_ENTRIES)
  await followNavLink(page, 'Activity')
  await expect(page).toHaveURL(/\/activity$/)
  await expect(page.locator('html')).toHaveCSS('color-scheme', theme)
  await expect(page.locator('body')).toHaveCSS('color', theme === 'dark' ? 'rgba(255, 255, 255, 0.82)' : 'rgb(51, 54, 57)')
}

function entry(page: Page, summary: string) {
  return page.getByRole('table').locator('tbody tr.row').filter({ hasText: summary })
}

test.describe('the Activity screen', () => {
  test.describe.configure({ timeout: 90_000 })

  test('before and after read as a diff: changed fields, members added and removed, custom data keys; JSON behind "Show request"', async ({ page }) => {
    await openSeeded(page)
    const row = entry(page, 'Updated “Support”')
    await row.getByRole('button', { name: /Show details/ }).click()
    const details = page.locator('tr.details')
    const name = details.getByRole('row', { name: /^Name/ })
    await expect(name.locator('del')).toHaveText('Support')
    await expect(name.locator('ins')).toHaveText('Help desk')
    // Names where the users store has them already, else the ID.
    await expect(details.getByRole('list', { name: 'Members added' }).getByRole('listitem')).toHaveText([/#1005\)?$/])
    await expect(details.getByRole('list', { name: 'Members removed' }).getByRole('listitem')).toHaveText([/#1002\)?$/])
    await expect(details.getByText('2 unchanged')).toBeVisible()
    const data = details.getByRole('table', { name: 'Custom data' })
    await expect(data.getByRole('row', { name: /color/ }).locator('del')).toHaveText('red')
    await expect(data.getByRole('row', { name: /color/ }).locator('ins')).toHaveText('blue')
    await expect(data.getByRole('row', { name: /tier/ })).toContainText('gold')
    // Server bookkeeping and unchanged fields are left out.
    await expect(details.getByRole('row', { name: /updated_at|Type|Admins/ })).toHaveCount(0)
    await expect(details.locator('pre')).toHaveCount(0)
    await details.getByRole('button', { name: /Show request/ }).click()
    await expect(details.getByLabel('Request body')).toContainText('"pull_all"')
    await expect(details.getByLabel('Before, as JSON')).toContainText('"name": "Support"')

    // A creation lists what was created.
    await entry(page, 'Created group dialog').getByRole('button', { name: /Show details/ }).click()
    const created = page.locator('tr.details').filter({ hasText: 'Result' })
    await expect(created.getByRole('row', { name: /^Name/ })).toContainText('Team')
  })

  test('new results read in words: not confirmed, pending from an earlier page load', async ({ page }) => {
    await openSeeded(page)
    await expect(entry(page, 'Sent “Please keep it civil”')).toContainText('Not confirmed')
    await expect(entry(page, 'Updated “Help desk”: Photo')).toContainText('No answer recorded (the page was closed or reloaded before the answer)')
    await page.getByLabel('Result').selectOption('unknown')
    await expect(page.getByRole('table').locator('tbody tr.row')).toHaveCount(1)
  })

  test('details open by keyboard alone', async ({ page }) => {
    await openSeeded(page)
    const toggle = entry(page, 'Made user #1002 an admin').getByRole('button', { name: /details of entry/ })
    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    // The next Tabs go through the row's links, then into its details.
    const raw = page.locator('tr.details').getByRole('button', { name: /Show request/ })
    for (let i = 0; i < 6 && !(await raw.evaluate(el => el === document.activeElement)); i++)
      await page.keyboard.press('Tab')
    await expect(raw).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.locator('tr.details').getByText('PUT /chat/Dialog/')).toBeVisible()
  })

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } })

    test('entries are cards with their details one tap away, and nothing is wider than the screen', async ({ page }) => {
      await openSeeded(page)
      const cards = page.getByRole('list', { name: 'Activity entries' }).getByRole('listitem').filter({ has: page.getByRole('button', { name: /details/ }) })
      await expect(cards).toHaveCount(SAMPLE_ENTRIES.length)
      const card = cards.filter({ hasText: 'Updated “Support”' })
      await card.getByRole('button', { name: /Show details/ }).click()
      await expect(card.locator('dd').filter({ has: page.locator('del', { hasText: 'Support' }) }).locator('ins')).toHaveText('Help desk')
      // Filters fold away behind one button, which says how many are on.
      await expect(page.getByLabel('Search')).toHaveCount(0)
      await page.getByRole('button', { name: 'Filters' }).click()
      await page.getByLabel('Result').selectOption('success')
      await expect(page.getByRole('button', { name: 'Hide filters (1 on)' })).toHaveAttribute('aria-expanded', 'true')
      await page.getByRole('button', { name: /Hide filters/ }).click()
      await expect(cards).toHaveCount(3)
      const overflow = await page.locator('.activity-view').evaluate((view) => {
        const right = view.getBoundingClientRect().right + 1
        return [...view.querySelectorAll('*')].filter(el => el.getBoundingClientRect().right > right).slice(0, 8).map(el => `${el.tagName}.${el.className}`)
      })
      expect(overflow).toEqual([])
    })
  })

  for (const theme of ['light', 'dark'] as const) {
    for (const width of [390, 1440]) {
      test(`axe finds nothing at ${width} px, ${theme}, with details and the raw request open`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 })
        await openSeeded(page, theme)
        const toggles = page.getByRole('button', { name: /Show details/ })
        await toggles.nth(2).click()
        await toggles.nth(3).click()
        await page.getByRole('button', { name: /Show request/ }).first().click()
        expect(await axeViolations(page)).toEqual([])
      })
    }
  }
})
