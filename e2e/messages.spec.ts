import type { Dialog } from '../src/api/types'
import { activityEntries, emulatorSend, emulatorUser, expect, signInQuickly, test } from './fixtures'
import { BASE, createGroup, item, one, openMessages, OWNER, post, shownIds, status, truth } from './messagesHelpers'

// Messages tab: every update-message.md recipe, filters, edit, delete (one and 1,000), send,
// and that browsing never marks anything read. Each test builds its own dialog through the
// emulator's API, so tests don't depend on each other.

const XSS = '<img src=x onerror=alert(1)>'

test.use({ viewport: { width: 1366, height: 1400 } })

test.describe('messages tab', () => {
  let dialog: Dialog

  test.beforeAll(async () => {
    dialog = await createGroup('E2E messages', [1002, 1003, 1004])
    await Promise.all(Array.from({ length: 24 }, (_, i) =>
      post(dialog._id, i % 2 ? 1003 : 1002, `Note ${i} ${i % 3 === 0 ? 'apple' : 'banana'}`, { date_sent: BASE + i * 3600 })))
    await post(dialog._id, 1002, 'Photo for the team', {
      date_sent: BASE + 30 * 3600,
      attachments: [{ type: 'image', id: '47863', name: 'team.png', url: 'https://files.example.com/team.png' }, { type: 'file', id: '9', url: 'javascript:alert(2)' }],
      is_pinned: 'yes',
    })
    await post(dialog._id, 1002, XSS, { date_sent: BASE + 31 * 3600 })
    // 1003 has read the newest message, so names come from read_ids.
    const newest = (await truth(dialog._id))[0]!
    await emulatorSend('PUT', `/chat/Message/${newest._id}.json`, { read: 1, chat_dialog_id: dialog._id }, 1003)
  })

  test('shows the newest first, renders hostile text as text, and browsing marks nothing read', async ({ page }) => {
    const alerts: string[] = []
    page.on('dialog', (d) => {
      alerts.push(d.message())
      void d.dismiss()
    })
    const before = await truth(dialog._id)
    const requests: URL[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/chat/Message.json') && r.method() === 'GET')
        requests.push(new URL(r.url()))
    })
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)
    await expect(status(page)).toHaveText(`${before.length} messages loaded, newest first · all loaded`)
    await expect.poll(async () => (await shownIds(page))[0]).toBe(before[0]!._id)

    const hostile = item(page, XSS)
    await expect(hostile.getByText(XSS, { exact: true })).toBeVisible()
    await expect(page.getByRole('listitem').locator('img')).toHaveCount(0)
    const reader = await emulatorUser(1003)
    await expect(hostile).toContainText(`Read by ${reader.full_name}`)

    const photo = item(page, 'Photo for the team')
    await expect(photo.getByRole('link', { name: 'https://files.example.com/team.png' })).toHaveAttribute('rel', 'noopener noreferrer')
    await expect(photo.getByText('javascript:alert(2)')).toBeVisible()
    await expect(photo.getByRole('link', { name: 'javascript:alert(2)' })).toHaveCount(0)
    await expect(photo.getByText('is_pinned')).toBeVisible()
    // Its file is not on the server: a chip with the name and the reason instead of a picture.
    await expect(photo.getByText('team.png', { exact: true })).toBeVisible()
    await expect(photo.getByText('Can\'t show the picture: The file wasn\'t found on the server (HTTP 404: The resource wasn\'t found)')).toBeVisible()

    // Scroll through everything, then compare read states with before.
    await page.getByRole('listitem').last().scrollIntoViewIfNeeded()
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.every(u => u.searchParams.get('mark_as_read') === '0')).toBe(true)
    const after = await truth(dialog._id)
    expect(after.map(m => [m._id, m.read_ids])).toEqual(before.map(m => [m._id, m.read_ids]))
    expect(alerts).toEqual([])
  })

  test('filters run on the server, live in the URL and match the emulator', async ({ page }) => {
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)
    await expect(status(page)).toBeVisible()

    await page.getByLabel('Text contains').fill('apple')
    const apples = await truth(dialog._id, { 'message[ctn]': 'apple' })
    await expect(status(page)).toHaveText(`${apples.length} messages loaded, newest first · all loaded`)
    await expect(page).toHaveURL(/text=apple/)
    await expect.poll(() => shownIds(page)).toEqual(apples.map(m => m._id))

    // Sender by picker, behind the Filter button.
    const sender = await emulatorUser(1003)
    await page.getByRole('button', { name: /^Filter/ }).click()
    const picker = page.getByLabel('Sender', { exact: true })
    await picker.click()
    await picker.fill(String(sender.id))
    await page.locator('.n-base-select-option', { hasText: `#${sender.id}` }).click()
    const fromSender = await truth(dialog._id, { 'message[ctn]': 'apple', 'sender_id': sender.id })
    await expect(page).toHaveURL(/sender=1003/)
    await expect.poll(() => shownIds(page)).toEqual(fromSender.map(m => m._id))

    // A date range from a link (whole UTC days, both included).
    await openMessages(page, dialog._id, '?from=2025-03-01&to=2025-03-01')
    const dayStart = BASE
    const dayEnd = BASE + 86399
    const inDay = await truth(dialog._id, { 'date_sent[gte]': dayStart, 'date_sent[lte]': dayEnd })
    await expect(page.getByRole('button', { name: 'Remove filter Sent from 03/01/2025' })).toBeVisible()
    await page.getByRole('button', { name: /^Filter/ }).click()
    await expect(page.getByLabel('Sent from', { exact: true })).toHaveValue('2025-03-01')
    await expect(status(page)).toHaveText(`${inDay.length} messages loaded, newest first · all loaded`)
    await expect.poll(async () => (await shownIds(page))[0]).toBe(inDay[0]!._id)

    await openMessages(page, dialog._id, '?text=no-such-words-anywhere')
    await expect(page.getByText('No messages match these filters')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).last().click()
    await expect(status(page)).toBeVisible()
    await expect(page).not.toHaveURL(/text=/)
  })

  test('jumps to a date, then continues with older messages', async ({ page }) => {
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id, '?at=2025-03-01')
    const upTo = await truth(dialog._id, { 'date_sent[lte]': BASE + 86399 })
    await expect(page.getByText(/Showing messages sent on .* or earlier/)).toBeVisible()
    await expect.poll(async () => (await shownIds(page))[0]).toBe(upTo[0]!._id)
    await page.getByRole('button', { name: 'Back to the newest' }).click()
    const all = await truth(dialog._id)
    await expect.poll(async () => (await shownIds(page))[0]).toBe(all[0]!._id)
  })
})

