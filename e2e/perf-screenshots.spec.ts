import type { Page } from '@playwright/test'
import { emulatorDialogs, expect, signInQuickly, test } from './fixtures'

// Every screen whose loading changed with issue 15 ("Fast on a phone"), at 390 and 1440 px, light
// and dark, for people to compare before and after (PERF_SHOTS names the folder).
const DIR = `screenshots/perf-${process.env.PERF_SHOTS ?? 'now'}`

async function settle(page: Page) {
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => document.fonts.ready)
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

for (const width of [390, 1440]) {
  for (const theme of ['light', 'dark'] as const) {
    test.describe(`${width} ${theme}`, () => {
      test.use({ viewport: { width, height: width < 768 ? 844 : 900 } })
      test.beforeEach(async ({ page }) => {
        await page.addInitScript(t => localStorage.setItem('dialog-desk.theme', t), theme)
      })
      const shot = (page: Page, name: string) => page.screenshot({ path: `${DIR}/${name}-${width}-${theme}.png`, animations: 'disabled' })

      test('sign-in', async ({ page }) => {
        await page.goto('/sign-in')
        await expect(page.getByLabel('API key')).toBeVisible()
        await settle(page)
        await shot(page, 'sign-in')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expect(page.getByText('Enter the application\'s API key.')).toBeVisible()
        await page.getByLabel('API key').focus()
        await settle(page)
        await shot(page, 'sign-in-invalid')
      })

      test('signed-in screens', async ({ page }) => {
        const dialog = (await emulatorDialogs({ name: 'All hands', limit: 1 })).items[0]!._id
        await signInQuickly(page)
        const screens: [string, string, () => Promise<void>][] = [
          ['list', '/dialogs', () => expect(page.getByText(/^Showing 1–25 of \d+ dialogs$/)).toBeVisible()],
          ['new', '/dialogs/new', () => expect(page.getByRole('heading', { level: 1, name: 'New dialog' })).toBeVisible()],
          ['overview', `/dialogs/${dialog}`, () => expect(page.getByRole('heading', { level: 1, name: 'All hands' })).toBeVisible()],
          ['members', `/dialogs/${dialog}/members`, () => expect(page.getByRole('heading', { level: 1, name: 'All hands' })).toBeVisible()],
          ['messages', `/dialogs/${dialog}/messages`, () => expect(page.getByRole('heading', { level: 1, name: 'All hands' })).toBeVisible()],
          ['activity', '/activity', () => expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()],
          ['users', '/users', () => expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()],
          ['user', '/users/1001', () => expect(page.getByRole('heading', { level: 1 })).toBeVisible()],
        ]
        for (const [name, path, ready] of screens) {
          await page.goto(path)
          await ready()
          await settle(page)
          await shot(page, name)
        }
        if (width < 768) {
          await page.goto('/dialogs')
          await page.getByRole('button', { name: 'Menu' }).click()
          await expect(page.getByRole('radio', { name: 'Light' })).toBeVisible()
          await settle(page)
          await shot(page, 'drawer')
        }
      })
    })
  }
}
