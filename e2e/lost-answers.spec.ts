import type { Page } from '@playwright/test'
import type { Dialog, Message } from '../src/api/types'
import { emulatorCreateDialog, emulatorDialog, emulatorDialogs, emulatorGet, emulatorSend, expect, selectOption, signInQuickly, test } from './fixtures'

// The e2e emulator runs in fault mode with no random faults (`--faults none`): a request that
// carries `X-Emulator-Fault: lost` is applied and then its answer is thrown away with the
// connection, as when a mobile network drops; `drop` closes the connection before anything happens.

const OWNER = 1001
let seq = 0

function uniqueName(what: string): string {
  seq += 1
  return `Lost answer ${what} ${Date.now()}-${seq}`
}

/** Makes the next `method` request whose path contains `pathPart` meet the fault; later ones pass. */
async function faultNext(page: Page, method: string, pathPart: string, fault: 'lost' | 'drop' = 'lost') {
  let armed = true
  await page.route(url => url.pathname.includes(pathPart), async (route) => {
    const request = route.request()
    if (armed && request.method() === method) {
      armed = false
      await route.continue({ headers: { ...request.headers(), 'x-emulator-fault': fault } })
      return
    }
    await route.continue()
  })
}

/** Counts the requests of one method to a path, as the page sends them. */
function countRequests(page: Page, method: string, pathPart: string) {
  const seen = { count: 0 }
  page.on('request', (request) => {
    if (request.method() === method && new URL(request.url()).pathname.includes(pathPart))
      seen.count++
  })
  return seen
}

async function messagesWith(dialogId: string, text: string): Promise<Message[]> {
  const page = await emulatorGet<{ items: Message[] }>('/chat/Message.json', { chat_dialog_id: dialogId, limit: 100, mark_as_read: 0 })
  return page.items.filter(m => m.message === text)
}

function landedNotice(page: Page) {
  return page.getByRole('status').filter({ hasText: /answer was lost, so we checked\. It went through, once/ })
}

test('send: the answer is lost, the message is found by its client id, exactly one copy', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: uniqueName('send'), occupants_ids: '1002' }, OWNER)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}/messages`)
  await faultNext(page, 'POST', '/chat/Message.json')
  const posts = countRequests(page, 'POST', '/chat/Message.json')
  const text = 'Please keep it civil (lost answer).'
  await page.getByLabel(/Send a message as/).fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(landedNotice(page)).toContainText('Send message')
  await expect(page.getByText(/^Sent as /)).toBeVisible()
  const stored = await messagesWith(dialog._id, text)
  expect(stored).toHaveLength(1)
  expect(stored[0]!.desk_client_id).toMatch(/^[\da-f-]{36}$/)
  expect(posts.count).toBe(1)
  await expect(page.getByRole('listitem').filter({ hasText: text })).toHaveCount(1)
})

test('send: the browser sees a reset connection after the server stored it, still exactly one copy', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: uniqueName('reset'), occupants_ids: '1002' }, OWNER)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}/messages`)
  let armed = true
  await page.route(url => url.pathname.endsWith('/chat/Message.json'), async (route) => {
    if (armed && route.request().method() === 'POST') {
      armed = false
      await route.fetch()
      await route.abort('connectionreset')
      return
    }
    await route.continue()
  })
  const text = 'Reset after it was stored.'
  await page.getByLabel(/Send a message as/).fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(landedNotice(page)).toContainText('Send message')
  // Sending the same words again now is a new message, on purpose.
  expect(await messagesWith(dialog._id, text)).toHaveLength(1)
})

