import type { Page, Request } from '@playwright/test'
import { expect, test as base } from '@playwright/test'
import { HOSTED } from '../playwright.hosted.config'

export { expect, HOSTED }

export const SESSION_KEY = 'dialog-desk.session'
export const EMULATOR_URL = `http://127.0.0.1:${HOSTED.emulatorPort}`
export const FAULTY_EMULATOR_URL = `http://127.0.0.1:${HOSTED.faultyEmulatorPort}`
export const ORIGIN = `http://127.0.0.1:${HOSTED.port}`
export const FAULTY_ORIGIN = `http://127.0.0.1:${HOSTED.faultyPort}`
export const APP = HOSTED.prefix

interface Watch {
  /** Every request the page made, in order. */
  requests: Request[]
  /** Every console line, page error and CSP violation. */
  console: string[]
  cspViolations: string[]
}

/** Records requests, console output and CSP violations of the page for the whole test. */
export const test = base.extend<{ watch: Watch }>({
  watch: async ({ page }, use) => {
    const watch: Watch = { requests: [], console: [], cspViolations: [] }
    page.on('request', request => watch.requests.push(request))
    page.on('console', message => watch.console.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', error => watch.console.push(`pageerror: ${error.message}`))
    await page.exposeFunction('__reportCsp', (text: string) => watch.cspViolations.push(text))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    await use(watch)
  },
})

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, apiKey = HOSTED.apiKey) {
  await page.getByLabel('API key').fill(apiKey)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Starts a tab already signed in. */
export async function signInQuickly(page: Page, apiKey = HOSTED.apiKey) {
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem(key!))
      sessionStorage.setItem(key!, value!)
  }, [SESSION_KEY, JSON.stringify({ apiBase: '/api', apiKey, actingUserId: null })])
}

/** The "Showing a–b of N dialogs" line. */
export function countLine(page: Page) {
  return page.getByText(/^(Showing \d+–\d+ of \d+ dialogs|0 dialogs)$/)
}

/** Any request straight to an emulator (no faults), with the key. */
export async function emulatorFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'Authorization': `ApiKey ${HOSTED.apiKey}`, 'X-Emulator-Fault': 'none', 'Content-Type': 'application/json', ...init.headers } })
  if (!response.ok)
    throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`)
  return await response.json() as T
}

/** Sets the emulator's API key (the plain emulator runs with --admin). */
export async function setEmulatorKey(apiKey: string) {
  await emulatorFetch(`${EMULATOR_URL}/__emulator/api-key`, { method: 'PUT', body: JSON.stringify({ apiKey }) })
}

/** A group dialog of one test's own, created by user 1001 straight in the emulator (past any faults). */
export function createGroup(emulatorUrl: string, name: string): Promise<{ _id: string, name: string }> {
  return emulatorFetch(`${emulatorUrl}/chat/Dialog.json`, {
    method: 'POST',
    headers: { 'On-Behalf-Of': '1001' },
    body: JSON.stringify({ type: 2, name: `${name} ${Date.now()}`, occupants_ids: '1002,1003' }),
  })
}
