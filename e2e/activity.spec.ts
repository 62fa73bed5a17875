import type { Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { csvRecords } from '../src/test/csv'
import { API_KEY, emulatorUser, expect, SESSION_KEY, test } from './fixtures'

const OPERATOR = 'Dana QA'

/** Every record of the activity store in IndexedDB, read straight from the browser. */
function activityDb(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(() => new Promise<Record<string, unknown>[]>((resolve, reject) => {
    const open = indexedDB.open('dialog-desk')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const all = db.transaction('activity', 'readonly').objectStore('activity').getAll()
      all.onsuccess = () => {
        resolve(all.result as Record<string, unknown>[])
        db.close()
      }
      all.onerror = () => reject(all.error)
    }
  }))
}

/** Every stored string of the page that is not the session entry (the one place the key may be). */
function storageOtherThanSession(page: Page) {
  return page.evaluate((sessionKey) => {
    const dump = (storage: Storage, skip?: string) => Object.keys(storage).filter(k => k !== skip).map(k => `${k}=${storage.getItem(k)}`)
    return [...dump(localStorage), ...dump(sessionStorage, sessionKey)].join('\n')
  }, SESSION_KEY)
}

function activityRows(page: Page) {
  return page.getByRole('table').locator('tbody tr.row')
}

function pickerOption(page: Page, text: string | RegExp) {
  // naive-ui's select menu has no ARIA roles; its options are found by their text.
  return page.locator('.n-base-select-option', { hasText: text })
}

