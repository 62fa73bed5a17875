import { existsSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** Flags Chromium needs on a closed network and as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * The browser the tests drive: $CHROMIUM_PATH, Debian's chromium, or Playwright's own build.
 * Returns undefined for Playwright's own build (it knows its path) and null when none exists.
 */
export function findChromium(): string | undefined | null {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv)
    return existsSync(fromEnv) ? fromEnv : null
  const system = CANDIDATES.find(p => existsSync(p))
  if (system)
    return system
  try {
    return existsSync(chromium.executablePath()) ? undefined : null
  }
  catch {
    return null
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'check') {
  const found = findChromium()
  if (found === null) {
    console.error('No Chromium found. Install Debian\'s (apt-get install -y chromium) or run `npx playwright install chromium`, or set CHROMIUM_PATH.')
    process.exit(1)
  }
  console.log(`browser: ${found ?? 'Playwright\'s own Chromium'}`)
}
