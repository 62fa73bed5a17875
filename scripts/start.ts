/**
 * `npm start`: the emulator with persistent demo data plus the dashboard's dev server.
 * With QB_API_URL set, only the dashboard starts and its /api proxy points there.
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import process from 'node:process'

const root = resolve(import.meta.dirname, '..')
const bin = (name: string) => resolve(root, 'node_modules', '.bin', name)

const emulatorPort = Number(process.env.QB_EMULATOR_PORT ?? 3080)
const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 5173)
const apiKey = process.env.QB_EMULATOR_API_KEY ?? 'demo-dialog-desk-api-key'
const externalApi = process.env.QB_API_URL
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`

const children: ChildProcess[] = []

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const prefix = `[${name}] `
  const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      stream.write(`${prefix}${line}\n`)
  }
  child.stdout?.on('data', forward(process.stdout))
  child.stderr?.on('data', forward(process.stderr))
  child.on('exit', (code, signal) => {
    if (stopping)
      return
    console.error(`${prefix}stopped (${signal ?? `exit code ${code}`}); stopping everything.`)
    stop(code ?? 1)
  })
  children.push(child)
  return child
}

let stopping = false
function stop(code = 0): void {
  stopping = true
  for (const child of children)
    child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500).unref()
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

async function waitFor(url: string, what: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (stopping)
      return
    try {
      const res = await fetch(url)
      if (res.ok)
        return
    }
    catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 250))
  }
  console.error(`${what} did not answer at ${url} within ${seconds} s.`)
  stop(1)
}

if (!externalApi) {
  // The dev server's proxy passes the browser's Origin on; 5173 is allowed by default, another DASHBOARD_PORT is not.
  const origins = `http://127.0.0.1:${dashboardPort},http://localhost:${dashboardPort}`
  run('emulator', bin('tsx'), ['emulator/main.ts', '--port', String(emulatorPort), '--seed', 'demo', '--api-key', apiKey, '--cors-origin', origins])
  await waitFor(`${emulatorUrl}/health`, 'The emulator', 60)
}

run('dashboard', bin('vite'), ['--port', String(dashboardPort), '--strictPort'], { QB_API_URL: externalApi ?? emulatorUrl })
await waitFor(`http://127.0.0.1:${dashboardPort}/`, 'The dashboard', 60)

if (!stopping) {
  const lines = [
    '',
    'Dialog Desk is running.',
    `  Dashboard: http://127.0.0.1:${dashboardPort}/`,
    externalApi
      ? `  API:       ${externalApi} (through the dashboard's /api proxy); sign in with that application's API key`
      : `  API key:   ${apiKey}   (the demo emulator's; paste it on the sign-in screen)`,
    externalApi ? '' : `  Emulator:  ${emulatorUrl} (data in .data/emulator.db)`,
    'Press Ctrl+C to stop.',
    '',
  ]
  console.log(lines.filter(l => l !== '').join('\n'))
}
