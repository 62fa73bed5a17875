import type { Page } from '@playwright/test'
import type { Dialog } from '../src/api/types'
import { activityEntries, emulatorCreateDialog, emulatorDialog, emulatorDialogs, emulatorSend, expect, signInQuickly, test } from './fixtures'

const OWNER = 1001
const OCCUPANT = 1008

function recordDeletes(page: Page) {
  const urls: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'DELETE' && request.url().includes('/chat/Dialog/'))
      urls.push(`${new URL(request.url()).pathname} ${request.postData() ?? ''}`.trim())
  })
  return urls
}

function group(name: string, extra: Record<string, unknown> = {}) {
  return emulatorCreateDialog({ type: 2, name, occupants_ids: `1002,${OCCUPANT}`, ...extra }, OWNER)
}

async function open(page: Page, dialog: Dialog, actingUserId: number) {
  await signInQuickly(page, actingUserId)
  await page.goto(`/dialogs/${dialog._id}`)
  await expect(page.getByRole('heading', { name: dialog.name! })).toBeVisible()
}

test('delete for everyone from the dialog page: type the name, one DELETE with force=1', async ({ page }) => {
  const dialog = await group(`Delete me ${Date.now()}`)
  await open(page, dialog, OWNER)
  const deletes = recordDeletes(page)
  await page.getByRole('button', { name: 'Delete for everyone…' }).click()
  const modal = page.getByRole('dialog').filter({ hasText: 'Delete this dialog for everyone?' })
  const confirm = modal.getByRole('button', { name: 'Delete for everyone' })
  await expect(confirm).toBeDisabled()
  await modal.getByLabel(/Type .* to confirm/).fill('wrong name')
  await expect(confirm).toBeDisabled()
  await modal.getByLabel(/Type .* to confirm/).fill(dialog.name!)
  await modal.getByLabel(/Type .* to confirm/).press('Enter')
  await expect(page).toHaveURL(/\/dialogs(\?|$)/)
  await expect(page.getByText('Deleted 1 dialog.')).toBeVisible()
  expect(deletes).toEqual([`/api/chat/Dialog/${dialog._id}.json force=1`])
  expect(await emulatorDialog(dialog._id)).toBeNull()
  const entry = (await activityEntries(page)).find(e => e.action === 'dialog.delete')!
  expect(entry).toMatchObject({ result: 'success', target: { id: dialog._id }, request: { body: { force: 1 } }, before: [{ _id: dialog._id }] })
})

test('an occupant removes a dialog from their own list only; Esc cancels', async ({ page }) => {
  const dialog = await group(`Hide me ${Date.now()}`)
  await open(page, dialog, OCCUPANT)
  await expect(page.getByRole('button', { name: 'Delete for everyone…' })).toBeDisabled()
  await expect(page.getByText("Only the dialog's owner or the account owner can delete it for everyone.")).toBeVisible()
  const deletes = recordDeletes(page)
  await page.getByRole('button', { name: 'Remove from this user\'s list…' }).click()
  const modal = page.getByRole('dialog').filter({ hasText: 'Remove this dialog from the acting user\'s list?' })
  await expect(modal).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(modal).toBeHidden()
  await page.getByRole('button', { name: 'Remove from this user\'s list…' }).click()
  await modal.getByRole('button', { name: 'Remove from this user\'s list' }).click()
  await expect(page).toHaveURL(/\/dialogs(\?|$)/)
  expect(deletes).toEqual([`/api/chat/Dialog/${dialog._id}.json`])
  // Still there for everyone else, gone from the occupant's list.
  expect(await emulatorDialog(dialog._id)).not.toBeNull()
  const mine = await emulatorDialogs({ _id: dialog._id }, OCCUPANT)
  expect(mine.items).toEqual([])
})

test('bulk delete: one request for the selection, then deleted / not found / refused / skipped, in one summary', async ({ page }) => {
  const prefix = `Bulk ${Date.now()}`
  const mine = await Promise.all([1, 2, 3, 4].map(n => group(`${prefix} mine ${n}`)))
  const theirs = await emulatorCreateDialog({ type: 2, name: `${prefix} theirs`, occupants_ids: `${OWNER}` }, 1002)
  await signInQuickly(page, OWNER)
  await page.goto(`/dialogs?name=${encodeURIComponent(prefix)}`)
  await expect(page.getByText('Showing 1–5 of 5 dialogs')).toBeVisible()
  await page.getByLabel('Select all dialogs on this page').check()
  await expect(page.getByRole('region', { name: 'Selected dialogs' })).toContainText('5 selected')
  const deletes = recordDeletes(page)
  await page.getByRole('button', { name: 'Delete for everyone…' }).click()
  const modal = page.getByRole('dialog', { name: 'Delete 4 of 5 dialogs for everyone?' })
  await expect(modal.getByRole('heading', { level: 3, name: '1 will be skipped' })).toBeVisible()
  await expect(modal.getByRole('button', { name: 'Delete for everyone' })).toHaveAttribute('title', 'DELETE with force=1')
  await expect(modal).toContainText(`${prefix} theirs: Only the dialog's owner or the account owner can delete it for everyone.`)

  // Meanwhile: one is deleted elsewhere, another changes owner.
  await emulatorSend('DELETE', `/chat/Dialog/${mine[0]!._id}.json`, { force: 1 }, OWNER)
  await emulatorSend('PUT', `/chat/Dialog/${mine[1]!._id}.json`, { user_id: 1002 }, OWNER)

  await modal.getByLabel(/Type .* to confirm/).fill('delete 4')
  await modal.getByRole('button', { name: 'Delete for everyone' }).click()
  // One confirmation: the outcome comes as a summary on the page (and a toast), not a second modal.
  await expect(modal).toBeHidden()
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /^Deleted 2 dialogs\./ }) })
  await expect(summary.getByRole('heading')).toHaveText('Deleted 2 dialogs. 1 dialog was not found (already deleted?). 1 dialog: not allowed for the acting user. 1 skipped: not allowed for the acting user.')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await summary.locator('summary').filter({ hasText: 'skipped' }).click()
  await expect(summary).toContainText(`${prefix} theirs ${theirs._id}: Only the dialog's owner or the account owner can delete it for everyone.`)
  expect(deletes).toHaveLength(1)
  const [path, form] = deletes[0]!.split(' ')
  expect(path!.replace('/api/chat/Dialog/', '').replace('.json', '').split(',').sort()).toEqual(mine.map(d => d._id).sort())
  expect(form).toBe('force=1')
  expect(await emulatorDialog(mine[2]!._id)).toBeNull()
  expect(await emulatorDialog(mine[3]!._id)).toBeNull()
  expect(await emulatorDialog(mine[1]!._id)).not.toBeNull()
  expect(await emulatorDialog(theirs._id)).not.toBeNull()
  await expect(page.getByText('Showing 1–2 of 2 dialogs')).toBeVisible()
  const entry = (await activityEntries(page)).find(e => e.action === 'dialog.delete')!
  expect(entry).toMatchObject({ result: 'partial', after: { SuccessfullyDeleted: { ids: expect.arrayContaining([mine[2]!._id, mine[3]!._id]) } } })
  expect([...(entry.target as { ids: string[] }).ids].sort()).toEqual(mine.map(d => d._id).sort())
})
