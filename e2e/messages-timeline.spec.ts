import type { Page, Request } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { API_KEY, EMULATOR_URL, expect, expectAccentFocus, signInQuickly, test } from './fixtures'
import { BASE, createGroup, item, openMessages, OWNER, post, seededFile, status, truth } from './messagesHelpers'

// The Messages tab as a timeline: the page scrolls, actions on hover, focus and a touch menu,
// thumbnails through the API with a lightbox, file chips, marked matches, the keyboard, a link
// to one message. Every test makes its own dialog through the emulator's API.

/** Bytes of a file straight from the emulator, with the API key: what the page must show. */
async function emulatorFile(id: string): Promise<number[]> {
  const response = await fetch(`${EMULATOR_URL}/blobs/${id}/download`, { headers: { Authorization: `ApiKey ${API_KEY}` } })
  expect(response.status).toBe(200)
  return [...new Uint8Array(await response.arrayBuffer())]
}

function blobRequests(page: Page): Request[] {
  const seen: Request[] = []
  page.on('request', (r) => {
    if (r.url().includes('/api/blobs/'))
      seen.push(r)
  })
  return seen
}

/** Messages whose whole row is on screen below the sticky tool bar. */
function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const bar = document.querySelector('[data-sticky-bar]')!.getBoundingClientRect()
    return [...document.querySelectorAll('[role="listitem"]')].filter((row) => {
      const r = row.getBoundingClientRect()
      return r.top >= bar.bottom - 1 && r.bottom <= window.innerHeight + 1
    }).length
  })
}

