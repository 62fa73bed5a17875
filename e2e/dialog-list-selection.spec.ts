import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { dialogRows, emulatorCreateDialog, emulatorDialogs, expect, signInQuickly, test } from './fixtures'

const OWNER = 1001

/** `count` groups named "`prefix` n", created one after another (so newest last). */
async function groups(prefix: string, count: number): Promise<Dialog[]> {
  const out: Dialog[] = []
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i + 1)
    out.push(...await Promise.all(batch.map(n => emulatorCreateDialog({ type: 2, name: `${prefix} ${String(n).padStart(3, '0')}`, occupants_ids: '1002' }, OWNER))))
  }
  return out
}

async function remaining(prefix: string): Promise<number> {
  return (await emulatorDialogs({ 'name[ctn]': prefix, 'limit': 1 })).total_entries
}

function bar(page: Page) {
  return page.getByRole('region', { name: 'Selected dialogs' })
}

async function confirmForEveryone(page: Page, count: number) {
  const modal = page.getByRole('dialog', { name: `Delete ${count} dialogs for everyone?` })
  await expect(modal).toBeVisible()
  await modal.getByLabel(/Type .* to confirm/).fill(`delete ${count}`)
  await modal.getByRole('button', { name: 'Delete for everyone' }).click()
  await expect(modal).toBeHidden()
}

test('the selection is kept across pages, and one delete takes all of it', async ({ page }) => {
  const prefix = `Pages ${Date.now()}`
  const made = await groups(prefix, 30)
  await signInQuickly(page)
  await page.goto(`/dialogs?name=${encodeURIComponent(prefix)}&size=10`)
  await expect(page.getByText('Showing 1–10 of 30 dialogs')).toBeVisible()
  const picked: string[] = []
  for (const i of [0, 3]) {
    await dialogRows(page).nth(i).getByRole('checkbox').check()
    picked.push((await dialogRows(page).nth(i).getAttribute('data-id'))!)
  }
  await page.getByRole('button', { name: 'Next ›' }).click()
  await expect(page.getByText('Showing 11–20 of 30 dialogs')).toBeVisible()
  await expect(bar(page)).toContainText('2 selected')
  await expect(dialogRows(page).getByRole('checkbox', { checked: true })).toHaveCount(0)
  await dialogRows(page).nth(5).getByRole('checkbox').check()
  picked.push((await dialogRows(page).nth(5).getAttribute('data-id'))!)
  await expect(bar(page)).toContainText('3 selected')
  await page.getByRole('button', { name: '‹ Previous' }).click()
  await expect(page.getByText('Showing 1–10 of 30 dialogs')).toBeVisible()
  await expect(dialogRows(page).nth(0).getByRole('checkbox')).toBeChecked()
  await expect(dialogRows(page).nth(3).getByRole('checkbox')).toBeChecked()

  await bar(page).getByRole('button', { name: 'Delete for everyone…' }).click()
  const modal = page.getByRole('dialog', { name: 'Delete 3 dialogs for everyone?' })
  for (const id of picked)
    await expect(modal).toContainText(id)
  await confirmForEveryone(page, 3)
  await expect(page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Deleted 3 dialogs.' }) })).toBeVisible()
  await expect(page.getByText('Showing 1–10 of 27 dialogs')).toBeVisible()
  await expect(bar(page)).toHaveCount(0)
  const left = new Set((await emulatorDialogs({ 'name[ctn]': prefix, 'limit': 100 })).items.map(d => d._id))
  expect(left.size).toBe(27)
  expect(picked.every(id => !left.has(id))).toBe(true)
  expect(made.filter(d => !left.has(d._id)).map(d => d._id).sort()).toEqual([...picked].sort())

  // Another set of filters starts a new selection.
  await dialogRows(page).nth(0).getByRole('checkbox').check()
  await expect(bar(page)).toContainText('1 selected')
  await page.getByLabel('Search dialogs').fill(`name:${prefix} 00`)
  await page.getByLabel('Search dialogs').press('Enter')
  await expect(page.getByText(/^Showing 1–\d+ of \d+ dialogs$/)).toBeVisible()
  await expect(bar(page)).toHaveCount(0)
})

test('select all N matches, then a chunked delete with progress, Cancel, and continue', async ({ page }) => {
  const prefix = `Mass ${Date.now()}`
  await groups(prefix, 150)
  await signInQuickly(page)
  // The second DELETE waits until Cancel was pressed: Cancel lets it finish and starts no third.
  let release: () => void = () => {}
  const held = new Promise<void>(resolve => release = resolve)
  const deletes: number[] = []
  await page.route('**/api/chat/Dialog/*.json', async (route) => {
    if (route.request().method() !== 'DELETE')
      return route.fallback()
    deletes.push(route.request().url().split('/').pop()!.split(',').length)
    if (deletes.length === 2)
      await held
    await route.fallback()
  })
  await page.goto(`/dialogs?name=${encodeURIComponent(prefix)}`)
  await expect(page.getByText('Showing 1–25 of 150 dialogs')).toBeVisible()
  await page.getByLabel('Select all dialogs on this page').check()
  await expect(bar(page)).toContainText('25 selected')
  await bar(page).getByRole('button', { name: 'Select all 150 matches' }).click()
  await expect(bar(page)).toContainText('All 150 matches selected')
  await bar(page).getByRole('button', { name: 'Delete for everyone…' }).click()
  await confirmForEveryone(page, 150)

  await expect(bar(page)).toContainText('Deleting: 71 of 150 dialogs')
  await expect(bar(page).getByRole('progressbar')).toBeVisible()
  await bar(page).getByRole('button', { name: 'Cancel' }).click()
  release()
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /^Deleted 142 dialogs\./ }) })
  await expect(summary).toContainText('Cancelled: 8 not started.')
  expect(deletes).toEqual([71, 71])
  expect(await remaining(prefix)).toBe(8)
  await expect(page.getByText('Showing 1–8 of 8 dialogs')).toBeVisible()

  await summary.getByRole('button', { name: 'Continue with the 8 not started' }).click()
  await expect(page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Deleted 150 dialogs.' }) })).toBeVisible()
  expect(deletes).toEqual([71, 71, 8])
  expect(await remaining(prefix)).toBe(0)
  await expect(page.getByRole('heading', { name: 'No dialog matches these filters' })).toBeVisible()
})

test('a failed request does not stop the rest; the summary names it and "Retry failed" repeats only it', async ({ page }) => {
  const prefix = `Flaky ${Date.now()}`
  await groups(prefix, 80)
  await signInQuickly(page)
  let refused = 0
  await page.route('**/api/chat/Dialog/*.json', async (route) => {
    if (route.request().method() === 'DELETE' && refused === 0) {
      refused++
      return route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ errors: ['Slow down, please'] }) })
    }
    return route.fallback()
  })
  await page.goto(`/dialogs?name=${encodeURIComponent(prefix)}&size=100`)
  await expect(page.getByText('Showing 1–80 of 80 dialogs')).toBeVisible()
  await page.getByLabel('Select all dialogs on this page').check()
  await bar(page).getByRole('button', { name: 'Delete for everyone…' }).click()
  await confirmForEveryone(page, 80)
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /^Deleted 9 dialogs\. 71 failed\./ }) })
  await expect(summary.getByText('71 failed', { exact: true })).toBeVisible()
  await expect(summary).toContainText('Slow down, please')
  expect(await remaining(prefix)).toBe(71)
  await summary.getByRole('button', { name: 'Retry failed (71)' }).click()
  await expect(page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Deleted 80 dialogs.' }) })).toBeVisible()
  expect(await remaining(prefix)).toBe(0)
})
