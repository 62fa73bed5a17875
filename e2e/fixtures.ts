import type { Locator, Page } from '@playwright/test'
import type { Dialog, DialogList, UserList } from '../src/api/types'
import { expect, test as base } from '@playwright/test'

export const API_KEY = 'e2e-api-key-not-secret'
export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 3091}`
/** The same key the app uses in sessionStorage. */
export const SESSION_KEY = 'dialog-desk.session'

/** GET straight from the emulator, with the API key (and On-Behalf-Of when given): the truth tests compare with. */
export async function emulatorGet<T>(path: string, query: Record<string, string | number> = {}, actingUserId?: number): Promise<T> {
  const url = new URL(path, EMULATOR_URL)
  for (const [key, value] of Object.entries(query))
    url.searchParams.set(key, String(value))
  const headers: Record<string, string> = { Authorization: `ApiKey ${API_KEY}` }
  if (actingUserId !== undefined)
    headers['On-Behalf-Of'] = String(actingUserId)
  const response = await fetch(url, { headers })
  if (!response.ok)
    throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`)
  return await response.json() as T
}

/** A page of dialogs as the emulator holds them. */
export function emulatorDialogs(query: Record<string, string | number> = {}, actingUserId?: number) {
  return emulatorGet<DialogList>('/chat/Dialog.json', query, actingUserId)
}

export async function emulatorUser(id: number) {
  return (await emulatorGet<{ user: UserList['items'][number]['user'] }>(`/users/${id}.json`)).user
}

/** Starts a tab already signed in (the sign-in screen itself is covered by sign-in.spec.ts). */
export async function signInQuickly(page: Page, actingUserId: number | null = null) {
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem(key!))
      sessionStorage.setItem(key!, value!)
  }, [SESSION_KEY, JSON.stringify({ apiBase: '/api', apiKey: API_KEY, actingUserId })])
}

/** The dialog table's body rows. */
export function dialogRows(page: Page) {
  return page.getByRole('table').locator('tbody tr')
}

/** The dialogs shown, as table rows (768 px and wider) or cards (narrower). */
export function shownDialogs(page: Page) {
  return dialogRows(page).or(page.getByRole('list', { name: 'Dialogs' }).getByRole('listitem'))
}

/** The "Showing a–b of N dialogs" line. */
export function countLine(page: Page) {
  return page.getByText(/^(Showing \d+–\d+ of \d+ dialogs|0 dialogs)$/)
}

/** Waits for the list to show exactly what the emulator answers for this query. */
export async function expectListMatches(page: Page, query: Record<string, string | number>, actingUserId?: number) {
  const truth = await emulatorDialogs(query, actingUserId)
  const limit = Number(query.limit ?? 25)
  const skip = Number(query.skip ?? 0)
  if (truth.total_entries === 0) {
    await expect(page.getByText('No dialog matches these filters')).toBeVisible()
    return truth
  }
  await expect(countLine(page)).toHaveText(`Showing ${skip + 1}–${Math.min(truth.total_entries, skip + limit)} of ${truth.total_entries} dialogs`)
  await expect(dialogRows(page)).toHaveCount(truth.items.length)
  await expect.poll(async () => page.getByRole('table').locator('tbody tr').evaluateAll(rows => rows.map(r => r.getAttribute('data-id')))).toEqual(truth.items.map(d => d._id))
  return truth
}

export const test = base
export { expect }

/** Any request straight to the emulator (to change data behind the app's back); returns the parsed body or null. */
export async function emulatorSend<T = unknown>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: Record<string, unknown>, actingUserId?: number): Promise<T> {
  const headers: Record<string, string> = { 'Authorization': `ApiKey ${API_KEY}`, 'Content-Type': 'application/json' }
  if (actingUserId !== undefined)
    headers['On-Behalf-Of'] = String(actingUserId)
  const response = await fetch(new URL(path, EMULATOR_URL), { method, headers, body: body ? JSON.stringify(body) : undefined })
  const text = await response.text()
  if (!response.ok)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`)
  return (text ? JSON.parse(text) : null) as T
}

/** One dialog as the emulator holds it (as the account owner), or null when it is gone. */
export async function emulatorDialog(id: string): Promise<Dialog | null> {
  const response = await fetch(new URL(`/chat/Dialog/${id}.json`, EMULATOR_URL), { headers: { Authorization: `ApiKey ${API_KEY}` } })
  if (response.status === 404)
    return null
  if (!response.ok)
    throw new Error(`GET dialog ${id}: HTTP ${response.status}`)
  return await response.json() as Dialog
}

/** Creates a dialog in the emulator as `creatorId`, for a test of its own. */
export function emulatorCreateDialog(body: Record<string, unknown>, creatorId: number) {
  return emulatorSend<Dialog>('POST', '/chat/Dialog.json', body, creatorId)
}

/** Every activity log entry the browser holds (IndexedDB), oldest first. */
export function activityEntries(page: Page): Promise<Record<string, unknown>[]> {
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

/** An option of a naive-ui select menu (it has no ARIA roles), found by its text. */
export function selectOption(page: Page, text: string | RegExp) {
  return page.locator('.n-base-select-option', { hasText: text })
}

/** The theme's primary colour (src/theme/overrides.ts), which focus rings use, as computed CSS. */
export function accentColour(scheme: 'light' | 'dark'): string {
  return scheme === 'light' ? 'rgb(31, 95, 196)' : 'rgb(127, 176, 255)'
}

/**
 * Focuses `control` as the keyboard would and checks it shows a solid focus ring in the theme's
 * primary colour.
 */
export async function expectAccentFocus(page: Page, control: Locator, scheme: 'light' | 'dark'): Promise<void> {
  await control.focus()
  // A key press makes the focus keyboard focus, so :focus-visible applies as it would on Tab.
  await page.keyboard.press('Shift')
  await expect(control).toBeFocused()
  expect(await control.evaluate(el => el.matches(':focus-visible'))).toBe(true)
  await expect(control).toHaveCSS('outline-style', 'solid')
  await expect(control).toHaveCSS('outline-color', accentColour(scheme))
}

/** Follows a link of the main navigation; on a phone (below 768 px) it is in the menu's drawer. */
export async function followNavLink(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' })
  const menu = page.getByRole('button', { name: 'Menu', exact: true })
  await expect(nav.or(menu)).toBeVisible()
  if (await menu.isVisible())
    await menu.click()
  await nav.getByRole('link', { name }).click()
}
