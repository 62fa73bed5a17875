import type { ChildProcess } from 'node:child_process'
import type { Page, Request } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import process from 'node:process'
import { BIG_DIALOG, BIG_DIALOG_ADMIN, BIG_DIALOG_OWNER } from '../emulator/fixtures'
import { API_KEY, expect, SESSION_KEY, test } from './fixtures'

// The 10,000-member dialog lives in an emulator of its own (`--fixture big-dialog`), so the
// shared e2e emulator keeps the small demo data every other spec counts on. The app reaches it
// directly (the emulator allows the app's origin with --cors-origin).
test.describe.configure({ mode: 'serial' })

let child: ChildProcess
let apiBase = ''
const dbFile = `.data/e2e-big-${process.pid}.db`

test.beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--db', dbFile, '--reset', '--seed', 'none', '--fixture', 'big-dialog', '--api-key', API_KEY, '--cors-origin', `http://127.0.0.1:${process.env.E2E_APP_PORT}`], { stdio: ['ignore', 'pipe', 'inherit'] })
  apiBase = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (url)
        resolve(url)
    })
    child.once('exit', code => reject(new Error(`big-dialog emulator exited with ${code}`)))
  })
})
test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  // Like the suite's own database (global-teardown.ts): nothing left behind in .data/.
  if (!process.env.E2E_KEEP_DATA) {
    for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`])
      rmSync(file, { force: true })
  }
})

async function bigDialog(): Promise<Dialog> {
  const response = await fetch(`${apiBase}/chat/Dialog/${BIG_DIALOG.id}.json`, { headers: { Authorization: `ApiKey ${API_KEY}` } })
  return await response.json() as Dialog
}

async function open(page: Page) {
  await page.addInitScript(([key, value]) => sessionStorage.setItem(key!, value!), [SESSION_KEY, JSON.stringify({ apiBase, apiKey: API_KEY, actingUserId: null })])
  await page.goto(`/dialogs/${BIG_DIALOG.id}/members`)
}

function row(page: Page, userId: number) {
  return page.locator(`[role="row"][data-user-id="${userId}"]`)
}

test('a 10,000-member dialog opens, scrolls and resolves names with 100 user requests, cached across tabs', async ({ page }) => {
  const userRequests: string[] = []
  page.on('request', (request: Request) => {
    if (request.method() === 'GET' && request.url().includes('/users.json'))
      userRequests.push(request.url())
  })
  await open(page)
  await expect(page.getByText(/^10,000 members/)).toBeVisible()
  await expect(row(page, BIG_DIALOG_OWNER)).toContainText('Ada Abbott 1')
  await expect(row(page, BIG_DIALOG_ADMIN)).toContainText('Admin')
  // Every name known: the "names n/10,000" progress is gone.
  await expect(page.getByText(/names [\d,]+\/10,000/)).toHaveCount(0, { timeout: 30_000 })
  expect(userRequests).toHaveLength(Math.ceil(10_000 / 100))
  await page.screenshot({ path: 'screenshots/members-10000-light.png' })
  await page.emulateMedia({ colorScheme: 'dark' })
  // After the theme's colour transition.
  await expect(page.locator('body')).toHaveCSS('color', 'rgba(255, 255, 255, 0.82)')
  await page.screenshot({ path: 'screenshots/members-10000-dark.png' })
  await page.emulateMedia({ colorScheme: 'light' })
  // Virtual: only a screenful of rows is in the page.
  expect(await page.locator('[role="row"][data-user-id]').count()).toBeLessThan(40)

  const scroller = page.getByRole('table', { name: 'Members' }).locator('xpath=..')
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight })
  const last = BIG_DIALOG.firstUserId + 9_999
  await expect(row(page, last)).toContainText('member10000')
  await expect(row(page, last)).toContainText('Uma')
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight / 2 })
  await expect(row(page, BIG_DIALOG.firstUserId + 5_000)).toContainText('Member')

  const search = page.getByLabel('Search members')
  await search.fill('member09999')
  await expect(page.locator('[role="row"][data-user-id]')).toHaveCount(1)
  await expect(row(page, BIG_DIALOG.firstUserId + 9_998)).toBeVisible()

  // Another tab and back: no user is asked for again.
  await page.getByRole('link', { name: 'Overview' }).click()
  await page.getByRole('link', { name: /^Members/ }).click()
  await expect(row(page, BIG_DIALOG_OWNER)).toContainText('Ada Abbott 1')
  expect(userRequests).toHaveLength(100)
})

test('the keyboard walks the rows past the rendered window, to the last member and back', async ({ page }) => {
  await open(page)
  await expect(row(page, BIG_DIALOG_OWNER)).toContainText('Ada Abbott 1')
  await expect(page.getByText(/names [\d,]+\/10,000/)).toHaveCount(0, { timeout: 30_000 })
  const rendered = page.locator('[role="row"][data-user-id]')
  // Rows are owner, admin, then the occupants in order: row k is user firstUserId + k.
  const user = (k: number) => BIG_DIALOG.firstUserId + k
  expect(await rendered.count()).toBeLessThan(40)
  await expect(row(page, user(41))).toHaveCount(0)

  // Down moves to the same control one row lower, rendering rows as it goes.
  await row(page, user(1)).getByRole('checkbox').focus()
  for (let i = 0; i < 40; i++)
    await page.keyboard.press('ArrowDown')
  await expect(row(page, user(41)).getByRole('checkbox')).toBeFocused()
  await expect(row(page, user(41))).toHaveAttribute('aria-rowindex', '43')
  await expect(row(page, user(41))).toBeInViewport()
  expect(await rendered.count()).toBeLessThan(40)

  // End reaches the 10,000th member; Space ticks its box.
  await page.keyboard.press('End')
  await expect(row(page, user(9_999)).getByRole('checkbox')).toBeFocused()
  await expect(row(page, user(9_999))).toContainText('member10000')
  await expect(row(page, user(9_999))).toBeInViewport()
  await page.keyboard.press('Space')
  await expect(page.getByText('1 selected')).toBeVisible()

  // Home: the owner's box is disabled and the owner has no actions, so the row itself is focused.
  await page.keyboard.press('Home')
  await expect(row(page, user(0))).toBeFocused()

  // Tab goes through each row's checkbox and its two buttons, and the window follows.
  await row(page, user(1)).getByRole('checkbox').focus()
  for (let i = 0; i < 60; i++)
    await page.keyboard.press('Tab')
  await expect(row(page, user(21)).getByRole('checkbox')).toBeFocused()
  await expect(row(page, user(21))).toBeInViewport()
  expect(await rendered.count()).toBeLessThan(40)
})

test('removing 998 members is one pull_all; undo is one push_all', async ({ page }) => {
  const puts: unknown[] = []
  page.on('request', (request: Request) => {
    if (request.method() === 'PUT')
      puts.push(request.postDataJSON())
  })
  await open(page)
  await expect(row(page, BIG_DIALOG_OWNER)).toContainText('Ada Abbott 1')
  await page.getByLabel('Search members').fill('member00')
  await expect(page.getByText('999 of 10,000')).toBeVisible()
  // The header checkbox selects every row shown except the owner's.
  await page.getByRole('checkbox', { name: 'Select all shown' }).check()
  await expect(page.getByText('998 selected')).toBeVisible()
  await page.getByRole('toolbar', { name: 'Selected members' }).getByRole('button', { name: 'Remove 998' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove 998 people' }).click()
  const note = page.locator('.n-notification', { hasText: 'Removed 998 people' })
  await expect(note).toBeVisible({ timeout: 15_000 })
  expect(puts).toHaveLength(1)
  const pulled = (puts[0] as { pull_all: { occupants_ids: number[] } }).pull_all.occupants_ids
  expect(pulled).toHaveLength(998)
  expect(pulled).not.toContain(BIG_DIALOG_OWNER)
  let truth = await bigDialog()
  expect(truth.occupants_ids).toHaveLength(9_002)
  expect(truth.admin_ids).toEqual([])
  await expect(page.getByRole('link', { name: 'Members (9002)' })).toBeVisible()

  await note.getByRole('button', { name: 'Undo' }).click()
  await expect(page.locator('.n-notification', { hasText: 'Put back 998 people' })).toBeVisible({ timeout: 15_000 })
  expect(puts).toHaveLength(2)
  expect(puts[1]).toEqual({ push_all: { occupants_ids: pulled, admin_ids: [BIG_DIALOG_ADMIN] } })
  truth = await bigDialog()
  expect(truth.occupants_ids).toHaveLength(10_000)
  expect(truth.admin_ids).toEqual([BIG_DIALOG_ADMIN])
})
