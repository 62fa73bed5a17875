import type { Page } from '@playwright/test'
import { emulatorCreateDialog, emulatorSend, expect, selectOption, signInQuickly, test } from './fixtures'

// Pictures of the dialog editor, create and delete states, light and dark (screenshots/ is git-ignored).
const DIR = 'screenshots'
const OWNER = 1001

async function theme(page: Page, choice: 'Light' | 'Dark') {
  await page.getByRole('radio', { name: choice }).check({ force: true })
  await expect(page.locator('html')).toHaveCSS('color-scheme', choice === 'Dark' ? 'dark' : 'light')
}

/** One picture per theme; `open` brings up a modal after the theme is set (the theme switch is behind its mask). */
async function both(page: Page, name: string, open?: () => Promise<void>) {
  for (const choice of ['Light', 'Dark'] as const) {
    await theme(page, choice)
    await open?.()
    await page.screenshot({ path: `${DIR}/${name}-${choice.toLowerCase()}.png`, animations: 'disabled' })
    if (open) {
      await page.keyboard.press('Escape')
      await expect(page.getByRole('dialog')).toHaveCount(0)
      // The mask fades out after the dialog is gone; the theme switch is under it until then.
      await expect(page.locator('.n-modal-mask')).toHaveCount(0)
    }
  }
  await theme(page, 'Light')
}

test.describe('dialog editor screenshots', () => {
  test.use({ viewport: { width: 1280, height: 1900 } })

  test('overview: clean, dirty, server error, conflict', async ({ page }) => {
    const dialog = await emulatorCreateDialog({ type: 2, name: 'Screenshot group', occupants_ids: '1002,1003', admin_ids: '1002', photo: '67834', data: { class_name: 'ProjectRoom', project: 'Dialog Desk', priority: 'high' } }, OWNER)
    await signInQuickly(page, 1002)
    await page.goto(`/dialogs/${dialog._id}`)
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Screenshot group')
    await both(page, 'overview-clean')

    await page.getByLabel('Name', { exact: true }).fill('Screenshot group (renamed)')
    await page.getByLabel('Photo', { exact: true }).fill(new URL('/favicon.svg', page.url()).href)
    await page.getByLabel('Field 2 value').fill('low')
    await page.getByRole('button', { name: 'Add field' }).click()
    await page.getByLabel('Field 3 name').fill('budget')
    await page.getByLabel('Field 3 value').fill('1200')
    await both(page, 'overview-dirty')

    await emulatorSend('PUT', `/chat/Dialog/${dialog._id}.json`, { name: 'Renamed elsewhere', pull_all: { admin_ids: [1002] } }, OWNER)
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByText('Someone changed this dialog since you opened it')).toBeVisible()
    await both(page, 'overview-conflict')

    await page.getByRole('button', { name: 'Overwrite' }).click()
    await expect(page.getByText('The server refused the change')).toBeVisible()
    await both(page, 'overview-server-error')
  })

  test('owner change confirmation and delete confirmations', async ({ page }) => {
    const dialog = await emulatorCreateDialog({ type: 2, name: 'Screenshot owner', occupants_ids: '1002,1003' }, OWNER)
    await signInQuickly(page, OWNER)
    await page.goto(`/dialogs/${dialog._id}`)
    const picker = page.getByLabel('New owner')
    await picker.click()
    await picker.fill('1003')
    await selectOption(page, '#1003').click()
    await both(page, 'owner-confirm', async () => {
      await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save', exact: true }).click()
      await expect(page.getByText('Change the owner?')).toBeVisible()
    })
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click()

    await both(page, 'delete-for-everyone', async () => {
      await page.getByRole('button', { name: 'Delete for everyone…' }).click()
      await page.getByLabel(/Type .* to confirm/).fill('Screenshot')
    })
    await both(page, 'delete-for-me', async () => {
      await page.getByRole('button', { name: 'Remove from this user\'s list…' }).click()
      await expect(page.getByRole('dialog')).toBeVisible()
    })

  })

  test('bulk delete confirmation', async ({ page }) => {
    await emulatorCreateDialog({ type: 2, name: 'Screenshot bulk', occupants_ids: '1001' }, 1002)
    await emulatorCreateDialog({ type: 2, name: 'Screenshot bulk 2', occupants_ids: '1003' }, OWNER)
    await signInQuickly(page, OWNER)
    await page.goto('/dialogs?name=Screenshot%20bulk')
    await expect(page.getByText('Showing 1–2 of 2 dialogs')).toBeVisible()
    await page.getByLabel('Select all dialogs on this page').check()
    await both(page, 'delete-bulk', async () => {
      await page.getByRole('button', { name: 'Delete for everyone…' }).click()
      await expect(page.getByText(/for everyone\?/)).toBeVisible()
    })
  })

  test('create: each type', async ({ page }) => {
    await signInQuickly(page, OWNER)
    await page.goto('/dialogs/new?type=group')
    await page.getByLabel('Name', { exact: true }).fill('New Year party')
    const occ = page.getByLabel('Add a member', { exact: true })
    await occ.click()
    await occ.fill('1002')
    await selectOption(page, '#1002').click()
    await page.getByRole('button', { name: 'Paste a list…' }).first().click()
    await page.getByLabel('Add a member: paste IDs, logins or emails').fill('1003, 99999, bad!')
    await page.getByRole('button', { name: 'Add to list' }).click()
    await expect(page.getByText(/No user found with ID 99999/)).toBeVisible()
    await page.getByRole('button', { name: 'Add custom data' }).click()
    await page.getByLabel('Class name').fill('ScoreTable')
    await page.getByLabel('Field 1 name').fill('progress')
    await page.getByLabel('Field 1 value').fill('56')
    await both(page, 'create-group')

    await page.goto('/dialogs/new?type=public')
    await page.getByLabel('Name', { exact: true }).fill('Soccer news')
    await both(page, 'create-public')

    await page.goto('/dialogs/new?type=private')
    await page.getByRole('button', { name: 'Create dialog' }).click()
    await expect(page.getByText('Pick the other person for this private dialog.')).toBeVisible()
    await both(page, 'create-private')
  })

  test('create as the account owner', async ({ page }) => {
    await signInQuickly(page, null)
    await page.goto('/dialogs/new')
    await both(page, 'create-owner-account')
  })
})