test.describe('at 1440 × 900', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('the page scrolls, not a box: the tool bar stays and at least 12 messages are in view', async ({ page }) => {
    const dialog = await createGroup('E2E timeline', [1002, 1003])
    await Promise.all(Array.from({ length: 40 }, (_, i) => post(dialog._id, i % 2 ? 1002 : 1003, `Line ${i}`, { date_sent: BASE + i * 60 })))
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)
    await expect(status(page)).toHaveText('40 messages loaded, newest first · all loaded')

    const list = page.getByRole('list', { name: 'Messages' })
    // No scrolling box of its own: the list is as tall as its rows, and only the page's own scroller is above it.
    const layout = await list.evaluate((el) => {
      const scrollers: HTMLElement[] = []
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight + 1)
          scrollers.push(p)
      }
      return { height: el.getBoundingClientRect().height, scrollers: scrollers.length, scrollerHeight: scrollers[0]?.clientHeight ?? window.innerHeight }
    })
    expect(layout.height).toBeGreaterThan(900)
    expect(layout.scrollers).toBeLessThanOrEqual(1)
    expect(layout.scrollerHeight).toBeGreaterThan(800)

    await list.hover()
    await page.mouse.wheel(0, 500)
    await expect(page.getByRole('region', { name: 'Message tools' })).toBeInViewport()
    await expect.poll(() => rowsInView(page)).toBeGreaterThanOrEqual(12)
  })

  test('actions appear on hover and on keyboard focus, with a focus ring; plain words, the API term in a tooltip', async ({ page }) => {
    const dialog = await createGroup('E2E hover', [1002])
    for (let i = 0; i < 5; i++)
      await post(dialog._id, 1002, `Row ${i}`, { date_sent: BASE + i })
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)

    const row = item(page, 'Row 3')
    const bar = row.getByRole('group', { name: /^Actions for the message/ })
    await expect(bar).toHaveCSS('opacity', '0')
    await row.hover()
    await expect(bar).toHaveCSS('opacity', '1')
    await expect(bar.getByRole('button', { name: 'Mark read' }).locator('xpath=..')).toHaveAttribute('title', /read=1/)

    await page.mouse.move(0, 0)
    await expect(bar).toHaveCSS('opacity', '0')
    const other = item(page, 'Row 1')
    const otherBar = other.getByRole('group', { name: /^Actions for the message/ })
    await other.focus()
    await page.keyboard.press('Tab')
    await expect(other.getByRole('checkbox')).toBeFocused()
    await page.keyboard.press('Tab')
    const otherEdit = otherBar.getByRole('button', { name: 'Edit' })
    await expect(otherEdit).toBeFocused()
    await expect(otherBar).toHaveCSS('opacity', '1')
    await expectAccentFocus(page, otherEdit, 'light')
    // Only the active row's controls are Tab stops: the next Tab leaves the row's actions, not into the next row.
    await expect(item(page, 'Row 0').getByRole('button', { name: 'Edit' })).toHaveAttribute('tabindex', '-1')
  })

  test('a picture shows as a thumbnail fetched through the API with the key in a header, and opens large', async ({ page }) => {
    const image = await seededFile('image')
    const dialog = await createGroup('E2E pictures', [1002])
    await post(dialog._id, 1002, 'before', { date_sent: BASE })
    await post(dialog._id, 1002, 'The whiteboard', { date_sent: BASE + 1, attachments: [{ type: 'image', id: image.id, name: image.name }] })
    const requests = blobRequests(page)
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)

    const thumb = item(page, 'The whiteboard').getByRole('button', { name: `Open the picture ${image.name}` })
    const img = thumb.getByRole('img', { name: image.name })
    await expect(img).toHaveAttribute('src', /^blob:/)
    expect(requests.map(r => new URL(r.url()).pathname)).toEqual([`/api/blobs/${image.id}/download`])
    expect((await requests[0]!.allHeaders()).authorization).toBe(`ApiKey ${API_KEY}`)
    expect(requests.every(r => !r.url().includes(API_KEY))).toBe(true)
    const shown = await img.evaluate(async (el: HTMLImageElement) => [...new Uint8Array(await (await fetch(el.src)).arrayBuffer())])
    expect(shown).toEqual(await emulatorFile(image.id))

    await thumb.click()
    const box = page.getByRole('dialog', { name: image.name })
    await expect(box).toBeVisible()
    await expect(box.getByRole('img', { name: image.name })).toHaveJSProperty('naturalWidth', 240)
    await expect(box.getByRole('button', { name: /Close/ })).toBeFocused()
    await expect(box).toContainText('image/png')
    await page.keyboard.press('Escape')
    await expect(box).toHaveCount(0)
    await expect(thumb).toBeFocused()
    // Opened again, the same bytes: no second download.
    expect(requests).toHaveLength(1)

    // Leaving the tab revokes the object URLs.
    const src = (await img.getAttribute('src'))!
    await page.getByRole('link', { name: 'Overview' }).click()
    await expect.poll(() => page.evaluate(url => fetch(url).then(() => 'still there', () => 'revoked'), src)).toBe('revoked')
  })

  test('thumbnails load only for the messages near the viewport', async ({ page }) => {
    const image = await seededFile('image')
    const dialog = await createGroup('E2E lazy pictures', [1002])
    await post(dialog._id, 1002, 'Oldest, with a picture', { date_sent: BASE, attachments: [{ type: 'image', id: image.id, name: image.name }] })
    await Promise.all(Array.from({ length: 80 }, (_, i) => post(dialog._id, 1002, `Newer ${i}`, { date_sent: BASE + 10 + i })))
    const requests = blobRequests(page)
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)
    await expect(status(page)).toHaveText('81 messages loaded, newest first · all loaded')
    await expect(item(page, 'Newer 79')).toBeVisible()
    await expect(item(page, 'Oldest, with a picture')).toHaveCount(0)
    expect(requests).toHaveLength(0)

    await page.getByRole('list', { name: 'Messages' }).hover()
    await expect.poll(async () => {
      await page.mouse.wheel(0, 3000)
      return item(page, 'Oldest, with a picture').count()
    }).toBe(1)
    await expect(item(page, 'Oldest, with a picture').getByRole('img', { name: image.name })).toHaveAttribute('src', /^blob:/)
    expect(requests).toHaveLength(1)
  })

  test('other files are chips with a download through the API; a picture that cannot be shown says why', async ({ page }) => {
    const pdf = await seededFile('file')
    const dialog = await createGroup('E2E files', [1002])
    await post(dialog._id, 1002, 'Minutes attached', { date_sent: BASE, attachments: [{ type: 'file', id: pdf.id, name: 'minutes.pdf', size: 2048 }] })
    await post(dialog._id, 1002, 'Not really a picture', { date_sent: BASE + 1, attachments: [{ type: 'image', id: pdf.id, name: 'fake.png' }] })
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)

    const chip = item(page, 'Minutes attached')
    await expect(chip.getByText('minutes.pdf', { exact: true })).toBeVisible()
    await expect(chip.getByText('file · 2 KB')).toBeVisible()
    await expect(chip.getByRole('img')).toHaveCount(0)
    const download = page.waitForEvent('download')
    await chip.getByRole('button', { name: 'Download' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('minutes.pdf')
    expect([...await readFile((await file.path())!)]).toEqual(await emulatorFile(pdf.id))

    const fake = item(page, 'Not really a picture')
    await expect(fake.getByText('Can\'t show the picture: The file is not a picture (application/pdf)')).toBeVisible()
    await expect(fake.getByText('fake.png', { exact: true })).toBeVisible()
  })

  test('matches of the text filter are marked, as text: markup in a message stays words', async ({ page }) => {
    const dialog = await createGroup('E2E marks', [1002])
    const html = '<b>apple</b> & <img src=x onerror=alert(1)> apple'
    await post(dialog._id, 1002, 'Apple pie and apple juice', { date_sent: BASE })
    await post(dialog._id, 1002, html, { date_sent: BASE + 1 })
    await post(dialog._id, 1002, 'banana bread', { date_sent: BASE + 2 })
    const alerts: string[] = []
    page.on('dialog', (d) => {
      alerts.push(d.message())
      void d.dismiss()
    })
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id, '?text=apple')
    const matches = await truth(dialog._id, { 'message[ctn]': 'apple' })
    await expect(status(page)).toHaveText(`${matches.length} messages loaded, newest first · all loaded`)

    await expect(item(page, 'Apple pie').locator('mark')).toHaveText(['Apple', 'apple'])
    const hostile = item(page, 'onerror')
    await expect(hostile.getByText(html, { exact: true })).toBeVisible()
    await expect(hostile.locator('mark')).toHaveText(['apple', 'apple'])
    await expect(page.getByRole('list', { name: 'Messages' }).locator('b, img')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Remove filter Text: “apple”' })).toHaveAttribute('title', /message\[ctn\]/)
    expect(alerts).toEqual([])
  })

  test('keyboard: j/k move, x selects, e edits, Delete asks once and the toast sums up', async ({ page }) => {
    const dialog = await createGroup('E2E keys', [1002])
    const [first, second, third] = [
      await post(dialog._id, 1002, 'key one', { date_sent: BASE }),
      await post(dialog._id, 1002, 'key two', { date_sent: BASE + 1 }),
      await post(dialog._id, 1002, 'key three', { date_sent: BASE + 2 }),
    ]
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)
    await expect(item(page, 'key one')).toBeVisible()

    await page.keyboard.press('j')
    await expect(item(page, 'key three')).toBeFocused()
    await page.keyboard.press('j')
    await expect(item(page, 'key two')).toBeFocused()
    await page.keyboard.press('k')
    await expect(item(page, 'key three')).toBeFocused()
    await page.keyboard.press('x')
    await expect(item(page, 'key three').getByRole('checkbox')).toBeChecked()
    await expect(page.getByText('1 selected')).toBeVisible()
    await page.keyboard.press('x')
    await expect(page.getByText('1 selected')).toHaveCount(0)

    await page.keyboard.press('e')
    await expect(page.getByLabel('New text')).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(page.getByLabel('New text')).toHaveCount(0)
    await expect(item(page, 'key three')).toBeFocused()

    await page.keyboard.press('j')
    await page.keyboard.press('Delete')
    const confirm = page.getByRole('dialog', { name: 'Delete 1 message' })
    await expect(confirm).toBeVisible()
    await expect(confirm.getByRole('button', { name: 'Delete 1 message' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByText('Deleted 1 message for everyone.')).toBeVisible()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    await expect(item(page, 'key two')).toHaveCount(0)
    expect((await truth(dialog._id)).map(m => m._id)).toEqual([third._id, first._id])
    expect(second._id).not.toBe(first._id)
  })

  test('a link to one message opens the timeline at it, marked and focused, even far back', async ({ page }) => {
    const dialog = await createGroup('E2E deep link', [1002])
    await Promise.all(Array.from({ length: 150 }, (_, i) => post(dialog._id, 1002, `Numbered ${i}`, { date_sent: BASE + i * 60 })))
    const all = await truth(dialog._id)
    const target = all[130]!
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id, `?message=${target._id}`)

    const row = page.locator(`[role="listitem"][data-id="${target._id}"]`)
    await expect(row).toBeFocused()
    await expect(row).toBeInViewport()
    await expect(row).toHaveAttribute('aria-current', 'true')
    await expect(row).toContainText('linked')
    await expect(row).toContainText(target.message!)

    await openMessages(page, dialog._id, `?message=${'0'.repeat(24)}`)
    await expect(page.getByText(`The linked message (ID ${'0'.repeat(24)}) wasn't found`)).toBeVisible()
    await expect(status(page)).toHaveText('100 messages loaded, newest first')
  })
})

