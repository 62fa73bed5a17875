import type { Page, Request } from '@playwright/test'
import type { MessageList, UnreadCounts, UserList } from '../src/api/types'
import { emulatorGet, expect, signInQuickly, test } from './fixtures'
import { createUser, emulatorDialogs, group, say } from './usersHelpers'

// People: the Users screen and the user page, checked against the emulator's data.

/** Every message's read_ids in these dialogs, as the account owner sees them (never marking anything). */
async function readIds(dialogIds: string[]): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {}
  for (const id of dialogIds) {
    const list = await emulatorGet<MessageList>('/chat/Message.json', { chat_dialog_id: id, limit: 100, mark_as_read: 0 })
    for (const m of list.items)
      out[m._id] = [...m.read_ids].sort()
  }
  return out
}

/** Every request the page sends to the API from now on. */
function recordApi(page: Page): Request[] {
  const seen: Request[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/'))
      seen.push(r)
  })
  return seen
}

/** "Showing 1–25 of N users", N as the emulator counts them now (other tests add users). */
async function firstPageLine(page: Page) {
  const total = (await emulatorGet<UserList>('/users.json', { per_page: 1 })).total_entries
  return page.getByText(`Showing 1–25 of ${total} users`)
}

function inboxRows(page: Page) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Their role' }) }).locator('tbody tr')
}

test.describe('users screen', () => {
  test('searches by ID, login, email, phone, name and tag, as the emulator answers, with everything in the URL', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/users')
    await expect(await firstPageLine(page)).toBeVisible()
    const search = page.getByRole('searchbox', { name: 'Search users' })
    const names = () => page.locator('.users-table tbody tr').evaluateAll(rows => rows.map(r => Number(r.getAttribute('data-id'))))

    await search.fill('1007')
    await search.press('Enter')
    await expect(page).toHaveURL(/q=1007/)
    await expect.poll(names).toEqual([1007])

    await search.fill('alice.martin')
    await search.press('Enter')
    await expect.poll(names).toEqual([1001])
    await expect(page.getByText('Login is “alice.martin”')).toBeVisible()

    await search.fill('BOB.MARTIN@example.com')
    await search.press('Enter')
    await expect.poll(names).toEqual([1002])

    const withPhone = (await emulatorGet<UserList>('/users.json', { 'filter[]': 'number id eq 1004' })).items[0]!.user
    await search.fill(withPhone.phone!)
    await search.press('Enter')
    await expect.poll(names).toEqual([1004])

    const byName = await emulatorGet<UserList>('/users/by_full_name.json', { full_name: 'Martin', per_page: 25 })
    await search.fill('Martin')
    await search.press('Enter')
    await expect(page.getByText(`Showing 1–25 of ${byName.total_entries} users`)).toBeVisible()

    const vip = await emulatorGet<UserList>('/users/by_tags.json', { tags: 'vip', per_page: 25, order: 'desc date created_at' })
    await search.fill('tag:vip')
    await search.press('Enter')
    await page.getByLabel('Sort by').selectOption('created_at')
    await page.getByRole('button', { name: /Ascending/ }).click()
    await expect(page).toHaveURL(/\/users\?q=tag:vip&sort=created_at&dir=desc$/)
    await expect.poll(names).toEqual(vip.items.map(i => i.user.id))
    await expect(page.getByText(`of ${vip.total_entries} users`)).toBeVisible()

    // The link reproduces the state; back and forward keep it.
    await page.reload()
    await expect(search).toHaveValue('tag:vip')
    await expect.poll(names).toEqual(vip.items.map(i => i.user.id))
  })

  test('a malformed search says why next to the field, and sends nothing', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/users')
    await expect(await firstPageLine(page)).toBeVisible()
    const requests = recordApi(page)
    const search = page.getByRole('searchbox', { name: 'Search users' })
    await search.fill('colour:red')
    await expect(page.locator('#user-search-error')).toHaveText(/“colour:” is not something to search by/)
    await expect(search).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeDisabled()
    await search.fill('id:12ab')
    await expect(page.locator('#user-search-error')).toHaveText(/whole number/)
    expect(requests.filter(r => r.url().includes('/users'))).toEqual([])
    // From a link, the same search shows what is wrong and a way out.
    await page.goto('/users?q=an')
    await expect(page.getByRole('heading', { name: 'This search can\'t be run' })).toBeVisible()
    await page.getByRole('button', { name: 'Show all users' }).click()
    await expect(await firstPageLine(page)).toBeVisible()
  })

  test('no match is an empty state, and j/k/Enter open a user from the keyboard', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/users?q=login:nobody.here')
    await expect(page.getByRole('heading', { name: 'No user matches' })).toBeVisible()
    await page.goto('/users')
    await expect(await firstPageLine(page)).toBeVisible()
    await page.locator('body').press('j')
    await page.keyboard.press('j')
    await expect(page.getByRole('link', { name: 'Bob Martin' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/users\/1002$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Bob Martin' })).toBeVisible()
  })

  test('a failed page says the server\'s words, and Retry loads it', async ({ page }) => {
    await signInQuickly(page)
    let fail = true
    await page.route(url => url.pathname === '/api/users.json', route => fail
      ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ errors: ['The users service is resting.'] }) })
      : route.continue())
    await page.goto('/users')
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load users' })
    await expect(alert).toContainText('The users service is resting.')
    fail = false
    await alert.getByRole('button', { name: 'Retry' }).click()
    await expect(await firstPageLine(page)).toBeVisible()
  })

  test('every user name elsewhere links to the user page', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/dialogs?name=All%20hands')
    const owner = page.getByRole('table').locator('tbody tr').first().getByRole('link', { name: 'Alice Martin' })
    await expect(owner).toHaveAttribute('href', '/users/1001')
    await owner.click()
    await expect(page).toHaveURL(/\/users\/1001$/)
  })
})

