import { countLine, dialogRows, expect, signInQuickly, test } from './fixtures'

// Pictures of every state for people to look at (screenshots/ is git-ignored).
const DIR = 'screenshots'

test.describe('screenshots', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('sign-in', async ({ page }) => {
    await page.goto('/sign-in')
    await page.getByLabel('API key').fill('wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toBeVisible()
    await page.screenshot({ path: `${DIR}/sign-in-error.png`, animations: 'disabled' })
    await page.goto('/sign-in')
    await expect(page.getByLabel('API key')).toBeVisible()
    await page.screenshot({ path: `${DIR}/sign-in.png`, animations: 'disabled' })
  })

  test('list, light and dark, and a summary', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/dialogs')
    await expect(dialogRows(page)).toHaveCount(25)
    await expect(page.getByRole('table').getByText(/^#\d+$/)).toHaveCount(0)
    await page.screenshot({ path: `${DIR}/list-light.png`, animations: 'disabled' })
    await page.getByRole('radio', { name: 'Dark' }).check({ force: true })
    await expect(page.locator('html')).toHaveCSS('color-scheme', 'dark')
    await expect(page.locator('body')).toHaveCSS('color', 'rgba(255, 255, 255, 0.82)')
    await page.screenshot({ path: `${DIR}/list-dark.png`, animations: 'disabled' })
    await page.getByRole('radio', { name: 'Light' }).check({ force: true })

    await dialogRows(page).first().click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByRole('link', { name: '← Back to dialogs' })).toBeVisible()
    await expect(page.getByText(/^#\d+$/)).toHaveCount(0)
    await page.screenshot({ path: `${DIR}/summary.png`, fullPage: true, animations: 'disabled' })
  })

  test('acting as a user', async ({ page }) => {
    await signInQuickly(page, 1005)
    await page.goto('/dialogs?sort=updated')
    await expect(dialogRows(page).first()).toBeVisible()
    await expect(page.getByText(/^#\d+$/)).toHaveCount(0)
    await page.screenshot({ path: `${DIR}/list-acting.png`, animations: 'disabled' })
  })

  test('empty and error states', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/dialogs?name=no-such-dialog-anywhere')
    await expect(page.getByText('No dialog matches these filters')).toBeVisible()
    await page.screenshot({ path: `${DIR}/list-empty.png`, animations: 'disabled' })

    await page.route('**/api/chat/Dialog.json?**', route => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ errors: ['Parameter "sort_desc" is not valid.'] }) }))
    await page.goto('/dialogs?sort=name')
    await expect(page.getByText('Could not load dialogs')).toBeVisible()
    await page.screenshot({ path: `${DIR}/list-error.png`, animations: 'disabled' })
    await page.unroute('**/api/chat/Dialog.json?**')
    await page.getByRole('button', { name: 'Retry' }).click()
    await expect(countLine(page)).toBeVisible()
  })
})
