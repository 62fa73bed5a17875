import type { Locator, Page } from '@playwright/test'
import { seedActivity, THIS_APP } from './activityHelpers'
import { accentColour, dialogRows, emulatorDialogs, shownDialogs, expect, SESSION_KEY, signInQuickly, test } from './fixtures'

async function openList(page: Page) {
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(shownDialogs(page)).toHaveCount(25)
}

/** The ring a keyboard user sees: a solid 2 px outline in the theme's accent, on `ring` (the control or its box). */
async function expectRing(page: Page, control: Locator, ring: Locator = control) {
  await control.focus()
  await page.keyboard.press('Shift')
  await expect(control).toBeFocused()
  await expect(ring).toHaveCSS('outline-style', 'solid')
  await expect(ring).toHaveCSS('outline-width', '2px')
  await expect(ring).toHaveCSS('outline-color', accentColour('light'))
}

test.describe('the frame at every width', () => {
  for (const width of [360, 390, 768, 1280, 1920]) {
    test(`${width} px: the content is never squeezed and the header fits`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 })
      await openList(page)
      const main = page.getByRole('main')
      const box = (await main.boundingBox())!
      const narrow = width < 768
      await expect(page.getByRole('button', { name: 'Menu', exact: true })).toHaveCount(narrow ? 1 : 0)
      await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(narrow ? 0 : 1)
      // Below 768 px the page has the whole width; above it, all but the sidebar (at most 208 px).
      expect(box.width).toBeGreaterThanOrEqual(narrow ? width - 1 : width - 209)
      const header = page.getByRole('banner')
      expect(await header.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)
      await expect(page.getByRole('heading', { level: 1, name: 'Dialogs' })).toBeVisible()
      // Search, the acting user, the time zone, the theme and Sign out: on screen, or one tap away.
      if (narrow) {
        await expect(page.getByRole('button', { name: 'Find dialogs and users' })).toBeVisible()
        await page.getByRole('button', { name: 'Menu', exact: true }).click()
        const drawer = page.getByRole('dialog', { name: 'Menu' })
        for (const control of [drawer.getByRole('combobox', { name: 'Acting as' }), drawer.getByRole('radio', { name: 'UTC' }), drawer.getByRole('radio', { name: 'Dark' }), drawer.getByRole('button', { name: 'Sign out' })])
          await expect(control).toBeInViewport()
      }
      else {
        for (const control of [page.getByRole('combobox', { name: 'Find dialogs and users' }), page.getByRole('combobox', { name: 'Acting as' }), page.getByRole('radio', { name: 'UTC' }), page.getByRole('radio', { name: 'Dark' }), page.getByRole('button', { name: 'Sign out' })])
          await expect(control).toBeInViewport()
      }
    })
  }
})

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('the menu opens a drawer with the navigation and the session; it closes on a choice, on Esc and on Close', async ({ page }) => {
    await openList(page)
    const menu = page.getByRole('button', { name: 'Menu', exact: true })
    await expect(menu).toHaveAttribute('aria-expanded', 'false')
    await menu.click()
    const drawer = page.getByRole('dialog', { name: 'Menu' })
    await expect(drawer).toBeVisible()
    await expect(menu).toHaveAttribute('aria-expanded', 'true')
    await expect(drawer.getByRole('link', { name: 'Dialogs' })).toHaveAttribute('aria-current', 'page')
    await drawer.getByRole('link', { name: 'Activity' }).click()
    await expect(page).toHaveURL(/\/activity$/)
    await expect(drawer).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()

    await menu.click()
    await expect(drawer).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(drawer).toHaveCount(0)
    await expect(menu).toBeFocused()

    await menu.click()
    await drawer.getByRole('button', { name: 'Close menu' }).click()
    await expect(drawer).toHaveCount(0)
  })

  test('the acting user, the theme and sign-out work from the drawer', async ({ page }) => {
    await openList(page)
    await page.getByRole('button', { name: 'Menu', exact: true }).click()
    const drawer = page.getByRole('dialog', { name: 'Menu' })
    const acting = drawer.getByRole('combobox', { name: 'Acting as' })
    await acting.click()
    await acting.fill('grace')
    await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /Grace Martin/ }).click()
    await expect.poll(() => page.evaluate(k => JSON.parse(sessionStorage.getItem(k)!).actingUserId, SESSION_KEY)).toBe(1007)
    await drawer.getByRole('radio', { name: 'Dark' }).check({ force: true })
    await expect(page.locator('html')).toHaveCSS('color-scheme', 'dark')
    await drawer.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in$/)
  })

  test('the search icon opens the box full width', async ({ page }) => {
    await openList(page)
    await page.getByRole('button', { name: 'Find dialogs and users' }).click()
    const box = page.getByRole('combobox', { name: 'Find dialogs and users' })
    await expect(box).toBeFocused()
    expect((await box.boundingBox())!.width).toBeGreaterThan(280)
    await page.getByRole('button', { name: 'Close search' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Dialogs' })).toBeVisible()
  })
})

