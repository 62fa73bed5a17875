import { dialogRows, emulatorDialogs, expect, expectListMatches, signInQuickly, test } from './fixtures'

const BY_LAST = { sort_desc: 'last_message_date_sent' }

test.beforeEach(async ({ page }) => {
  await signInQuickly(page)
})

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

test('each sort field and order matches the server', async ({ page }) => {
  await page.goto('/dialogs')
  const cases = [
    { sort: 'name', order: 'asc', field: 'name' },
    { sort: 'name', order: 'desc', field: 'name' },
    { sort: 'created', order: 'asc', field: 'created_at' },
    { sort: 'updated', order: 'desc', field: 'updated_at' },
    { sort: 'last_message', order: 'asc', field: 'last_message_date_sent' },
  ]
  const labels: Record<string, string> = { name: 'Name', created: 'Created', updated: 'Updated', last_message: 'Last message' }
  const orderLabel = (sort: string, order: string) => sort === 'name' ? (order === 'asc' ? 'A → Z' : 'Z → A') : (order === 'asc' ? 'Oldest first' : 'Newest first')
  for (const c of cases) {
    await page.getByLabel('Sort by', { exact: true }).selectOption({ label: labels[c.sort]! })
    await page.getByLabel('Order', { exact: true }).selectOption({ label: orderLabel(c.sort, c.order) })
    await expect(page).toHaveURL(new RegExp(`sort=${c.sort}|order=${c.order}`))
    await expectListMatches(page, { limit: 25, [`sort_${c.order}`]: c.field })
  }
})

test('each filter matches the server and lands in the URL', async ({ page }) => {
  await page.goto('/dialogs')

  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Private' })
  await expect(page).toHaveURL(/type=private/)
  await expectListMatches(page, { limit: 25, type: 3, ...BY_LAST })
  await expect(dialogRows(page).first().getByText('Private')).toBeVisible()
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Any type' })

  await page.getByLabel('Name contains', { exact: true }).fill('support')
  await expect(page).toHaveURL(/name=support/)
  await expectListMatches(page, { 'limit': 25, 'name[ctn]': 'support', ...BY_LAST })
  await page.getByLabel('Name contains', { exact: true }).fill('')
  await expect(page).not.toHaveURL(/name=/)

  await page.getByLabel('Occupants (all of these IDs)', { exact: true }).fill('1001, 1002')
  await expect(page).toHaveURL(/occupants=1001%2C1002|occupants=1001,1002/)
  await expectListMatches(page, { 'limit': 25, 'occupants_ids[all]': '1001,1002', ...BY_LAST })
  await page.getByLabel('Occupants (all of these IDs)', { exact: true }).fill('1001, x')
  await expect(page.getByText('Not a user ID: x')).toBeVisible()
  await page.getByLabel('Occupants (all of these IDs)', { exact: true }).fill('')

  await page.getByLabel('Updated since (UTC)', { exact: true }).fill('2024-11-12')
  await expect(page).toHaveURL(/since=2024-11-12/)
  await page.getByLabel('Updated until (UTC)', { exact: true }).fill('2024-11-13')
  await expect(page).toHaveURL(/before=2024-11-13/)
  await expectListMatches(page, {
    'limit': 25,
    'updated_at[gte]': Date.UTC(2024, 10, 12) / 1000,
    'updated_at[lte]': Date.UTC(2024, 10, 14) / 1000 - 1,
    ...BY_LAST,
  })

  await page.getByRole('button', { name: 'Clear filters' }).first().click()
  await expect(page).toHaveURL(/\/dialogs$/)
  await page.getByLabel('Custom data class', { exact: true }).fill('SupportTicket')
  await page.getByLabel('Custom data class', { exact: true }).press('Enter')
  await expect(page).toHaveURL(/class=SupportTicket/)
  const truth = await expectListMatches(page, { 'limit': 25, 'data[class_name]': 'SupportTicket', ...BY_LAST })
  expect(truth.total_entries).toBeGreaterThan(0)
})

test('no match shows the empty state, and clearing filters brings the list back', async ({ page }) => {
  await page.goto('/dialogs?name=zz-no-such-dialog')
  await expect(page.getByRole('heading', { name: 'No dialog matches these filters' })).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).last().click()
  await expect(page).toHaveURL(/\/dialogs$/)
  await expectListMatches(page, { limit: 25, ...BY_LAST })
})

test('a deep link reproduces the view, also after reload', async ({ page }) => {
  const link = '/dialogs?page=2&size=10&sort=name&order=asc&type=group'
  const query = { 'skip': 10, 'limit': 10, 'sort_asc': 'name', 'type': 2 }
  await page.goto(link)
  await expectListMatches(page, query)
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue('group')
  await expect(page.getByLabel('Sort by', { exact: true })).toHaveValue('name')
  await page.reload()
  await expect(page).toHaveURL(new RegExp(`${link.replace(/[?]/g, '\\?')}$`))
  await expectListMatches(page, query)
})

test('a row opens the dialog summary and "Back to dialogs" keeps the view', async ({ page }) => {
  await page.goto('/dialogs?type=private')
  const truth = await expectListMatches(page, { limit: 25, type: 3, ...BY_LAST })
  const first = truth.items[0]!
  await dialogRows(page).first().focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/dialogs/${first._id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByText(first._id).first()).toBeVisible()
  await page.getByRole('link', { name: '← Back to dialogs' }).click()
  await expect(page).toHaveURL(/\/dialogs\?type=private$/)
})