test('edit text in place: Esc cancels, Enter saves with the update-message recipe', async ({ page }) => {
  const dialog = await createGroup('E2E edit', [1002, 1003])
  const original = await post(dialog._id, 1002, 'Helo wrold')
  await signInQuickly(page, OWNER)
  await openMessages(page, dialog._id)
  const row = item(page, 'Helo wrold')

  await row.getByRole('button', { name: 'Edit' }).click()
  const editor = page.getByLabel('New text')
  await expect(editor).toBeFocused()
  await editor.fill('Never saved')
  await editor.press('Escape')
  await expect(editor).toHaveCount(0)
  expect((await one(dialog._id, original._id)).message).toBe('Helo wrold')

  const puts: { url: string, body: unknown }[] = []
  page.on('request', (r) => {
    if (r.method() === 'PUT')
      puts.push({ url: new URL(r.url()).pathname, body: r.postDataJSON() })
  })
  await row.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByText('Current text (kept until the new one is saved):')).toBeVisible()
  await editor.fill('Hello world')
  await editor.press('Enter')
  await expect(page.getByText('Message text saved.')).toBeVisible()
  await expect(item(page, 'Hello world')).toContainText('edited')
  expect(puts).toEqual([{ url: `/api/chat/Message/${original._id}.json`, body: { message: 'Hello world', chat_dialog_id: dialog._id } }])
  expect((await one(dialog._id, original._id)).message).toBe('Hello world')
  await expect.poll(async () => (await activityEntries(page)).find(e => e.action === 'message.update')).toMatchObject({
    result: 'success',
    before: { message: 'Helo wrold' },
    after: { message: 'Hello world' },
    target: { kind: 'message', id: original._id, dialogId: dialog._id },
  })
})

