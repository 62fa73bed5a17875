import { API_KEY, countLine, emulatorDialogs, expect, SESSION_KEY, test } from './fixtures'

test.describe('sign-in', () => {
  test('a good key opens the dialog list; the key stays out of the URL and localStorage', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/sign-in$/)
    await expect(page.getByLabel('API base URL')).toHaveValue('/api')
    await page.getByLabel('API key').fill(API_KEY)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/\/dialogs$/)
    const total = (await emulatorDialogs({ limit: 1 })).total_entries
    await expect(countLine(page)).toHaveText(`Showing 1–25 of ${total} dialogs`)
    expect(page.url()).not.toContain(API_KEY)
    expect(await page.evaluate(k => localStorage.getItem(k), SESSION_KEY)).toBeNull()
    expect(await page.evaluate(k => sessionStorage.getItem(k), SESSION_KEY)).toContain(API_KEY)
  })

  test('a wrong key gets its own message', async ({ page }) => {
    await page.goto('/sign-in')
    await page.getByLabel('API key').fill('not-the-key')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('Wrong API key')
    await expect(page).toHaveURL(/\/sign-in$/)
  })

  test('an unreachable server gets its own message', async ({ page }) => {
    await page.goto('/sign-in')
    await page.getByLabel('API base URL').fill('http://127.0.0.1:9/api')
    await page.getByLabel('API key').fill(API_KEY)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('Server unreachable')
  })

  test('a server that is not QuickBlox gets its own message', async ({ page }) => {
    await page.goto('/sign-in')
    // The dashboard's own origin answers with its HTML page.
    await page.getByLabel('API base URL').fill('/not-an-api')
    await page.getByLabel('API key').fill(API_KEY)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('Not a QuickBlox API')
  })

  test('an unknown user to act as is named', async ({ page }) => {
    await page.goto('/sign-in')
    await page.getByLabel('API key').fill(API_KEY)
    await page.getByLabel(/Act as user ID/).fill('999999')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('No user with ID 999999')
  })

  test('sign-in keeps the wanted page, sign-out forgets the key everywhere', async ({ page }) => {
    await page.goto('/dialogs?type=group&sort=name&order=asc')
    await expect(page).toHaveURL(/\/sign-in\?redirect=/)
    await page.getByLabel('API key').fill(API_KEY)
    await page.getByLabel('Remember on this device').check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/\/dialogs\?type=group&sort=name&order=asc$/)
    expect(await page.evaluate(k => localStorage.getItem(k), SESSION_KEY)).toContain(API_KEY)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in$/)
    expect(await page.evaluate(k => [localStorage.getItem(k), sessionStorage.getItem(k)], SESSION_KEY)).toEqual([null, null])
    await page.goto('/dialogs/672c8eec5eedda7a00000001')
    await expect(page).toHaveURL(/\/sign-in\?redirect=\/dialogs\/672c8eec5eedda7a00000001$/)
    await expect(page.getByLabel('API key')).toHaveValue('')
  })
})