async function signIn(page: Page, options: { key?: string, operator?: string } = {}) {
  // No reload when already there: it could cut short the entry of a failed attempt being written.
  if (!new URL(page.url()).pathname.endsWith('/sign-in'))
    await page.goto('/sign-in')
  await page.getByLabel('API key').fill(options.key ?? API_KEY)
  if (options.operator)
    await page.getByLabel(/Your name/).fill(options.operator)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** In-app navigation: a full reload could cut short an entry still being written. */
async function openActivity(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  await expect(page).toHaveURL(/\/activity$/)
}

async function actAs(page: Page, userId: number) {
  const acting = page.getByLabel('Acting as')
  await acting.click()
  await acting.fill(String(userId))
  await pickerOption(page, `#${userId}`).click()
}

async function download(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  const path = await file.path()
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') }
}

test.describe('activity log', () => {
  // Long flows on a shared, busy machine: more room than the 30 s default.
  test.describe.configure({ timeout: 90_000 })

  test('records sign-in and acting-user switches with who, as whom and the result, as IndexedDB holds them; filters in the URL', async ({ page }) => {
    const user = await emulatorUser(1005)

    await signIn(page, { operator: OPERATOR })
    await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
    await actAs(page, user.id)
    await expect(page.getByRole('alert').filter({ hasText: 'Acting as' })).toContainText(user.full_name!)

    await openActivity(page)
    await expect(page.getByRole('heading', { name: 'No activity yet' })).toHaveCount(0)
    await expect(activityRows(page)).toHaveCount(2)

    // Newest first: the switch, then the sign-in.
    const [switchRow, signInRow] = [activityRows(page).nth(0), activityRows(page).nth(1)]
    await expect(switchRow).toContainText('Switch acting user')
    await expect(switchRow).toContainText(OPERATOR)
    // The label names the user as the emulator knows them.
    await expect(switchRow).toContainText(`${user.full_name} (#${user.id})`)
    await expect(switchRow).toContainText(`Switched from the account owner to user #${user.id}`)
    await expect(switchRow).toContainText('Success')
    await expect(signInRow).toContainText('Sign in')
    await expect(signInRow).toContainText('Account owner (API key)')
    await expect(signInRow).toContainText('Signed in to /api as the account owner')

    // The expanded row shows what changed in words; the raw JSON is behind "Show request".
    await switchRow.getByRole('button', { name: /Show details/ }).click()
    const details = page.locator('tr.details')
    const changed = details.getByRole('table').getByRole('row', { name: /Acting user/ })
    await expect(changed.getByRole('cell').nth(0)).toHaveText('Account owner (API key)')
    await expect(changed.getByRole('cell').nth(1)).toHaveText(String(user.id))
    await expect(details.locator('pre')).toHaveCount(0)
    await details.getByRole('button', { name: /Show request/ }).click()
    await expect(details.getByLabel('Before, as JSON')).toHaveText(/"actingUserId": null/)
    await expect(details.getByLabel('After, as JSON')).toHaveText(new RegExp(`"actingUserId": ${user.id}`))
    await switchRow.getByRole('button', { name: /Hide details/ }).click()
    await expect(details).toHaveCount(0)

    // What is in IndexedDB matches the screen, and carries no key.
    const stored = await activityDb(page)
    expect(stored.map(e => e.action)).toEqual(['session.sign-in', 'session.act-as'])
    expect(stored[1]).toMatchObject({ operator: OPERATOR, apiBase: '/api', actingAs: { userId: user.id }, before: { actingUserId: null }, after: { actingUserId: user.id }, result: 'success' })
    expect(JSON.stringify(stored)).not.toContain(API_KEY)
    expect(await storageOtherThanSession(page)).not.toContain(API_KEY)

    // Filters live in the URL.
    await page.getByLabel('Action', { exact: true }).selectOption('session.act-as')
    await expect(page).toHaveURL(/[?&]action=session\.act-as/)
    await expect(activityRows(page)).toHaveCount(1)
    await page.getByLabel('Result').selectOption('failure')
    await expect(page.getByText('No entry matches these filters')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect(activityRows(page)).toHaveCount(2)
    await page.getByLabel('Search').fill('signed in')
    await expect(page).toHaveURL(/[?&]q=signed\+in|[?&]q=signed%20in/)
    await expect(activityRows(page)).toHaveCount(1)
    // The day as the table shows it.
    const today = (await activityRows(page).first().locator('time').textContent())!.slice(0, 10)
    await page.goto(`/activity?from=${today}&to=${today}`)
    await expect(activityRows(page)).toHaveCount(2)
    await page.goto('/activity?from=2000-01-01&to=2000-01-02')
    await expect(page.getByText('No entry matches these filters')).toBeVisible()
  })

  test('the log survives reload, sign-out and the next sign-in (it is an audit trail)', async ({ page }) => {
    const user = await emulatorUser(1005)
    await signIn(page, { operator: OPERATOR })
    await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
    await actAs(page, user.id)
    await expect(page.getByRole('alert').filter({ hasText: 'Acting as' })).toContainText(user.full_name!)
    await openActivity(page)
    await expect(activityRows(page)).toHaveCount(2)
    await page.reload()
    await expect(activityRows(page)).toHaveCount(2)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in$/)
    await expect(page.getByLabel(/Your name/)).toHaveValue('')
    await signIn(page)
    await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
    await openActivity(page)
    await expect(activityRows(page)).toHaveCount(4)
    await expect(activityRows(page).nth(0)).toContainText('Sign in')
    await expect(activityRows(page).nth(0).locator('td').nth(2)).toHaveText('—')
    await expect(activityRows(page).nth(1)).toContainText('Sign out')
    await expect(activityRows(page).nth(1)).toContainText(OPERATOR)
    await expect(activityRows(page).nth(1)).toContainText(`${user.full_name} (#${user.id})`)
    expect(JSON.stringify(await activityDb(page))).not.toContain(API_KEY)
  })

  test('exports the filtered entries as CSV and JSON, without the key', async ({ page }) => {
    await signIn(page, { key: 'not-the-key' })
    await expect(page.getByRole('alert')).toContainText('Wrong API key')
    await signIn(page, { operator: OPERATOR })
    await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
    await actAs(page, 1003)
    await expect(page.getByRole('alert').filter({ hasText: 'Acting as' })).toBeVisible()
    await openActivity(page)
    await expect(activityRows(page)).toHaveCount(3)
    const failed = activityRows(page).nth(2)
    await expect(failed).toContainText('Failure · 401')
    await expect(failed).toContainText('Sign-in to /api failed: wrong API key')

    const all = await download(page, 'Export JSON')
    expect(all.name).toMatch(/^dialog-desk-activity-\d{4}-\d{2}-\d{2}-\d{4}\.json$/)
    const json = JSON.parse(all.text) as { count: number, entries: { action: string, result: string, status?: number, operator?: string }[] }
    expect(json.count).toBe(3)
    expect(json.entries.map(e => [e.action, e.result])).toEqual([['session.act-as', 'success'], ['session.sign-in', 'success'], ['session.sign-in', 'failure']])
    expect(json.entries[2]).toMatchObject({ status: 401, error: expect.stringMatching(/./) })
    expect(json.entries[2]!.operator).toBeUndefined()
    expect(json.entries[1]!.operator).toBe(OPERATOR)
    expect(all.text).not.toContain(API_KEY)
    expect(all.text).not.toContain('not-the-key')

    await page.getByLabel('Action', { exact: true }).selectOption('session.sign-in')
    await expect(activityRows(page)).toHaveCount(2)
    const csv = await download(page, 'Export CSV')
    expect(csv.name).toMatch(/\.csv$/)
    const rows = csvRecords(csv.text.replace(/^\uFEFF/, ''))
    expect(rows.map(r => [r.action, r.result, r.status, r.operator, r.acting_as])).toEqual([
      ['session.sign-in', 'success', '', OPERATOR, 'Account owner (API key)'],
      ['session.sign-in', 'failure', '401', '', 'Account owner (API key)'],
    ])
    expect(rows[0]!.request_path).toBe('/users.json')
    expect(csv.text).not.toContain(API_KEY)
    const filteredJson = JSON.parse((await download(page, 'Export JSON')).text) as { filters: Record<string, string>, count: number }
    expect(filteredJson).toMatchObject({ count: 2, filters: { action: 'session.sign-in' } })

    const stored = JSON.stringify(await activityDb(page))
    expect(stored).not.toContain(API_KEY)
    expect(stored).not.toContain('not-the-key')
    expect(await storageOtherThanSession(page)).not.toContain(API_KEY)
  })

  test('clearing the log asks first', async ({ page }) => {
    await signIn(page)
    await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
    await openActivity(page)
    await expect(activityRows(page)).toHaveCount(1)
    await page.getByRole('button', { name: 'Clear log…' }).click()
    const confirm = page.getByRole('dialog')
    await expect(confirm).toContainText('Clear the activity log?')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(activityRows(page)).toHaveCount(1)
    await page.getByRole('button', { name: 'Clear log…' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Clear log' }).click()
    // The log is never silently empty: what is left says who cleared it and how much went.
    await expect(activityRows(page)).toHaveCount(1)
    await expect(activityRows(page).first()).toContainText('Cleared the activity log (1 entry)')
    expect((await activityDb(page)).map(e => (e as { action: string }).action)).toEqual(['log.clear'])
    await page.reload()
    await expect(activityRows(page)).toHaveCount(1)
    await expect(activityRows(page).first()).toContainText('Clear activity log')
    // Every action, this one too, can be picked in the Action filter.
    await page.getByLabel('Action').selectOption({ label: 'Clear activity log' })
    await expect(page).toHaveURL(/action=log\.clear/)
    await expect(activityRows(page)).toHaveCount(1)
    await page.getByLabel('Action').selectOption({ label: 'Sign in' })
    await expect(activityRows(page)).toHaveCount(0)
  })

  test('without IndexedDB the log lives in this tab and says so', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }))
    await signIn(page, { operator: OPERATOR })
    await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
    await openActivity(page)
    await expect(page.getByText('Kept in this tab only')).toBeVisible()
    await expect(page.getByText(/offers no IndexedDB/)).toBeVisible()
    await expect(activityRows(page)).toHaveCount(1)
    await expect(activityRows(page).first()).toContainText(OPERATOR)
    expect(await storageOtherThanSession(page)).not.toContain(API_KEY)
  })
})