test.describe('user page', () => {
  test('their inbox is what they see, unread counts equal the emulator\'s, and opening it changes no read_ids', async ({ page }) => {
    const truth = await emulatorDialogs(1001)
    const ids = truth.items.map(d => d._id)
    const unread = await emulatorGet<UnreadCounts>('/chat/Message/unread.json', { chat_dialog_ids: ids.join(',') }, 1001)
    const withUnread = ids.filter(id => unread[id]! > 0)
    expect(withUnread.length).toBeGreaterThan(0)
    const before = await readIds(withUnread)

    await signInQuickly(page)
    const requests = recordApi(page)
    await page.goto('/users/1001')
    await expect(page.getByText(`Showing 1–${truth.items.length} of ${truth.total_entries} dialogs`)).toBeVisible()
    await expect.poll(() => inboxRows(page).evaluateAll(rows => rows.map(r => r.getAttribute('data-id')))).toEqual(ids)
    // The unread column, row by row, against the emulator.
    await expect.poll(() => inboxRows(page).locator('td.unread').allInnerTexts()).toEqual(ids.map(id => String(unread[id])))
    await expect(inboxRows(page).filter({ hasText: 'All hands' }).getByRole('cell', { name: 'Owner' })).toBeVisible()
    await expect(inboxRows(page).filter({ hasText: 'Design review' }).getByRole('cell', { name: 'Admin' })).toBeVisible()
    await expect(inboxRows(page).filter({ hasText: 'Weekend hikers' }).getByRole('cell', { name: 'Member' })).toBeVisible()

    await page.getByRole('link', { name: 'Messages', exact: true }).click()
    await expect(page.getByText(/messages found in \d+ dialogs/)).toBeVisible()

    // Nothing but reads, as the user, never marking; and the emulator agrees nothing changed.
    expect(requests.filter(r => r.method() !== 'GET').map(r => r.url())).toEqual([])
    const messageReads = requests.filter(r => new URL(r.url()).pathname === '/api/chat/Message.json')
    expect(messageReads.length).toBeGreaterThan(0)
    expect(messageReads.every(r => new URL(r.url()).searchParams.get('mark_as_read') === '0')).toBe(true)
    expect(await readIds(withUnread)).toEqual(before)
    expect(await emulatorGet<UnreadCounts>('/chat/Message/unread.json', { chat_dialog_ids: ids.join(',') }, 1001)).toEqual(unread)
  })

  test('their messages across dialogs: merged newest first, each opening the message in its dialog; text filter in the URL', async ({ page }) => {
    const user = await createUser('Mia Messages')
    const dialogs = await Promise.all(['Msg room A', 'Msg room B', 'Msg room C'].map(name => group(name, 1002, [user.id, 1003])))
    for (const [i, d] of dialogs.entries()) {
      await say(d._id, user.id, `hello from ${i}`)
      await say(d._id, 1003, `someone else ${i}`)
      await say(d._id, user.id, `spam offer ${i}`)
    }
    await signInQuickly(page)
    await page.goto(`/users/${user.id}?view=messages`)
    await expect(page.getByText('6 messages found in')).toBeVisible()
    const list = page.getByRole('list', { name: 'Their messages, newest first' })
    await expect(list.getByRole('listitem')).toHaveCount(6)
    await expect(list.getByRole('listitem').first()).toContainText('spam offer 2')
    await expect(list.getByText('someone else')).toHaveCount(0)

    await page.getByLabel('Text contains').fill('spam')
    await expect(page).toHaveURL(/text=spam/)
    await expect(page.getByText('3 messages match in')).toBeVisible()
    await expect(list.getByRole('listitem')).toHaveCount(3)

    const first = list.getByRole('listitem').first()
    const messageId = await first.getAttribute('data-id')
    await first.getByRole('link', { name: 'Msg room C' }).click()
    await expect(page).toHaveURL(new RegExp(`/dialogs/${dialogs[2]!._id}/messages\\?message=${messageId}$`))
  })

  test('the profile holds its place while it loads: nothing below it moves when it arrives', async ({ page }) => {
    const user = await createUser('Steady Layout')
    await signInQuickly(page)
    let release!: () => void
    const held = new Promise<void>(resolve => release = resolve)
    await page.route(new RegExp(`/api/users/${user.id}\\.json`), async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`/users/${user.id}`)
    const profile = page.locator('header.profile')
    await expect(profile).toHaveAttribute('aria-busy', 'true')
    await expect(profile.getByRole('heading', { level: 1 })).toHaveText('Loading user…')
    const toolbar = page.getByRole('toolbar', { name: 'Actions across their dialogs' })
    const before = (await toolbar.boundingBox())!
    release()
    await expect(profile.getByRole('heading', { level: 1 })).toHaveText('Steady Layout')
    await expect(profile).toHaveAttribute('aria-busy', 'false')
    const after = (await toolbar.boundingBox())!
    expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1)
  })

  test('a failed load of the user says the server\'s words instead of the waiting profile, and Retry loads it', async ({ page }) => {
    const user = await createUser('Flaky Server')
    await signInQuickly(page)
    let fail = true
    await page.route(new RegExp(`/api/users/${user.id}\\.json`), async (route) => {
      // Every try fails (reads are retried by themselves a few times) until Retry is pressed.
      if (!fail)
        return route.continue()
      await route.fulfill({ status: 500, contentType: 'application/json', body: '{"errors":["Database unavailable"]}' })
    })
    await page.goto(`/users/${user.id}`)
    await expect(page.getByRole('heading', { name: `Could not load user ${user.id}` })).toBeVisible()
    await expect(page.getByText('Database unavailable')).toBeVisible()
    await expect(page.locator('header.profile')).toHaveCount(0)
    fail = false
    await page.getByRole('button', { name: 'Retry' }).click()
    await expect(page.locator('header.profile').getByRole('heading', { level: 1 })).toHaveText('Flaky Server')
  })

  test('an unknown user ID, a malformed one, and a user with no dialogs of their own', async ({ page }) => {
    await signInQuickly(page)
    await page.goto('/users/999999')
    await expect(page.getByRole('heading', { name: 'No user with ID 999999' })).toBeVisible()
    await expect(page.getByText('Couldn\'t find user')).toBeVisible()
    await page.goto('/users/abc')
    await expect(page.getByRole('heading', { name: '“abc” is not a user ID' })).toBeVisible()

    const loner = await createUser('Lone Ranger')
    const theirs = await emulatorDialogs(loner.id)
    expect(theirs.items.every(d => d.type === 1)).toBe(true)
    await page.goto(`/users/${loner.id}`)
    await expect(page.getByText(`Showing 1–${theirs.items.length} of ${theirs.total_entries} dialogs`)).toBeVisible()
    await expect(inboxRows(page).getByRole('cell', { name: 'Reader (public)' })).toHaveCount(theirs.items.length)
    await page.getByRole('button', { name: 'Remove from groups…' }).click()
    await expect(page.getByText(/Dry run: nothing has been sent\. Nothing would change\./)).toBeVisible()
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('link', { name: 'Messages', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'No messages' })).toBeVisible()
    await expect(page.getByText('They have sent no message in their dialogs.')).toBeVisible()
  })
})
