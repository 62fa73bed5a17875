import type { Page } from '@playwright/test'
import { APP, createGroup, countLine, EMULATOR_URL, expect, HOSTED, SESSION_KEY, signIn, test } from './hosted'


/** Every item the origin keeps: localStorage, sessionStorage and every IndexedDB record. */
function storedItems(page: Page) {
  return page.evaluate(async () => {
    const dump = (storage: Storage) => Object.fromEntries(Array.from({ length: storage.length }, (_, i) => storage.key(i)!).map(k => [k, storage.getItem(k)]))
    const indexed: Record<string, unknown[]> = {}
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      for (const store of Array.from(db.objectStoreNames)) {
        indexed[`${info.name}/${store}`] = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(store, 'readonly').objectStore(store).getAll()
          all.onsuccess = () => resolve(all.result)
          all.onerror = () => reject(all.error)
        })
      }
      db.close()
    }
    return { local: dump(localStorage), session: dump(sessionStorage), indexed, cookie: document.cookie }
  })
}

test('the API key is in no stored item, no URL and no console line during a full run (only the session entry holds it)', async ({ page, context, watch }) => {
  const navigations: string[] = []
  page.on('framenavigated', frame => navigations.push(frame.url()))
  const dialog = await createGroup(EMULATOR_URL, 'Key leak run')

  // Sign in through the form, wrongly first (a failed attempt is logged too).
  await page.goto(`${APP}dialogs/${dialog._id}`)
  await page.getByLabel('API key').fill(`${HOSTED.apiKey}-wrong`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong API key')
  await signIn(page)
  await expect(page.getByRole('heading', { name: dialog.name })).toBeVisible()

  // A write, the other tabs, the list with a filter, the activity log, a switch of acting user.
  await page.getByLabel('Name', { exact: true }).fill('Key leak run, renamed')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText(/^Saved: Name/)).toBeVisible()
  const sections = page.getByRole('navigation', { name: 'Dialog sections' })
  await sections.getByRole('link', { name: /Members/ }).click()
  await sections.getByRole('link', { name: /Messages/ }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dialogs' }).click()
  await expect(countLine(page)).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  await expect(page.getByText('Key leak run, renamed').first()).toBeVisible()
  await page.reload()
  await expect(page.getByText('Key leak run, renamed').first()).toBeVisible()

  const key = HOSTED.apiKey
  const items = await storedItems(page)
  expect(items.indexed['dialog-desk/activity']?.length ?? 0).toBeGreaterThan(1)
  const { [SESSION_KEY]: sessionEntry, ...otherSession } = items.session
  expect(sessionEntry).toContain(key)
  expect(JSON.stringify(otherSession)).not.toContain(key)
  expect(JSON.stringify(items.local)).not.toContain(key)
  expect(JSON.stringify(items.indexed)).not.toContain(key)
  expect(items.cookie).not.toContain(key)
  expect(JSON.stringify(await context.cookies())).not.toContain(key)

  expect(watch.requests.length).toBeGreaterThan(10)
  expect(watch.requests.map(r => r.url()).filter(u => u.includes(key))).toEqual([])
  expect(watch.requests.map(r => r.headers().referer ?? '').filter(u => u.includes(key))).toEqual([])
  expect(navigations.filter(u => u.includes(key))).toEqual([])
  expect(watch.console.filter(line => line.includes(key))).toEqual([])

  // Signing out leaves nothing behind.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByLabel('API key')).toBeVisible()
  const after = await storedItems(page)
  expect(JSON.stringify(after)).not.toContain(key)
})
