import type { Page } from '@playwright/test'
import type { DialogList, UserList } from '../src/api/types'
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