test.describe('on a phone (390 px, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('actions live in the ⋯ menu, the timeline fits, and the message box stays in reach', async ({ page }) => {
    const dialog = await createGroup('E2E phone', [1002])
    await Promise.all(Array.from({ length: 30 }, (_, i) => post(dialog._id, 1002, `Phone line ${i}`, { date_sent: BASE + i })))
    const doomed = await post(dialog._id, 1002, 'Delete me from the phone', { date_sent: BASE + 100 })
    await signInQuickly(page, OWNER)
    await openMessages(page, dialog._id)

    const row = item(page, 'Delete me from the phone')
    await expect(row.getByRole('button', { name: 'Edit' })).toBeHidden()
    const more = row.getByRole('button', { name: /^Actions for the message from/ })
    await expect(more).toBeVisible()
    const box = (await more.boundingBox())!
    expect(box.width).toBeGreaterThanOrEqual(36)
    expect(await page.getByRole('list', { name: 'Messages' }).evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)

    await more.tap()
    const menu = page.getByRole('menu', { name: /Actions for the message from/ })
    await expect(menu).toBeVisible()
    await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(menu.getByRole('menuitem', { name: 'Delete…' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(menu).toHaveCount(0)
    await expect(more).toBeFocused()

    await more.tap()
    await menu.getByRole('menuitem', { name: 'Delete…' }).tap()
    const confirm = page.getByRole('dialog', { name: 'Delete 1 message' })
    await confirm.getByRole('button', { name: 'Delete 1 message' }).tap()
    await expect(page.getByText('Deleted 1 message for everyone.')).toBeVisible()
    expect((await truth(dialog._id)).map(m => m._id)).not.toContain(doomed._id)

    // Scrolled down, the message box is one tap away.
    await page.getByRole('list', { name: 'Messages' }).hover()
    await page.mouse.wheel(0, 1500)
    const write = page.getByRole('button', { name: 'Write a message' })
    await expect(write).toBeVisible()
    await write.tap()
    await expect(page.getByLabel(/Send a message as/)).toBeFocused()
    await expect(page.getByLabel(/Send a message as/)).toBeInViewport()
  })
})
