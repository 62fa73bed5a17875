import type { Page, Request } from '@playwright/test'
import { APP, createGroup, countLine, emulatorFetch, expect, FAULTY_EMULATOR_URL, FAULTY_ORIGIN, signInQuickly, test } from './hosted'

// The same build and nginx site, in front of an emulator in fault mode (503/500/dropped
// connections and latency on every request, seeded). Writes the tests look at are made
// deterministic with X-Emulator-Fault, added to the app's own request on its way out.
test.use({ baseURL: FAULTY_ORIGIN })

interface Dialog { _id: string, name: string, type: number }

/** Sets the fault of the app's matching requests: a forced one, or `none` to pass the faults by. */
async function forceFault(page: Page, method: string, pattern: RegExp, fault: (request: Request) => string) {
  await page.route(pattern, async (route) => {
    const request = route.request()
    if (request.method() !== method)
      return route.fallback()
    return route.continue({ headers: { ...request.headers(), 'x-emulator-fault': fault(request) } })
  })
}

async function injected(): Promise<number> {
  const stats = await emulatorFetch<{ injected: Record<string, number> }>(`${FAULTY_EMULATOR_URL}/__emulator/faults`)
  return Object.values(stats.injected).reduce((a, b) => a + b, 0)
}

/** Something is on screen within moments of loading, whatever the API does: content, a skeleton in the layout, or an explained error. */
async function expectNotBlank(page: Page) {
  await expect.poll(async () => (await page.locator('#app').innerText()).trim().length, { timeout: 5_000 }).toBeGreaterThan(20)
}

test('reads recover by themselves: each list read fails twice (503, dropped connection, 500…) and still loads', async ({ page }) => {
  const before = await injected()
  await signInQuickly(page)
  const truth = await emulatorFetch<{ total_entries: number }>(`${FAULTY_EMULATOR_URL}/chat/Dialog.json?limit=1`)
  // The first two tries of every list read fail for sure; everything else meets the random faults.
  const plan = ['503', 'drop', '500', '503', 'drop', '500', '503', 'drop']
  const tries = new Map<string, number>()
  await forceFault(page, 'GET', /\/api\/chat\/Dialog\.json/, (request) => {
    const n = tries.get(request.url()) ?? 0
    tries.set(request.url(), n + 1)
    return n < 2 ? plan[(tries.size * 2 + n) % plan.length]! : 'none'
  })
  for (const query of ['', '?type=group', '?type=public', '?sort=name&order=asc']) {
    await page.goto(`${APP}dialogs${query}`)
    await expectNotBlank(page)
    await expect(countLine(page)).toBeVisible({ timeout: 30_000 })
    if (!query)
      await expect(countLine(page)).toContainText(`of ${truth.total_entries} dialogs`)
    await expect(page.getByRole('alert')).toHaveCount(0)
  }
  expect(tries.size).toBeGreaterThanOrEqual(4)
  expect([...tries.values()].every(n => n >= 3)).toBe(true)
  expect(await injected()).toBeGreaterThanOrEqual(before + 8)
})

test('a failed write keeps the draft and says what failed; the retry is sent once, double click or not', async ({ page }) => {
  const dialog = await createGroup(FAULTY_EMULATOR_URL, 'Fault mode rename')
  await signInQuickly(page)
  const puts: Request[] = []
  page.on('request', (r) => {
    if (r.method() === 'PUT')
      puts.push(r)
  })
  let failNext = true
  await forceFault(page, 'PUT', /\/api\/chat\/Dialog\//, () => {
    const fault = failNext ? '500' : 'none'
    failNext = false
    return fault
  })
  // The check before the save reads past the faults too, so this test does not depend on luck.
  await forceFault(page, 'GET', /\/api\/chat\/Dialog\//, () => 'none')
  await page.goto(`${APP}dialogs/${dialog._id}`)
  await expect(page.getByRole('heading', { name: dialog.name })).toBeVisible({ timeout: 30_000 })
  const name = page.getByLabel('Name', { exact: true })
  await name.fill('Renamed despite faults')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  // A 500 may come after the change was applied: the desk reads the dialog back before it says anything.
  await expect(page.getByRole('alert').filter({ hasText: 'It did not go through' })).toContainText(/500|Internal server error/i)
  await expect(name).toHaveValue('Renamed despite faults')
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled()
  expect(puts).toHaveLength(1)

  await page.getByRole('button', { name: 'Save', exact: true }).dblclick()
  await expect(page.getByText(/^Saved: Name/)).toBeVisible()
  expect(puts).toHaveLength(2)
  const stored = await emulatorFetch<Dialog>(`${FAULTY_EMULATOR_URL}/chat/Dialog/${dialog._id}.json`)
  expect(stored.name).toBe('Renamed despite faults')
})

test('a 429 is waited out as Retry-After asks', async ({ page }) => {
  await signInQuickly(page)
  const times: number[] = []
  let first = true
  await forceFault(page, 'GET', /\/api\/chat\/Dialog\.json/, () => {
    times.push(Date.now())
    const fault = first ? '429' : 'none'
    first = false
    return fault
  })
  await page.goto(`${APP}dialogs`)
  await expect(countLine(page)).toBeVisible({ timeout: 30_000 })
  expect(times.length).toBeGreaterThanOrEqual(2)
  // Retry-After: 1 (the emulator's default) — the second try waited at least that long.
  expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950)
})

test('when the server keeps failing, the page says so and offers a retry — never a blank page or an endless spinner', async ({ page }) => {
  const dialog = await createGroup(FAULTY_EMULATOR_URL, 'Fault mode unreachable')
  await signInQuickly(page)
  let failing = true
  await forceFault(page, 'GET', /\/api\/chat\/Dialog/, () => failing ? '503' : 'none')
  await page.goto(`${APP}dialogs/${dialog._id}`)
  await expectNotBlank(page)
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load this dialog' })
  await expect(alert).toBeVisible({ timeout: 40_000 })
  await expect(alert).toContainText(/503|unavailable/i)
  await expectNotBlank(page)
  failing = false
  await alert.getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByRole('heading', { name: dialog.name })).toBeVisible({ timeout: 30_000 })

  // The list as well: an explained error with a way to try again.
  failing = true
  await page.goto(`${APP}dialogs`)
  const listAlert = page.getByRole('alert').filter({ hasText: 'Could not load dialogs' }).first()
  await expect(listAlert).toBeVisible({ timeout: 40_000 })
  await expect(listAlert).toContainText(/503|unavailable/i)
  await expectNotBlank(page)
  failing = false
  await listAlert.getByRole('button', { name: 'Retry' }).click()
  await expect(countLine(page)).toBeVisible({ timeout: 30_000 })
})