test('send: the connection drops before the server sees it, the desk says so, and sending again stores one copy', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: uniqueName('drop'), occupants_ids: '1002' }, OWNER)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}/messages`)
  await faultNext(page, 'POST', '/chat/Message.json', 'drop')
  const text = 'Dropped before it arrived.'
  const box = page.getByLabel(/Send a message as/)
  await box.fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByText(/It did not go through: no proper answer came .*, and a check shows the server did not apply it/)).toBeVisible()
  await expect(box).toHaveValue(text)
  expect(await messagesWith(dialog._id, text)).toHaveLength(0)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByText(/^Sent as /)).toBeVisible()
  expect(await messagesWith(dialog._id, text)).toHaveLength(1)
})

test('create: the answer is lost, the new dialog is found and opened, exactly one on the server', async ({ page }) => {
  const name = uniqueName('create')
  await signInQuickly(page, OWNER)
  await page.goto('/dialogs/new?type=public')
  await expect(page.getByRole('radio', { name: /^Public/ })).toBeChecked()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await faultNext(page, 'POST', '/chat/Dialog.json')
  const posts = countRequests(page, 'POST', '/chat/Dialog.json')
  await page.getByRole('button', { name: /^Create/ }).click()
  await expect(landedNotice(page)).toContainText('Create dialog')
  const found = await emulatorDialogs({ 'name[ctn]': name })
  expect(found.items.map(d => d.name)).toEqual([name])
  await expect(page).toHaveURL(new RegExp(`/dialogs/${found.items[0]!._id}`))
  expect(posts.count).toBe(1)
})

test('rename: the answer is lost, the dialog read back shows it, and the next save sees no conflict', async ({ page }) => {
  const dialog: Dialog = await emulatorCreateDialog({ type: 2, name: uniqueName('rename'), occupants_ids: '1002,1003' }, OWNER)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}`)
  const name = page.getByLabel('Name', { exact: true })
  await expect(name).toHaveValue(dialog.name!)
  await faultNext(page, 'PUT', `/chat/Dialog/${dialog._id}`)
  const puts = countRequests(page, 'PUT', `/chat/Dialog/${dialog._id}`)
  await name.fill('Renamed, answer lost')
  await page.getByRole('button', { name: /^Save/ }).click()
  await expect(landedNotice(page)).toContainText('Update dialog')
  await expect.poll(async () => (await emulatorDialog(dialog._id))!.name).toBe('Renamed, answer lost')
  await expect(page.getByText('Someone changed this dialog since you opened it')).toHaveCount(0)

  await name.fill('Renamed again')
  await page.getByRole('button', { name: /^Save/ }).click()
  await expect.poll(async () => (await emulatorDialog(dialog._id))!.name).toBe('Renamed again')
  await expect(page.getByText('Someone changed this dialog since you opened it')).toHaveCount(0)
  expect(puts.count).toBe(2)
})

test('add a member: the answer is lost, the dialog read back shows them, added once', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: uniqueName('add'), occupants_ids: '1002' }, OWNER)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}/members`)
  await faultNext(page, 'PUT', `/chat/Dialog/${dialog._id}`)
  const puts = countRequests(page, 'PUT', `/chat/Dialog/${dialog._id}`)
  const picker = page.getByLabel('People to add')
  await page.locator('.n-base-selection', { has: picker }).click()
  await expect(picker).toBeFocused()
  await picker.fill('1006')
  await selectOption(page, '#1006').click()
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Add 1' }).click()
  await expect(landedNotice(page)).toContainText('Update dialog')
  expect((await emulatorDialog(dialog._id))!.occupants_ids).toEqual([1001, 1002, 1006])
  expect(puts.count).toBe(1)
})

test('delete: the answer is lost, the desk says repeating is safe, and repeating changes nothing twice', async ({ page }) => {
  const dialog = await emulatorCreateDialog({ type: 2, name: uniqueName('delete'), occupants_ids: '1002' }, OWNER)
  await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: 'keep me' }, 1002)
  await emulatorSend('POST', '/chat/Message.json', { chat_dialog_id: dialog._id, message: 'spam to delete' }, 1002)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs/${dialog._id}/messages`)
  const spam = page.getByRole('listitem').filter({ hasText: 'spam to delete' })
  await faultNext(page, 'DELETE', '/chat/Message/')
  await spam.getByRole('button', { name: 'Delete' }).click()
  const modal = page.getByRole('dialog')
  await modal.getByRole('button', { name: /^Delete 1 message/ }).click()
  await expect(page.getByText(/Doing it again is safe: it changes nothing twice/).first()).toBeVisible()
  // The server did delete it; the list says what the server has once it is read again.
  expect(await messagesWith(dialog._id, 'spam to delete')).toHaveLength(0)
  expect(await messagesWith(dialog._id, 'keep me')).toHaveLength(1)
})
