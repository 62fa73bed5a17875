import type { Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { OTHER_APP, seedActivity as seed, THIS_APP } from './activityHelpers'
import { activityEntries, API_KEY, emulatorCreateDialog, emulatorDialog, expect, signInQuickly, test } from './fixtures'

const OWNER = 1001

function rows(page: Page) {
  return page.getByRole('table').locator('tbody tr.row')
}

async function openActivity(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  await expect(page).toHaveURL(/\/activity/)
}

async function signInWithForm(page: Page) {
  await page.getByLabel('API key').fill(API_KEY)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/dialogs$/, { timeout: 20_000 })
}

test.describe('the activity log keeps itself safe', () => {
  test.describe.configure({ timeout: 90_000 })

  test('a reload 10 ms after a rename keeps the log entry', async ({ page }) => {
    const dialog = await emulatorCreateDialog({ type: 2, name: `Reload test ${Date.now()}`, occupants_ids: '1002' }, OWNER)
    await signInQuickly(page, OWNER)
    await page.goto(`/dialogs/${dialog._id}`)
    const name = page.getByLabel('Name', { exact: true })
    await expect(name).toHaveValue(dialog.name!)

    // The server applies the rename, but its answer is held back until the page has gone.
    let sent!: () => void
    const putSent = new Promise<void>(resolve => sent = resolve)
    await page.route(url => url.pathname.endsWith(`/chat/Dialog/${dialog._id}.json`), async (route) => {
      if (route.request().method() !== 'PUT')
        return route.continue()
      const answer = await route.fetch()
      sent()
      await new Promise(resolve => setTimeout(resolve, 5000))
      await route.fulfill({ response: answer }).catch(() => undefined)
    })
    await name.fill('Renamed, then reloaded')
    await page.getByRole('button', { name: /^Save/ }).click()
    // The moment the PUT is out (today's code writes nothing until the answer), reload.
    await putSent
    await page.reload()
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await expect.poll(async () => (await emulatorDialog(dialog._id))!.name).toBe('Renamed, then reloaded')

    await openActivity(page)
    const row = rows(page).filter({ hasText: `Updated “${dialog.name}”` })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('No answer recorded')
    await expect(row).toContainText('the page was closed or reloaded before the answer')
    await page.getByLabel('Result').selectOption('pending')
    await expect(rows(page)).toHaveCount(1)
    const stored = (await activityEntries(page)).filter(e => e.action === 'dialog.update')
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ result: 'pending', app: THIS_APP, target: { id: dialog._id }, request: { method: 'PUT', body: { name: 'Renamed, then reloaded' } } })
  })

  test('lock, unlock and a key the server stopped accepting are entries', async ({ page }) => {
    await page.clock.install()
    await signInQuickly(page)
    await page.goto('/dialogs')
    await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible()
    await page.clock.fastForward('31:00')
    const lock = page.getByRole('dialog', { name: 'Locked' })
    await expect(lock).toBeVisible()
    await lock.getByLabel('API key').fill(API_KEY)
    await lock.getByRole('button', { name: 'Unlock' }).click()
    await expect(lock).toHaveCount(0)

    // The key is revoked: the next request is refused.
    await page.route('**/api/**', route => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ errors: ['Unauthorized'] }) }))
    await openActivity(page)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dialogs' }).click()
    await expect(page).toHaveURL(/\/sign-in/)
    await expect(page.getByText('Signed out: the API key was refused')).toBeVisible()
    await page.unrouteAll()
    await signInWithForm(page)
    await openActivity(page)
    await expect(rows(page).filter({ hasText: 'Key refused' })).toHaveCount(1)
    await expect(rows(page).filter({ hasText: 'Unlock' })).toHaveCount(1)
    await expect(rows(page).filter({ hasText: 'Locked: the API key' })).toHaveCount(1)
    expect(JSON.stringify(await activityEntries(page))).not.toContain(API_KEY)
  })

  test('the log is kept per application: another app\'s entries are neither shown nor exported', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/dialogs')
    await seed(page, [
      { summary: 'Of this app', app: THIS_APP },
      { summary: 'Of another app', app: OTHER_APP },
      { summary: 'Older, same API base' },
      { summary: 'Older, another server', apiBase: 'https://other.example/api' },
    ])
    await openActivity(page)
    await expect(rows(page)).toHaveCount(2)
    await expect(rows(page).filter({ hasText: 'Of this app' })).toHaveCount(1)
    await expect(rows(page).filter({ hasText: 'Older, same API base' })).toHaveCount(1)
    await expect(page.getByText('Of another app')).toHaveCount(0)
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()])
    const json = JSON.parse(await readFile(await file.path(), 'utf8')) as { entries: { summary: string }[] }
    expect(json.entries.map(e => e.summary).sort()).toEqual(['Of this app', 'Older, same API base'])
  })

  test('"Forget this browser\'s log on sign-out" is remembered, and signing out then deletes this app\'s entries only', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/dialogs')
    await seed(page, [{ summary: 'Of another app', app: OTHER_APP }, { summary: 'Mine', app: THIS_APP }])
    await openActivity(page)
    await expect(rows(page)).toHaveCount(1)
    const forget = page.getByRole('checkbox', { name: 'Forget this browser\'s log on sign-out' })
    await expect(forget).not.toBeChecked()
    await forget.check()
    await page.reload()
    await expect(forget).toBeChecked()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in/)
    await expect.poll(async () => (await activityEntries(page)).map(e => e.summary)).toEqual(['Of another app'])

    await signInWithForm(page)
    await openActivity(page)
    await expect(rows(page)).toHaveCount(1)
    await expect(rows(page).first()).toContainText('Sign in')
  })

  test('filtered by a dialog ID, the Activity screen shows that dialog\'s creation', async ({ page }) => {
    const name = `Created for the filter ${Date.now()}`
    await signInQuickly(page, OWNER)
    await page.goto('/dialogs/new?type=public')
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByRole('button', { name: /^Create/ }).click()
    await expect(page).toHaveURL(/\/dialogs\/[0-9a-f]{24}$/)
    const id = new URL(page.url()).pathname.split('/').pop()!
    await page.goto(`/activity?dialog=${id}`)
    await expect(rows(page)).toHaveCount(1)
    await expect(rows(page).first()).toContainText('Create dialog')
    await expect(rows(page).first().getByRole('link', { name })).toHaveAttribute('href', new RegExp(`/dialogs/${id}$`))
  })

  test.describe('far from UTC', () => {
    test.use({ timezoneId: 'America/New_York' })

    test('the day filter uses the days the table shows', async ({ page }) => {
      await signInQuickly(page)
      await page.goto('/dialogs')
      await seed(page, [{ summary: 'Late at night', app: THIS_APP, at: '2026-11-22T02:00:00.000Z' }])
      await openActivity(page)
      const row = rows(page).filter({ hasText: 'Late at night' })
      // Shown as the browser writes dates (en-US: MM/DD/YYYY); the URL holds the day as YYYY-MM-DD.
      const [month, day, year] = (await row.locator('time').textContent())!.slice(0, 10).split('/')
      const shown = `${year}-${month}-${day}`
      expect(shown).toBe('2026-11-21')
      await page.goto(`/activity?from=${shown}&to=${shown}`)
      await expect(rows(page).filter({ hasText: 'Late at night' })).toHaveCount(1)
    })
  })
})
