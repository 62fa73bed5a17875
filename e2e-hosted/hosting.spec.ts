import { APP, countLine, emulatorFetch, EMULATOR_URL, expect, HOSTED, ORIGIN, signIn, signInQuickly, test } from './hosted'

const CSP_DIRECTIVES = ['default-src \'none\'', 'script-src \'self\'', 'frame-ancestors \'none\'', 'connect-src \'self\'']

test.describe('production build behind nginx under /desk/', () => {
  test('signs in, lists dialogs, reloads a deep link; only the nginx origin is asked; no CSP violation', async ({ page, watch }) => {
    const dialogs = await emulatorFetch<{ total_entries: number, items: { _id: string, name: string }[] }>(`${EMULATOR_URL}/chat/Dialog.json?limit=1`)
    const document = await page.goto(APP)
    expect(document?.headers()['content-security-policy']).toBeTruthy()
    await expect(page).toHaveURL(`${ORIGIN}${APP}sign-in`)
    await signIn(page)
    await expect(page).toHaveURL(`${ORIGIN}${APP}dialogs`)
    await expect(countLine(page)).toHaveText(`Showing 1–25 of ${dialogs.total_entries} dialogs`)
    // config.json was edited after the build: its title is the one shown.
    await expect(page).toHaveTitle(`Dialogs · ${HOSTED.config.title}`)
    await page.screenshot({ path: 'screenshots/hosted-desk-dialogs.png' })

    const id = dialogs.items[0]!._id
    await page.goto(`${APP}dialogs/${id}/members`)
    const membersTab = page.getByRole('navigation', { name: 'Dialog sections' }).getByRole('link', { name: /Members/ })
    await expect(membersTab).toHaveAttribute('aria-current', 'page')
    await page.reload()
    await expect(page).toHaveURL(`${ORIGIN}${APP}dialogs/${id}/members`)
    await expect(membersTab).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

    // Navigating inside the app keeps the prefix.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
    await expect(page).toHaveURL(`${ORIGIN}${APP}activity`)

    const urls = watch.requests.map(r => r.url())
    expect(urls.length).toBeGreaterThan(10)
    expect(urls.filter(u => !u.startsWith(`${ORIGIN}/`))).toEqual([])
    expect(urls.filter(u => u.startsWith(`${ORIGIN}/`) && !u.startsWith(`${ORIGIN}${APP}`) && !u.startsWith(`${ORIGIN}/api/`))).toEqual([])
    expect(watch.cspViolations).toEqual([])
    expect(watch.console.filter(line => /Content.Security.Policy|Refused to/i.test(line))).toEqual([])
    expect(watch.console.filter(line => line.startsWith('pageerror'))).toEqual([])
  })

  test('caching and security headers', async ({ request }) => {
    const index = await request.get(`${APP}`)
    expect(index.status()).toBe(200)
    const html = await index.text()
    expect(html).toContain(`<base href="${APP}" />`)
    const headers = index.headers()
    expect(headers['cache-control']).toBe('no-cache')
    for (const directive of CSP_DIRECTIVES)
      expect(headers['content-security-policy']).toContain(directive)
    expect(headers['referrer-policy']).toBe('no-referrer')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['x-frame-options']).toBe('DENY')

    const deep = await request.get(`${APP}dialogs/abc/members?x=1`)
    expect(deep.status()).toBe(200)
    expect(await deep.text()).toContain(`<base href="${APP}" />`)

    const config = await request.get(`${APP}config.json`)
    expect(config.headers()['cache-control']).toBe('no-cache')
    expect(config.headers()['content-type']).toContain('application/json')
    expect(await config.json()).toMatchObject(HOSTED.config)

    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map(m => m[1]!)
    expect(assets.length).toBeGreaterThan(1)
    for (const asset of assets) {
      const answer = await request.get(`${APP}${asset}`)
      expect(answer.status(), asset).toBe(200)
      expect(answer.headers()['cache-control'], asset).toContain('immutable')
      expect(answer.headers()['cache-control'], asset).toContain('max-age=31536000')
      expect(answer.headers()['content-security-policy'], asset).toContain('frame-ancestors \'none\'')
    }
    const missing = await request.get(`${APP}assets/not-there.js`)
    expect(missing.status()).toBe(404)
    expect(missing.headers()['cache-control'] ?? '').not.toContain('immutable')
    expect((await request.get(`${APP}.vite/manifest.json`)).status()).toBe(404)
    const bare = await request.get(APP.slice(0, -1), { maxRedirects: 0 })
    expect(bare.status()).toBe(301)

    // The API proxy passes /api/… on to the emulator.
    const health = await request.get('/api/health')
    expect(await health.json()).toEqual({ ok: true })
  })

  test('a deep link opened cold goes through sign-in and comes back under the prefix', async ({ page }) => {
    await page.goto(`${APP}dialogs?type=group`)
    await expect(page).toHaveURL(/\/desk\/sign-in\?redirect=/)
    await signIn(page)
    await expect(page).toHaveURL(`${ORIGIN}${APP}dialogs?type=group`)
  })

  test('a signed-in tab reloads any route', async ({ page }) => {
    await signInQuickly(page)
    await page.goto(`${APP}activity`)
    await expect(page).toHaveTitle(`Activity · ${HOSTED.config.title}`)
    await page.reload()
    await expect(page).toHaveTitle(`Activity · ${HOSTED.config.title}`)
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  })
})
