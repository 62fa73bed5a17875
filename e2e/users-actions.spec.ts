import type { Page } from '@playwright/test'
import type { MessageList, UnreadCounts } from '../src/api/types'
import { activityEntries, emulatorDialog, emulatorGet, emulatorSend, expect, signInQuickly, test } from './fixtures'
import { createUser, group, say } from './usersHelpers'

// Actions across a user's dialogs: dry run, progress, summary, Retry failed, Undo, the log, Cancel;
// every outcome checked in the emulator's data.

function panel(page: Page) {
  return page.getByRole('region', { name: /Remove from group dialogs|Delete messages for everyone|Mark all their dialogs read/ })
}

function outcomeRow(page: Page, dialogName: string) {
  return panel(page).getByRole('row').filter({ hasText: dialogName })
}

test('remove from all groups: owner dialogs skipped, private untouched, one log entry; Undo puts them back, admin role too', async ({ page }) => {
  const user = await createUser('Rae Remove')
  const plain = await group('Remove A', 1002, [user.id, 1003])
  const asAdmin = await group('Remove B', 1002, [user.id, 1003], [user.id])
  const third = await group('Remove C', 1003, [user.id, 1004])
  const owned = await group('Rae owns this', user.id, [1002])
  const chat = await emulatorSend<{ _id: string }>('POST', '/chat/Dialog.json', { type: 3, occupants_ids: '1002' }, user.id)

  await signInQuickly(page)
  await page.goto(`/users/${user.id}`)
  await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()
  await page.getByRole('button', { name: 'Remove from groups…' }).click()
  await expect(panel(page).getByText(/^Dry run: nothing has been sent\. Will change 3 dialogs\. Skipped 2 dialogs: private dialog \(1\), they own the dialog \(1\)\. Nothing to do in \d+ dialogs \(public dialogs they only read\)\.$/)).toBeVisible()
  await panel(page).getByText('Skipped, and why (2)').click()
  await expect(panel(page).getByText(/Rae owns this: They own this dialog/)).toBeVisible()
  // Nothing is sent by a dry run.
  expect((await emulatorDialog(plain._id))!.occupants_ids).toContain(user.id)

  await panel(page).getByRole('button', { name: 'Remove from 3 dialogs' }).click()
  await expect(panel(page).getByText('Done in 3 of 3 dialogs.')).toBeVisible()
  await expect(outcomeRow(page, 'Remove B')).toContainText('Removed (admin rights went with it)')
  for (const d of [plain, asAdmin, third])
    expect((await emulatorDialog(d._id))!.occupants_ids).not.toContain(user.id)
  expect((await emulatorDialog(owned._id))!.occupants_ids).toContain(user.id)
  expect((await emulatorDialog(chat._id))!.occupants_ids).toContain(user.id)
  await expect.poll(async () => (await activityEntries(page)).filter(e => e.action === 'user.dialogs.remove').map(e => [e.result, e.summary])).toEqual([['success', 'Removed Rae Remove from 3 dialogs']])
  const entry = (await activityEntries(page)).find(e => e.action === 'user.dialogs.remove')!
  expect(entry.target).toEqual({ kind: 'user', id: String(user.id), label: 'Rae Remove' })
  expect(entry.after).toEqual({ done: 3, failed: [], notStarted: 0 })

  await panel(page).getByRole('button', { name: 'Undo' }).click()
  await expect(panel(page).getByText('Done in 3 of 3 dialogs.')).toBeVisible()
  await expect(outcomeRow(page, 'Remove B')).toContainText('Put back, as an admin')
  await expect(panel(page).getByRole('button', { name: 'Undo' })).toHaveCount(0)
  for (const d of [plain, asAdmin, third])
    expect((await emulatorDialog(d._id))!.occupants_ids).toContain(user.id)
  expect((await emulatorDialog(asAdmin._id))!.admin_ids).toContain(user.id)
  await expect.poll(async () => (await activityEntries(page)).filter(e => String(e.action).startsWith('user.')).map(e => e.action)).toEqual(['user.dialogs.remove', 'user.dialogs.restore'])

  // The Activity screen names the user, and the name leads back to their page.
  await page.goto('/activity')
  const row = page.getByRole('row').filter({ hasText: 'Removed Rae Remove from 3 dialogs' })
  await expect(row.getByRole('link', { name: 'Rae Remove' })).toHaveAttribute('href', `/users/${user.id}`)
})

