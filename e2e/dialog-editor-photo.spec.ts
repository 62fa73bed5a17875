import type { Page } from '@playwright/test'
import { emulatorCreateDialog, expect, signInQuickly, test } from './fixtures'

// A host under .test never resolves; every request to it is answered here, so nothing leaves the machine.
const HOST = 'photos.example-cdn.test'
const PHOTO = `https://${HOST}/team/cat.png?user=moderator`
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** Answers every request to HOST with a 1-pixel PNG and records it. */
async function watchHost(page: Page) {
  const seen: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).hostname === HOST)
      seen.push(request.url())
  })
  await page.route(url => url.hostname === HOST, route => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }))
  return seen
}

test('a photo on another site is not loaded until asked; the host is named; Load preview loads it', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: `Photo consent ${Date.now()}`, occupants_ids: '1002', photo: PHOTO }, 1001)
  const seen = await watchHost(page)
  await signInQuickly(page, 1001)
  await page.goto(`/dialogs/${dialog._id}`)
  await expect(page.getByLabel('Photo', { exact: true })).toHaveValue(PHOTO)
  const notice = page.getByText(`Hosted on ${HOST}, another site`)
  await expect(notice).toBeVisible()
  await expect(page.getByRole('img', { name: 'Photo preview' })).toHaveCount(0)
  // The whole page has settled (names resolved, summary drawn) and still nothing went to that host.
  await expect(page.getByText('Dialog ID')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(seen).toEqual([])

  await page.getByRole('button', { name: 'Load preview' }).click()
  const img = page.getByRole('img', { name: 'Photo preview' })
  await expect(img).toHaveAttribute('src', PHOTO)
  await expect(img).toHaveAttribute('referrerpolicy', 'no-referrer')
  await expect.poll(() => img.evaluate(el => (el as HTMLImageElement).naturalWidth)).toBe(1)
  expect(seen).toEqual([PHOTO])

  // Another link on another site asks again.
  await page.getByLabel('Photo', { exact: true }).fill(`https://${HOST}/other.png`)
  await expect(page.getByRole('button', { name: 'Load preview' })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Photo preview' })).toHaveCount(0)
  expect(seen).toEqual([PHOTO])
})

test('a photo on the desk\'s own site shows at once, and typing another site\'s link loads nothing', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: `Photo own ${Date.now()}`, occupants_ids: '1002' }, 1001)
  const seen = await watchHost(page)
  await signInQuickly(page, 1001)
  await page.goto(`/dialogs/${dialog._id}`)
  const own = new URL('/favicon.svg', page.url()).href
  await page.getByLabel('Photo', { exact: true }).fill(own)
  await expect(page.getByRole('img', { name: 'Photo preview' })).toHaveAttribute('src', own)
  await page.getByLabel('Photo', { exact: true }).fill(PHOTO)
  await expect(page.getByText(`Hosted on ${HOST}, another site`)).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(seen).toEqual([])
})