test('the first Tab reaches "Skip to content", which moves focus into the page', async ({ page }) => {
  await openList(page)
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true)
})

test('every kind of control shows the same focus ring in the accent colour', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('dialog-desk.theme', 'light'))
  await openList(page)
  await expect(page.locator('html')).toHaveCSS('color-scheme', 'light')
  await expectRing(page, page.getByRole('link', { name: 'Activity' }))
  await expectRing(page, page.getByRole('button', { name: 'Sign out' }))
  await expectRing(page, page.getByRole('link', { name: 'New dialog' }).or(page.getByRole('button', { name: 'New dialog' })).first())
  const light = page.getByRole('radio', { name: 'Light' })
  await expectRing(page, light, page.locator('.seg-button', { has: light }))
  // A native field (the list's search) and a naive-ui one (the header's search box) alike.
  await expectRing(page, page.getByRole('searchbox', { name: 'Search dialogs' }))
  const search = page.getByRole('combobox', { name: 'Find dialogs and users' })
  await search.focus()
  await expectRing(page, search, page.getByRole('search'))
})

test.describe('times in the person\'s zone, UTC on request', () => {
  test.use({ timezoneId: 'America/New_York' })

  test('times and the day filter follow the switch, which is remembered', async ({ page }) => {
    await openList(page)
    await seedActivity(page, [{ summary: 'Late at night', app: THIS_APP, at: '2026-11-22T02:00:00.000Z' }])
    await page.goto('/activity')
    const row = page.getByRole('table').locator('tbody tr.row').filter({ hasText: 'Late at night' })
    // 02:00 UTC on the 22nd is 9 PM on the 21st in New York.
    await expect(row.locator('time')).toHaveText('11/21/2026, 09:00:00 PM')
    await page.goto('/activity?from=2026-11-21&to=2026-11-21')
    await expect(row).toHaveCount(1)
    await page.goto('/activity?from=2026-11-22&to=2026-11-22')
    await expect(row).toHaveCount(0)

    // The day fields say which days they mean.
    const from = page.locator('label[for="a-from"]')
    await expect(from).toHaveAttribute('title', 'Whole days in your time zone (America/New_York)')
    await page.getByRole('radio', { name: 'UTC' }).check({ force: true })
    await expect(from).toHaveAttribute('title', 'Whole days in UTC')
    await expect(row).toHaveCount(1)
    await expect(row.locator('time')).toHaveText('11/22/2026, 02:00:00 AM UTC')
    await page.reload()
    await expect(page.getByRole('radio', { name: 'UTC' })).toBeChecked()
    await expect(row.locator('time')).toHaveText('11/22/2026, 02:00:00 AM UTC')
    expect(await page.evaluate(() => localStorage.getItem('dialog-desk.time-zone'))).toBe('utc')

    await page.getByRole('radio', { name: 'Local' }).check({ force: true })
    await expect(row).toHaveCount(0)
    expect(await page.evaluate(() => localStorage.getItem('dialog-desk.time-zone'))).toBeNull()
  })

  test('the dialog list\'s times are local too', async ({ page }) => {
    await openList(page)
    const first = (await emulatorDialogs({ limit: 1, sort_desc: 'last_message_date_sent' })).items[0]!
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(first.updated_at))
    await expect(dialogRows(page).first()).toContainText(local)
  })
})