test('one dialog failing mid-way: the rest go on, the summary gives the reason, and Retry failed sends only that one', async ({ page }) => {
  const user = await createUser('Fay Fails')
  const dialogs = await Promise.all(['Fail A', 'Fail B', 'Fail C', 'Fail D'].map(name => group(name, 1002, [user.id, 1003])))
  const broken = dialogs[1]!
  await signInQuickly(page)
  // The emulator's fault mode (--faults) answers this one dialog's update with a 500.
  let failing = true
  const puts: string[] = []
  await page.route(url => url.pathname.startsWith('/api/chat/Dialog/'), async (route) => {
    const request = route.request()
    if (request.method() !== 'PUT')
      return route.continue()
    puts.push(new URL(request.url()).pathname)
    const fault: Record<string, string> = failing && request.url().includes(broken._id) ? { 'x-emulator-fault': '500' } : {}
    await route.continue({ headers: { ...request.headers(), ...fault } })
  })
  await page.goto(`/users/${user.id}`)
  await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()
  await page.getByRole('button', { name: 'Remove from groups…' }).click()
  await panel(page).getByRole('button', { name: 'Remove from 4 dialogs' }).click()
  await expect(panel(page).getByText(/Done in 3 of 4 dialogs\. 1 failed/)).toBeVisible()
  await expect(outcomeRow(page, 'Fail B')).toContainText('Failed: It did not go through')
  await expect(outcomeRow(page, 'Fail B')).toContainText('Internal server error (emulator fault mode)')
  for (const d of dialogs)
    expect((await emulatorDialog(d._id))!.occupants_ids.includes(user.id)).toBe(d === broken)
  await expect.poll(async () => (await activityEntries(page)).filter(e => e.action === 'user.dialogs.remove').map(e => e.result)).toEqual(['partial'])

  failing = false
  puts.length = 0
  await panel(page).getByRole('button', { name: 'Retry failed (1)' }).click()
  await expect(panel(page).getByText('Done in 4 of 4 dialogs.')).toBeVisible()
  expect(puts).toEqual([`/api/chat/Dialog/${broken._id}.json`])
  expect((await emulatorDialog(broken._id))!.occupants_ids).not.toContain(user.id)
  // Undo then puts them back in all four, the retried one included.
  await panel(page).getByRole('button', { name: 'Undo' }).click()
  await expect(panel(page).getByText('Done in 4 of 4 dialogs.')).toBeVisible()
  for (const d of dialogs)
    expect((await emulatorDialog(d._id))!.occupants_ids).toContain(user.id)
})