test('mark one and all messages read and delivered (the four recipes) for the acting user', async ({ page }) => {
  const dialog = await createGroup('E2E marks', [1002, 1003])
  const a = await post(dialog._id, 1002, 'first from 1002', { date_sent: BASE })
  const b = await post(dialog._id, 1002, 'second from 1002', { date_sent: BASE + 10 })
  await post(dialog._id, 1003, 'third from 1003', { date_sent: BASE + 20 })
  await post(dialog._id, OWNER, 'mine', { date_sent: BASE + 30 })
  const puts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'PUT')
      puts.push(`${new URL(r.url()).pathname} ${r.postData()}`)
  })
  await signInQuickly(page, OWNER)
  await openMessages(page, dialog._id)

  await item(page, 'first from 1002').getByRole('button', { name: 'Mark read' }).click()
  await expect.poll(async () => (await one(dialog._id, a._id)).read_ids).toContain(OWNER)
  expect((await one(dialog._id, b._id)).read_ids).not.toContain(OWNER)
  await expect(item(page, 'first from 1002')).toContainText('Read by')

  await item(page, 'first from 1002').getByRole('button', { name: 'Mark delivered' }).click()
  await expect.poll(async () => (await one(dialog._id, a._id)).delivered_ids).toContain(OWNER)
  expect((await one(dialog._id, b._id)).delivered_ids).not.toContain(OWNER)

  await page.getByRole('button', { name: 'Mark all read' }).click()
  await expect(page.getByText('All messages of the dialog marked as read')).toBeVisible()
  for (const m of await truth(dialog._id))
    expect(m.read_ids.includes(OWNER)).toBe(m.sender_id !== OWNER)

  await page.getByRole('button', { name: 'Mark all delivered' }).click()
  await expect(page.getByText('All messages of the dialog marked as delivered')).toBeVisible()
  for (const m of await truth(dialog._id))
    expect(m.delivered_ids.includes(OWNER)).toBe(m.sender_id !== OWNER)

  expect(puts).toEqual([
    `/api/chat/Message/${a._id}.json {"read":1,"chat_dialog_id":"${dialog._id}"}`,
    `/api/chat/Message/${a._id}.json {"delivered":1,"chat_dialog_id":"${dialog._id}"}`,
    `/api/chat/Message.json {"read":1,"chat_dialog_id":"${dialog._id}"}`,
    `/api/chat/Message.json {"delivered":1,"chat_dialog_id":"${dialog._id}"}`,
  ])
})

test('the account owner cannot mark read or send: each control says why', async ({ page }) => {
  const dialog = await createGroup('E2E rules owner', [1002, 1003])
  await post(dialog._id, 1002, 'from 1002')
  await signInQuickly(page, null)
  await openMessages(page, dialog._id)
  await expect(page.getByRole('button', { name: 'Mark all read' })).toBeDisabled()
  await expect(page.getByRole('note')).toHaveText('Read and delivered marks belong to a user. Act as a user to set them.')
  await expect(page.getByText('A message needs a sender. Act as a user to send one.')).toBeVisible()
  await expect(item(page, 'from 1002').getByRole('button', { name: 'Mark read' })).toBeDisabled()
  await expect(item(page, 'from 1002').getByRole('button', { name: 'Edit' })).toBeEnabled()
})

test('an occupant may edit only their own messages; the others say why', async ({ page }) => {
  const dialog = await createGroup('E2E rules occupant', [1002, 1003])
  await post(dialog._id, 1002, 'from 1002')
  await post(dialog._id, 1003, 'from 1003')
  await signInQuickly(page, 1003)
  await openMessages(page, dialog._id)
  const edit = item(page, 'from 1002').getByRole('button', { name: 'Edit' })
  await expect(edit).toBeDisabled()
  await expect(edit).toHaveAttribute('aria-description', /Only the sender, the dialog's owner or an admin/)
  await expect(item(page, 'from 1003').getByRole('button', { name: 'Edit' })).toBeEnabled()
  // The keyboard's "e" on a message one may not edit says why, instead of doing nothing.
  await item(page, 'from 1002').focus()
  await page.keyboard.press('e')
  await expect(page.getByText('Only the sender, the dialog\'s owner or an admin can edit this message.')).toBeVisible()
  await expect(page.getByLabel('New text')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Mark all read' })).toBeEnabled()
})

test('send a moderator notice as the acting user (send_to_chat=1)', async ({ page }) => {
  const dialog = await createGroup('E2E send', [1002])
  await post(dialog._id, 1002, 'hello')
  let sent: Record<string, unknown> | null = null
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/chat/Message.json'))
      sent = r.postDataJSON() as Record<string, unknown>
  })
  await signInQuickly(page, OWNER)
  await openMessages(page, dialog._id)
  await page.getByLabel(/Send a message as/).fill('Moderator notice: please keep it civil.')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByText(/^Sent as /)).toBeVisible()
  expect(sent).toEqual({ chat_dialog_id: dialog._id, message: 'Moderator notice: please keep it civil.', send_to_chat: 1, desk_client_id: expect.stringMatching(/^[\da-f-]{36}$/) })
  const newest = (await truth(dialog._id))[0]!
  expect(newest).toMatchObject({ message: 'Moderator notice: please keep it civil.', sender_id: OWNER })
  await expect.poll(async () => (await shownIds(page))[0]).toBe(newest._id)
})

