import type { Page } from '@playwright/test'
import { dialogRows, emulatorDialogs, expect, expectListMatches, signInQuickly, test } from './fixtures'

const BY_LAST = { sort_desc: 'last_message_date_sent' }

// Day filters are days in the zone times are shown in: UTC here, whatever the machine's zone.
test.use({ timezoneId: 'UTC' })

test.beforeEach(async ({ page }) => {
  await signInQuickly(page)
})

function header(page: Page, name: string) {
  return page.getByRole('columnheader', { name: new RegExp(`^${name}`) })
}

async function openFilters(page: Page) {
  const button = page.getByRole('button', { name: /^Filter/ })
  if (await button.getAttribute('aria-expanded') !== 'true')
    await button.click()
  return page.getByRole('region', { name: 'Filters' })
}

test('paging and page size follow the server, and back/forward restore them', async ({ page }) => {
  await page.goto('/dialogs')
  await expectListMatches(page, { limit: 25, ...BY_LAST })

  await page.getByRole('button', { name: 'Next ›' }).click()
  await expect(page).toHaveURL(/\/dialogs\?page=2$/)
  await expectListMatches(page, { skip: 25, limit: 25, ...BY_LAST })

  await page.getByLabel('Per page', { exact: true }).selectOption('50')
  await expect(page).toHaveURL(/\/dialogs\?size=50$/)
  await expectListMatches(page, { limit: 50, ...BY_LAST })

  await page.getByRole('button', { name: 'Last page' }).click()
  const total = (await emulatorDialogs({ limit: 1 })).total_entries
  const last = Math.ceil(total / 50)
  await expect(page.getByText(`Page ${last} of ${last}`)).toBeVisible()
  await expectListMatches(page, { skip: (last - 1) * 50, limit: 50, ...BY_LAST })

  await page.goBack()
  await expect(page).toHaveURL(/\/dialogs\?size=50$/)
  await page.goBack()
  await expect(page).toHaveURL(/\/dialogs\?page=2$/)
  await expectListMatches(page, { skip: 25, limit: 25, ...BY_LAST })
  await page.goForward()
  await expectListMatches(page, { limit: 50, ...BY_LAST })
})

test('column headers sort as the server does, say so with aria-sort, and work from the keyboard', async ({ page }) => {
  await page.goto('/dialogs')
  await expect(header(page, 'Last message')).toHaveAttribute('aria-sort', 'descending')
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'none')
  const cases: { column: string, url: RegExp, aria: string, query: Record<string, string> }[] = [
    { column: 'Name', url: /sort=name&order=asc|order=asc&sort=name/, aria: 'ascending', query: { 'sort_asc': 'name', 'type[in]': '1,2' } },
    { column: 'Name', url: /sort=name(?!.*order)/, aria: 'descending', query: { 'sort_desc': 'name', 'type[in]': '1,2' } },
    { column: 'Created', url: /sort=created(?!.*order)/, aria: 'descending', query: { sort_desc: 'created_at' } },
    { column: 'Created', url: /order=asc/, aria: 'ascending', query: { sort_asc: 'created_at' } },
    { column: 'Updated', url: /sort=updated(?!.*order)/, aria: 'descending', query: { sort_desc: 'updated_at' } },
    { column: 'Last message', url: /\/dialogs$/, aria: 'descending', query: BY_LAST },
    { column: 'Last message', url: /\/dialogs\?order=asc$/, aria: 'ascending', query: { sort_asc: 'last_message_date_sent' } },
  ]
  for (const [i, c] of cases.entries()) {
    const button = header(page, c.column).getByRole('button')
    if (i % 2) {
      await button.click()
    }
    else {
      // The keyboard works the headers as well: focus and Enter.
      await button.focus()
      await page.keyboard.press('Enter')
    }
    await expect(page).toHaveURL(c.url)
    await expect(header(page, c.column)).toHaveAttribute('aria-sort', c.aria)
    await expectListMatches(page, { limit: 25, ...c.query })
  }
})

test('sorting by name A → Z shows the names in that order: named dialogs only, and says so', async ({ page }) => {
  await page.goto('/dialogs?sort=name&order=asc')
  const truth = await expectListMatches(page, { 'limit': 25, 'sort_asc': 'name', 'type[in]': '1,2' })
  expect(truth.items.every(d => d.type !== 3)).toBe(true)
  await expect(page.getByText('Sorted by name: groups and public dialogs only')).toBeVisible()
  // What the Name column shows is in the order of the sort (the server compares code points).
  const shown = await dialogRows(page).locator('.name').allInnerTexts()
  expect(shown).toEqual([...shown].sort((a, b) => a < b ? -1 : a > b ? 1 : 0))
  expect(shown).toEqual(truth.items.map(d => d.name!.trim()))

  // A list of private dialogs has nothing to sort by name: it says so and keeps the newest first.
  await page.goto('/dialogs?sort=name&order=asc&type=private')
  await expectListMatches(page, { limit: 25, type: 3, ...BY_LAST })
  await expect(page.getByText('Private dialogs have no name of their own: sorted by last message.')).toBeVisible()
  await expect(header(page, 'Last message')).toHaveAttribute('aria-sort', 'descending')
})

