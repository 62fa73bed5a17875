import type { Page } from '@playwright/test'
import { dialogRows, expect, signInQuickly, test } from './fixtures'

test.use({ viewport: { width: 1440, height: 900 } })

/** Rows whose whole box is on screen. */
async function rowsInView(page: Page): Promise<number> {
  return dialogRows(page).evaluateAll(rows => rows.filter((r) => {
    const box = r.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= window.innerHeight
  }).length)
}

/** The element that scrolls the page's content. */
async function scrollContent(page: Page, to: 'bottom' | 'top') {
  await page.getByRole('table').evaluate((table, where) => {
    let el: HTMLElement | null = table.parentElement
    while (el && !(el.scrollHeight > el.clientHeight && /auto|scroll/.test(getComputedStyle(el).overflowY)))
      el = el.parentElement
    ;(el ?? document.scrollingElement as HTMLElement).scrollTop = where === 'bottom' ? 1e6 : 0
  }, to)
}

test('at 1440×900 at least 20 rows are on screen, under a header and filters that stay closed', async ({ page }) => {
  await signInQuickly(page)
  await page.goto('/dialogs?size=50')
  await expect(dialogRows(page)).toHaveCount(50)
  expect(await rowsInView(page)).toBeGreaterThanOrEqual(20)
  await expect(page.getByRole('region', { name: 'Filters' })).toHaveCount(0)
})

test('the column header and the bulk bar stay in view while the list scrolls', async ({ page }) => {
  await signInQuickly(page)
  await page.goto('/dialogs?size=100')
  await expect(dialogRows(page)).toHaveCount(100)
  await dialogRows(page).nth(1).getByRole('checkbox').check()
  const bar = page.getByRole('region', { name: 'Selected dialogs' })
  await expect(bar).toBeInViewport({ ratio: 1 })
  await scrollContent(page, 'bottom')
  await expect(dialogRows(page).first()).not.toBeInViewport()
  const head = page.getByRole('columnheader', { name: /^Name/ })
  await expect(head).toBeInViewport({ ratio: 1 })
  await expect(bar).toBeInViewport({ ratio: 1 })
  await scrollContent(page, 'top')
  await expect(bar).toBeInViewport({ ratio: 1 })
})

test('rows do not move when owner names arrive', async ({ page }) => {
  await signInQuickly(page)
  // Hold the names back until the rows were measured without them.
  let release: () => void = () => {}
  const held = new Promise<void>(resolve => release = resolve)
  await page.route('**/api/users.json?**', async (route) => {
    await held
    await route.fallback()
  })
  await page.goto('/dialogs')
  await expect(dialogRows(page)).toHaveCount(25)
  await expect(dialogRows(page).first().locator('td').nth(3)).toHaveText(/^#\d+$/)
  const boxes = () => dialogRows(page).evaluateAll(rows => rows.slice(0, 10).flatMap(r => [...r.children].map((c) => {
    const b = c.getBoundingClientRect()
    return [Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]
  })))
  const before = await boxes()
  release()
  await expect(page.getByRole('table').getByText(/^#\d+$/)).toHaveCount(0)
  expect(await boxes()).toEqual(before)
})
