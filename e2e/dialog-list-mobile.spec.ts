import type { Page } from '@playwright/test'
import { emulatorCreateDialog, emulatorDialog, emulatorDialogs, expect, signInQuickly, test } from './fixtures'

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

function cards(page: Page) {
  return page.getByRole('list', { name: 'Dialogs' }).getByRole('listitem')
}

async function expectThumbSized(...controls: ReturnType<Page['getByRole']>[]) {
  for (const control of controls) {
    const box = (await control.boundingBox())!
    expect(box.height, await control.textContent() ?? '').toBeGreaterThanOrEqual(44)
  }
}

test('below 768 px the list is cards: name, type, last message and time, in the server\'s order', async ({ page }) => {
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(cards(page)).toHaveCount(25)
  await expect(page.getByRole('table')).toHaveCount(0)
  const truth = await emulatorDialogs({ limit: 25, sort_desc: 'last_message_date_sent' })
  expect(await cards(page).evaluateAll(list => list.map(c => c.getAttribute('data-id')))).toEqual(truth.items.map(d => d._id))
  const hands = truth.items.find(d => d.name === 'All hands')!
  const card = cards(page).filter({ hasText: 'All hands' })
  await expect(card).toContainText('Group')
  await expect(card).toContainText(hands.last_message!)
  await expect(card).toContainText(/ago|just now|yesterday/)

  await expectThumbSized(page.getByRole('button', { name: 'Next ›' }), page.getByRole('button', { name: 'Last page' }))

  // Sorting has no headers here: a select does it.
  await page.getByLabel('Sort by').selectOption({ label: 'Oldest created' })
  await expect(page).toHaveURL(/sort=created&order=asc|order=asc&sort=created/)
  const oldest = await emulatorDialogs({ limit: 25, sort_asc: 'created_at' })
  await expect.poll(() => cards(page).evaluateAll(list => list.map(c => c.getAttribute('data-id')))).toEqual(oldest.items.map(d => d._id))

  await cards(page).first().getByRole('link').tap()
  await expect(page).toHaveURL(new RegExp(`/dialogs/${oldest.items[0]!._id}$`))
})

test('on a phone the filter, the selection and the bulk bar work by thumb', async ({ page }) => {
  const prefix = `Thumb ${Date.now()}`
  const made = []
  for (const n of [1, 2])
    made.push(await emulatorCreateDialog({ type: 2, name: `${prefix} ${n}`, occupants_ids: '1002' }, 1001))
  await signInQuickly(page)
  await page.goto('/dialogs')
  await expect(cards(page)).toHaveCount(25)
  const filter = page.getByRole('button', { name: /^Filter/ })
  await expectThumbSized(filter)
  await filter.tap()
  await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: 'Group', exact: true }).tap()
  await expect(page).toHaveURL(/type=group/)
  await page.getByRole('button', { name: 'Done' }).tap()

  await page.getByLabel('Search dialogs').fill(`name:${prefix}`)
  await page.getByLabel('Search dialogs').press('Enter')
  await expect(cards(page)).toHaveCount(2)
  for (const i of [0, 1])
    await cards(page).nth(i).locator('.check').tap()
  const bar = page.getByRole('region', { name: 'Selected dialogs' })
  await expect(bar).toContainText('2 selected')
  await expect(bar).toBeInViewport({ ratio: 1 })
  const remove = bar.getByRole('button', { name: 'Delete for everyone…' })
  await expectThumbSized(remove, bar.getByRole('button', { name: 'Clear selection' }))
  await remove.tap()
  const modal = page.getByRole('dialog', { name: 'Delete 2 dialogs for everyone?' })
  await expect(modal).toBeInViewport()
  const box = (await modal.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(390)
  await modal.getByLabel(/Type .* to confirm/).fill('delete 2')
  await modal.getByRole('button', { name: 'Delete for everyone' }).tap()
  await expect(page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Deleted 2 dialogs.' }) })).toBeVisible()
  for (const d of made)
    expect(await emulatorDialog(d._id)).toBeNull()
})
