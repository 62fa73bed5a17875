import { rmSync } from 'node:fs'
import process from 'node:process'

/**
 * Removes the files a Playwright config listed in E2E_CLEANUP (a JSON array of paths): the run's
 * emulator databases and production build in `.data/`, named after the run's ports so runs side
 * by side never share them. Without this every run leaves 10–20 MB behind. Set E2E_KEEP_DATA=1 to
 * keep them for a post-mortem.
 */
export default function globalTeardown(): void {
  if (process.env.E2E_KEEP_DATA || !process.env.E2E_CLEANUP) return
  for (const path of JSON.parse(process.env.E2E_CLEANUP) as string[]) {
    for (const file of path.endsWith('.db') ? [path, `${path}-wal`, `${path}-shm`] : [path])
      rmSync(file, { recursive: true, force: true })
  }
}