test('delete one message for everyone, with confirmation and a summary', async ({ page }) => {
  const dialog = await createGroup('E2E delete one', [1002])
  await post(dialog._id, 1002, 'keep me', { date_sent: BASE })
  const doomed = await post(dialog._id, 1002, 'spam spam spam', { date_sent: BASE + 1 })
  await signInQuickly(page, OWNER)
  await openMessages(page, dialog._id)
  await item(page, 'spam spam spam').getByRole('button', { name: 'Delete' }).click()
  const modal = page.getByRole('dialog')
  await expect(modal).toContainText('Delete 1 message')
  await modal.getByRole('button', { name: 'Cancel' }).click()
  await expect(modal).toHaveCount(0)
  expect(await truth(dialog._id)).toHaveLength(2)

  await item(page, 'spam spam spam').getByRole('button', { name: 'Delete' }).click()
  await modal.getByLabel(/Everyone/).check()
  await expect(modal.getByLabel(/Everyone/).locator('xpath=..')).toHaveAttribute('title', /force=1/)
  await modal.getByRole('button', { name: 'Delete 1 message' }).click()
  // One confirmation: the outcome is a toast, not a second dialog.
  await expect(modal).toHaveCount(0)
  await expect(page.getByText('Deleted 1 message for everyone.')).toBeVisible()
  await expect(item(page, 'spam spam spam')).toHaveCount(0)
  expect((await truth(dialog._id)).map(m => m._id)).not.toContain(doomed._id)
})

test('bulk delete 1,000 messages: shift-click ranges, select all loaded, the fewest URL-safe requests', async ({ page }) => {
  test.setTimeout(90_000)
  const dialog = await createGroup('E2E bulk delete', [1002])
  const texts = Array.from({ length: 1000 }, (_, i) => `bulk ${i}`)
  for (let i = 0; i < texts.length; i += 50)
    await Promise.all(texts.slice(i, i + 50).map((t, j) => post(dialog._id, 1002, t, { date_sent: BASE + i + j })))
  expect(await truth(dialog._id)).toHaveLength(1000)

  await signInQuickly(page, OWNER)
  await openMessages(page, dialog._id)
  await expect(status(page)).toBeVisible()

  // Shift-click selects a range.
  await page.getByRole('checkbox', { name: /^Select message/ }).nth(0).click()
  await page.getByRole('checkbox', { name: /^Select message/ }).nth(4).click({ modifiers: ['Shift'] })
  await expect(page.getByText('5 selected')).toBeVisible()

  // Scroll back until every message is loaded.
  await page.getByRole('list', { name: 'Messages' }).hover()
  await expect.poll(async () => {
    await page.mouse.wheel(0, 20_000)
    return status(page).textContent()
  }, { timeout: 30_000 }).toBe('1000 messages loaded, newest first · all loaded')

  const deletes: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'DELETE')
      deletes.push(r.url())
  })
  await page.getByLabel(/Select all loaded/).check()
  await expect(page.getByText('1000 selected')).toBeVisible()
  await page.getByRole('button', { name: 'Delete selected…' }).click()
  const modal = page.getByRole('dialog')
  await modal.getByRole('button', { name: 'Delete 1000 messages' }).click()
  await expect(page.getByText('Deleted 1000 messages for everyone.')).toBeVisible({ timeout: 30_000 })
  await expect(modal).toHaveCount(0)

  // 24-character IDs joined by commas, in a path that leaves 200 characters for the API base.
  const idsPerRequest = Math.floor((2000 - '/chat/Message/'.length - '.json'.length - 200 + 1) / 25)
  expect(deletes).toHaveLength(Math.ceil(1000 / idsPerRequest))
  const counts = deletes.map(u => new URL(u).pathname.replace(/^.*\/chat\/Message\//, '').replace('.json', '').split(',').length)
  expect(Math.max(...counts)).toBe(idsPerRequest)
  expect(counts.reduce((s, n) => s + n, 0)).toBe(1000)
  expect(deletes.every(u => u.length <= 2000)).toBe(true)
  expect(await truth(dialog._id)).toHaveLength(0)
  const logged = (await activityEntries(page)).find(e => e.action === 'message.delete') as { result: string, target: { ids: string[] }, after: { deleted: number, notFound: string[] } }
  expect(logged.result).toBe('success')
  expect(logged.target.ids).toHaveLength(1000)
  expect(logged.after).toMatchObject({ deleted: 1000, notFound: [] })
  await expect(page.getByText('No messages in this dialog')).toBeVisible()
})

test('a failed load shows the server\'s words and a retry', async ({ page }) => {
  const dialog = await createGroup('E2E load error', [1002])
  await post(dialog._id, 1002, 'still here')
  await signInQuickly(page, OWNER)
  await page.route('**/api/chat/Message.json?**', route => route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ errors: ['You don\'t have appropriate permissions to perform this operation'] }) }))
  await openMessages(page, dialog._id)
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load messages' })
  await expect(alert).toContainText('You don\'t have appropriate permissions to perform this operation')
  await page.unroute('**/api/chat/Message.json?**')
  await alert.getByRole('button', { name: 'Retry' }).click()
  await expect(item(page, 'still here')).toBeVisible()
})
