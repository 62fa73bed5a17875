import process from 'node:process'
import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './scripts/browser'

// The production build behind Debian's nginx (deploy/nginx.conf) under /desk/, the emulator behind
// its /api/ proxy. Two sites from one build: one on a plain emulator (which lets a test revoke the
// key), one on an emulator in fault mode; and the TLS sample (HTTP/2) on the plain emulator.
// Ports per run, as in playwright.config.ts.
process.env.HOSTED_BASE_PORT ??= String(30000 + (process.pid % 5000) * 5)
const base = Number(process.env.HOSTED_BASE_PORT)
export const HOSTED = {
  emulatorPort: base,
  faultyEmulatorPort: base + 1,
  port: base + 2,
  faultyPort: base + 3,
  tlsPort: base + 4,
  prefix: '/desk/',
  /** Image sources the deployment allows besides 'self' data: blob: (render-nginx --img-src). */
  imgSrc: 'https://*.quickblox.com',
  apiKey: 'hosted-api-key-not-secret',
  /** Written into dist/config.json after the build. */
  config: { title: 'Dialog Desk (hosted)', idleMinutes: 5 },
}
const executablePath = findChromium() ?? undefined
const dataDir = `.data/hosted-${base}`
/** The build the sites serve (hosted-server.ts builds into it). */
export const HOSTED_DIST = `${dataDir}/dist`
process.env.E2E_CLEANUP = JSON.stringify([dataDir, `${dataDir}-${HOSTED.emulatorPort}.db`, `${dataDir}-${HOSTED.faultyEmulatorPort}.db`])
// nginx passes the browser's Origin on, so each emulator allows the sites in front of it.
const emulator = (port: number, sites: string, extra: string) =>
  `tsx emulator/main.ts --port ${port} --db ${dataDir}-${port}.db --reset --seed demo --api-key ${HOSTED.apiKey} --cors-origin ${sites} ${extra}`

export default defineConfig({
  testDir: 'e2e-hosted',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/hosted',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${HOSTED.port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1366, height: 800 },
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: emulator(HOSTED.emulatorPort, `http://127.0.0.1:${HOSTED.port},https://127.0.0.1:${HOSTED.tlsPort}`, '--admin'),
      url: `http://127.0.0.1:${HOSTED.emulatorPort}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      // Rates high enough that every page meets faults, low enough that three retries get through.
      command: emulator(HOSTED.faultyEmulatorPort, `http://127.0.0.1:${HOSTED.faultyPort}`, '--faults 503=0.15,500=0.05,drop=0.05,latency=20-150 --faults-seed 42'),
      url: `http://127.0.0.1:${HOSTED.faultyEmulatorPort}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: `tsx scripts/hosted-server.ts --dir ${dataDir} --prefix ${HOSTED.prefix} --config '${JSON.stringify(HOSTED.config)}' --site ${HOSTED.port}=http://127.0.0.1:${HOSTED.emulatorPort} --site ${HOSTED.faultyPort}=http://127.0.0.1:${HOSTED.faultyEmulatorPort} --tls-site ${HOSTED.tlsPort}=http://127.0.0.1:${HOSTED.emulatorPort} --img-src '${HOSTED.imgSrc}'`,
      url: `http://127.0.0.1:${HOSTED.port}${HOSTED.prefix}config.json`,
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
})
