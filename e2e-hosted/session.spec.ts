import { APP, createGroup, EMULATOR_URL, expect, HOSTED, ORIGIN, SESSION_KEY, setEmulatorKey, signIn, signInQuickly, test } from './hosted'

test('idle for idleMinutes (config.json) locks the dashboard; the key unlocks it where it was, draft kept', async ({ page }) => {
  const dialog = await createGroup(EMULATOR_URL, 'Idle lock draft')
  await page.clock.install()
  await signInQuickly(page)
  await page.goto(`${APP}dialogs/${dialog._id}`)
  await expect(page.getByRole('heading', { name: dialog.name })).toBeVisible()
  const name = page.getByLabel('Name', { exact: true })
  await name.fill('Typed before the lock')

  // Just under the limit: nothing happens.
  await page.clock.fastForward(`0${HOSTED.config.idleMinutes - 1}:50`)
  await expect(page.getByRole('dialog', { name: 'Locked' })).toBeHidden()
  await page.clock.fastForward('01:30')
  const lock = page.getByRole('dialog', { name: 'Locked' })
  await expect(lock).toBeVisible()
  await expect(lock).toContainText(`No activity for ${HOSTED.config.idleMinutes} minutes`)
  expect(await page.evaluate(k => sessionStorage.getItem(k), SESSION_KEY)).toBeNull()
  await expect(page).toHaveURL(`${ORIGIN}${APP}dialogs/${dialog._id}`)
  await page.screenshot({ path: 'screenshots/hosted-lock-screen.png' })

  await lock.getByLabel('API key').fill('not-the-key')
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock.getByRole('alert')).toContainText('Wrong API key')
  await lock.getByLabel('API key').fill(HOSTED.apiKey)
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock).toBeHidden()
  await expect(page).toHaveURL(`${ORIGIN}${APP}dialogs/${dialog._id}`)
  await expect(name).toHaveValue('Typed before the lock')
  expect(await page.evaluate(k => sessionStorage.getItem(k), SESSION_KEY)).toContain(HOSTED.apiKey)

  // The lock and both unlock attempts are in the activity log.
  await name.fill(dialog.name)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  const rows = page.getByRole('table').locator('tbody tr.row')
  await expect(rows.filter({ hasText: 'Unlock' })).toHaveCount(2)
  await expect(rows.filter({ hasText: 'Unlock of' }).filter({ hasText: 'failed: wrong API key' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Locked: the API key' })).toHaveCount(1)
  await page.screenshot({ path: 'screenshots/hosted-activity-lock.png' })
})

test('the idle lock forgets the key: not in either storage, not in IndexedDB, not in the page\'s memory', async ({ page }) => {
  await page.clock.install()
  await page.goto(`${APP}sign-in`)
  await page.getByLabel('Remember on this device').check()
  await signIn(page)
  await expect(page.getByText('All hands').first()).toBeVisible()
  const key = HOSTED.apiKey
  const cdp = await page.context().newCDPSession(page)
  /** Whether the key is anywhere in the page's JavaScript heap, after a garbage collection. */
  async function heapHolds(text: string): Promise<boolean> {
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    let snapshot = ''
    const onChunk = (event: { chunk: string }) => {
      snapshot += event.chunk
    }
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
    return snapshot.includes(text)
  }
  // The check can see it: while signed in, the key is held.
  expect(await heapHolds(key)).toBe(true)
  expect(await page.evaluate(k => localStorage.getItem(k), SESSION_KEY)).toContain(key)

  await page.clock.fastForward(`0${HOSTED.config.idleMinutes}:30`)
  await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible()
  const stored = await page.evaluate(async () => {
    const all: string[] = []
    for (const store of [sessionStorage, localStorage]) {
      for (let i = 0; i < store.length; i++)
        all.push(`${store.key(i)}=${store.getItem(store.key(i)!)}`)
    }
    const names = (await indexedDB.databases()).map(d => d.name!)
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      for (const storeName of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        all.push(JSON.stringify(rows))
      }
      db.close()
    }
    return all.join('\n')
  })
  expect(stored).not.toContain(key)
  expect(await heapHolds(key)).toBe(false)
})

test('a key revoked mid-session sends the person to sign-in with their place kept, the key forgotten', async ({ page }) => {
  const dialog = await createGroup(EMULATOR_URL, 'Revoked key place')
  await signInQuickly(page)
  await page.goto(`${APP}dialogs/${dialog._id}/members`)
  await expect(page.getByRole('heading', { name: dialog.name })).toBeVisible()
  await setEmulatorKey('rotated-by-the-admin')
  try {
    await page.getByRole('navigation', { name: 'Dialog sections' }).getByRole('link', { name: /Messages/ }).click()
    await expect.poll(() => {
      const url = new URL(page.url())
      return [url.origin, url.pathname, url.searchParams.get('redirect')]
    }).toEqual([ORIGIN, `${APP}sign-in`, `/dialogs/${dialog._id}/messages`])
    await expect(page.getByRole('alert')).toContainText('the API key was refused')
    expect(await page.evaluate(k => sessionStorage.getItem(k), SESSION_KEY)).toBeNull()
    expect(await page.evaluate(k => localStorage.getItem(k), SESSION_KEY)).toBeNull()
  }
  finally {
    await setEmulatorKey(HOSTED.apiKey)
  }
  await signIn(page)
  await expect(page).toHaveURL(`${ORIGIN}${APP}dialogs/${dialog._id}/messages`)
  await expect(page.getByRole('heading', { name: dialog.name })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  await expect(page.getByRole('row').filter({ hasText: 'stopped accepting the API key: signed out' })).toHaveCount(1)
})
