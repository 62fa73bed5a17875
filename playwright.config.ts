import process from 'node:process'
import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './scripts/browser'

// Ports and build folder per run, so several suites (and benchmarks) can run side by side on one
// machine. Workers inherit the runner's environment, so they agree with it on the ports.
process.env.E2E_EMULATOR_PORT ??= String(20000 + (process.pid % 5000) * 2)
process.env.E2E_APP_PORT ??= String(Number(process.env.E2E_EMULATOR_PORT) + 1)
export const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT)
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT)
const appDir = `.data/e2e-dist-${E2E_APP_PORT}`
const emulatorDb = `.data/e2e-${E2E_EMULATOR_PORT}.db`
process.env.E2E_CLEANUP = JSON.stringify([appDir, emulatorDb])
export const E2E_API_KEY = 'e2e-api-key-not-secret'
const executablePath = findChromium() ?? undefined

export default defineConfig({
  testDir: 'e2e',
  // Screenshot specs are for people to look at (`npm run screenshots`), not for CI.
  testIgnore: process.env.SCREENSHOTS ? [] : ['**/*screenshots.spec.ts'],
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Generous for a loaded machine; a healthy run takes a few seconds per test.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_APP_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1366, height: 800 },
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      // A fresh database for every run, seeded with the deterministic demo data. The app's origin is
      // allowed because its preview proxy passes the browser's Origin on (the emulator refuses others).
      command: `tsx emulator/main.ts --port ${E2E_EMULATOR_PORT} --db ${emulatorDb} --reset --seed demo --api-key ${E2E_API_KEY} --faults none --cors-origin http://127.0.0.1:${E2E_APP_PORT}`,
      url: `http://127.0.0.1:${E2E_EMULATOR_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: `vite build --logLevel warn --outDir ${appDir} --emptyOutDir && vite preview --outDir ${appDir} --port ${E2E_APP_PORT} --strictPort`,
      url: `http://127.0.0.1:${E2E_APP_PORT}/`,
      env: { QB_API_URL: `http://127.0.0.1:${E2E_EMULATOR_PORT}` },
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
})