test('each filter of the Filter panel matches the server, shows as a chip and lands in the URL', async ({ page }) => {
  await page.goto('/dialogs')
  await expect(page.getByRole('region', { name: 'Filters' })).toHaveCount(0)
  const panel = await openFilters(page)
  await expect(page.getByRole('button', { name: /^Filter/ })).toHaveAttribute('aria-expanded', 'true')

  await panel.getByRole('button', { name: 'Private', exact: true }).click()
  await expect(page).toHaveURL(/type=private/)
  await expect(panel.getByRole('button', { name: 'Private', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expectListMatches(page, { limit: 25, type: 3, ...BY_LAST })
  await expect(dialogRows(page).first().getByText('Private')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove filter Type: Private' })).toBeVisible()
  await panel.getByRole('button', { name: 'Any', exact: true }).click()
  await expect(page).not.toHaveURL(/type=/)

  const people = panel.getByLabel('With these people (all of them)')
  for (const id of [1001, 1002]) {
    // A multiple naive-ui select shows its input once the selection is clicked.
    await panel.locator('.n-base-selection').click()
    await people.fill(String(id))
    await page.locator('.n-base-select-option', { hasText: `#${id}` }).click()
  }
  await expect(page).toHaveURL(/occupants=1001%2C1002|occupants=1001,1002/)
  await expectListMatches(page, { 'limit': 25, 'occupants_ids[all]': '1001,1002', ...BY_LAST })
  await expect(page.getByRole('button', { name: 'Remove filter With: Alice Martin' })).toBeVisible()
  // Escape closes the picker's menu, not the panel.
  await page.keyboard.press('Escape')
  await expect(page.locator('.n-base-select-menu')).toBeHidden()
  await expect(panel).toBeVisible()
  await page.getByRole('button', { name: 'Clear all' }).click()
  await expect(page).toHaveURL(/\/dialogs$/)

  await panel.getByLabel('Updated since', { exact: true }).fill('2024-11-12')
  await expect(page).toHaveURL(/since=2024-11-12/)
  await panel.getByLabel('Updated until', { exact: true }).fill('2024-11-13')
  await expect(page).toHaveURL(/before=2024-11-13/)
  await expectListMatches(page, {
    'limit': 25,
    'updated_at[gte]': Date.UTC(2024, 10, 12) / 1000,
    'updated_at[lte]': Date.UTC(2024, 10, 14) / 1000 - 1,
    ...BY_LAST,
  })
  await expect(page.getByRole('button', { name: 'Remove filter Updated since 2024-11-12' })).toBeVisible()
  await page.getByRole('button', { name: 'Remove filter Updated since 2024-11-12' }).click()
  await expect(page).not.toHaveURL(/since=/)
  await expect(page).toHaveURL(/before=2024-11-13/)
  await page.getByRole('button', { name: 'Remove filter Updated until 2024-11-13' }).click()
  await expect(page).toHaveURL(/\/dialogs$/)

  await panel.getByLabel('Custom data class', { exact: true }).fill('SupportTicket')
  await panel.getByLabel('Custom data class', { exact: true }).press('Enter')
  await expect(page).toHaveURL(/class=SupportTicket/)
  const truth = await expectListMatches(page, { 'limit': 25, 'data[class_name]': 'SupportTicket', ...BY_LAST })
  expect(truth.total_entries).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('region', { name: 'Filters' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Filter\s+1\s+active$/ })).toBeVisible()
})

test('no match shows the empty state, and clearing filters brings the list back', async ({ page }) => {
  await page.goto('/dialogs?name=zz-no-such-dialog')
  await expect(page.getByRole('heading', { name: 'No dialog matches these filters' })).toBeVisible()
  await expect(page.getByLabel('Search dialogs')).toHaveValue('name:zz-no-such-dialog')
  await page.getByRole('button', { name: 'Clear filters' }).last().click()
  await expect(page).toHaveURL(/\/dialogs$/)
  await expectListMatches(page, { limit: 25, ...BY_LAST })
})

test('a deep link reproduces the view, chips and sort included, also after reload', async ({ page }) => {
  const link = '/dialogs?page=2&size=10&sort=name&order=asc&type=group&class=ProjectRoom&since=2024-01-01'
  const query = { 'skip': 10, 'limit': 10, 'sort_asc': 'name', 'type': 2, 'data[class_name]': 'ProjectRoom' }
  await page.goto(link)
  const truth = await emulatorDialogs({ ...query, 'updated_at[gte]': Date.parse('2024-01-01T00:00:00Z') / 1000, 'limit': 1 })
  await expectListMatches(page, { ...query, 'updated_at[gte]': Date.parse('2024-01-01T00:00:00Z') / 1000 })
  expect(truth.total_entries).toBeGreaterThan(10)
  for (const chip of ['Type: Group', 'Custom data class: ProjectRoom', 'Updated since 2024-01-01'])
    await expect(page.getByRole('button', { name: `Remove filter ${chip}` })).toBeVisible()
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'ascending')
  await page.reload()
  await expect(page).toHaveURL(new RegExp(`${link.replace(/[?]/g, '\\?')}$`))
  await expectListMatches(page, { ...query, 'updated_at[gte]': Date.parse('2024-01-01T00:00:00Z') / 1000 })
})

test('a row opens the dialog summary and "Back to dialogs" keeps the view', async ({ page }) => {
  await page.goto('/dialogs?type=private')
  const truth = await expectListMatches(page, { limit: 25, type: 3, ...BY_LAST })
  const first = truth.items[0]!
  await dialogRows(page).first().getByRole('link').first().focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${first._id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByText(first._id).first()).toBeVisible()
  await page.getByRole('link', { name: '← Back to dialogs' }).click()
  await expect(page).toHaveURL(/\/dialogs\?type=private$/)

  // A click anywhere on a row opens it too.
  await dialogRows(page).nth(1).locator('td').nth(4).click()
  await expect(page).toHaveURL(new RegExp(`/dialogs/${truth.items[1]!._id}$`))
})