test('delete their messages in 3 dialogs for everyone, chunked per dialog', async ({ page }) => {
  const user = await createUser('Sid Spam')
  const dialogs = await Promise.all(['Spam 1', 'Spam 2', 'Spam 3', 'Clean 4'].map(name => group(name, 1002, [user.id, 1003])))
  for (const d of dialogs.slice(0, 3)) {
    await say(d._id, user.id, `Buy cheap followers in ${d.name}`)
    await say(d._id, 1003, `No thanks in ${d.name}`)
  }
  await say(dialogs[3]!._id, user.id, 'A useful message')
  await signInQuickly(page)
  await page.goto(`/users/${user.id}?view=messages&text=followers`)
  const list = page.getByRole('list', { name: 'Their messages, newest first' })
  await expect(list.getByRole('listitem')).toHaveCount(3)
  for (const item of await list.getByRole('listitem').all())
    await item.getByRole('checkbox').check()
  await page.getByRole('region', { name: 'Selected messages' }).getByRole('button', { name: 'Delete for everyone…' }).click()
  await expect(panel(page).getByText(/Will change 3 dialogs \(3 messages, for everyone; this can't be undone\)/)).toBeVisible()
  await panel(page).getByRole('button', { name: 'Delete in 3 dialogs' }).click()
  await expect(panel(page).getByText('Done in 3 of 3 dialogs.')).toBeVisible()
  await expect(list.getByRole('listitem')).toHaveCount(0)
  for (const d of dialogs) {
    const left = await emulatorGet<MessageList>('/chat/Message.json', { chat_dialog_id: d._id, mark_as_read: 0 })
    expect(left.items.map(m => m.message)).toEqual(d === dialogs[3] ? ['A useful message'] : [`No thanks in ${d.name}`])
  }
  await expect.poll(async () => (await activityEntries(page)).filter(e => e.action === 'user.messages.delete').map(e => e.result)).toEqual(['success'])
})

test('mark all their dialogs read for them, on their behalf', async ({ page }) => {
  const user = await createUser('Una Unread')
  const dialogs = await Promise.all(['Unread 1', 'Unread 2'].map(name => group(name, 1002, [user.id, 1003])))
  for (const d of dialogs)
    await say(d._id, 1003, 'Please read me')
  const ids = dialogs.map(d => d._id).join(',')
  expect((await emulatorGet<UnreadCounts>('/chat/Message/unread.json', { chat_dialog_ids: ids }, user.id)).total).toBe(2)
  await signInQuickly(page)
  await page.goto(`/users/${user.id}`)
  await expect(page.getByText(/Showing 1–\d+ of \d+ dialogs/)).toBeVisible()
  await page.getByRole('button', { name: 'Mark all read for them…' }).click()
  await expect(panel(page).getByText(/Will change 2 dialogs\./)).toBeVisible()
  await panel(page).getByRole('button', { name: 'Mark read in 2 dialogs' }).click()
  await expect(panel(page).getByText('Done in 2 of 2 dialogs.')).toBeVisible()
  expect((await emulatorGet<UnreadCounts>('/chat/Message/unread.json', { chat_dialog_ids: ids }, user.id)).total).toBe(0)
  await expect(page.locator('tbody tr').filter({ hasText: 'Unread 1' }).locator('td.unread')).toHaveText('0')
})

test('Cancel stops the fan-out at once: requests in flight are dropped, nothing new starts, partial results stay', async ({ page }) => {
  await signInQuickly(page)
  // Slow answers, so the scan of user 1001's dialogs is still running when Cancel is pressed.
  const started: number[] = []
  await page.route(url => url.pathname === '/api/chat/Message.json', async (route) => {
    started.push(Date.now())
    await new Promise(resolve => setTimeout(resolve, 300))
    await route.continue().catch(() => undefined)
  })
  await page.goto('/users/1001?view=messages')
  const status = page.getByRole('status').filter({ hasText: /dialogs/ })
  await expect(status).toContainText(/Reading [1-9]\d* of \d+ dialogs/)
  const cancelledAt = Date.now()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(status).toContainText(/Stopped after \d+ of \d+ dialogs/, { timeout: 1000 })
  const stoppedText = await status.textContent()
  const [, done, total] = /Stopped after (\d+) of (\d+)/.exec(stoppedText ?? '')!
  expect(Number(done)).toBeLessThan(Number(total))
  // Nothing new starts after Cancel: the count of list requests stays where it was.
  const afterCancel = started.filter(t => t > cancelledAt + 50).length
  await expect(page.getByRole('button', { name: 'Read again' })).toBeVisible()
  expect(started.filter(t => t > cancelledAt + 50).length).toBe(afterCancel)
  expect(afterCancel).toBe(0)
  await expect(status).toHaveText(stoppedText!)
})
