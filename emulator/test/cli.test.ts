import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../server'

// The command line: flags, environment, usage errors, startup banner.
const dir = mkdtempSync(join(tmpdir(), 'qb-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

function urlOf(child: ReturnType<typeof run>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match && out.includes('Auth secret')) resolve(match[1]!)
    })
    child.once('exit', code => reject(new Error(`exited ${code}`)))
  })
}

describe('emulator/main.ts', () => {
  it('rejects an unknown flag with a usage line and exit code 2', async () => {
    const child = run(['--bogus'])
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString() })
    const code = await new Promise(resolve => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain('Unknown option \'--bogus\'')
    expect(stderr).toContain('usage: tsx emulator/main.ts [--port 3080]')
  })

  it('starts from environment variables, prints the credentials and serves /health', async () => {
    const child = run(['--seed', 'none', '--api-key', 'cli-key'], { QB_EMULATOR_PORT: '0', QB_EMULATOR_DB: join(dir, 'sub', 'cli.db'), QB_EMULATOR_APP_ID: '555' })
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString()
          if (out.includes('Auth secret')) resolve(out)
        })
        child.once('exit', code => reject(new Error(`exited ${code}`)))
      })
      expect(banner).toContain('API key:     cli-key')
      expect(banner).toContain('App id:      555')
      expect(banner).toContain('Auth key:    demo-auth-key')
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!
      expect(await (await fetch(`${url}/health`)).text()).toBe('{"ok":true}')
      const list = await fetch(`${url}/chat/Dialog.json`, { headers: { Authorization: 'ApiKey cli-key' } })
      expect(await list.text()).toBe('{"total_entries":0,"skip":0,"limit":100,"items":[]}')
    }
    finally {
      child.kill('SIGTERM')
    }
  })

  it('keeps a write answered 2xx when the process is killed right after (SIGKILL)', async () => {
    const file = join(dir, 'kill', 'durable.db')
    const child = run(['--port', '0', '--db', file, '--seed', 'demo'])
    const url = await urlOf(child)
    const headers = { 'Authorization': 'ApiKey demo-dialog-desk-api-key', 'On-Behalf-Of': '1001', 'Content-Type': 'application/json' }
    const created = await fetch(`${url}/chat/Dialog.json`, { method: 'POST', headers, body: '{"type":2,"name":"Killed right after","occupants_ids":"1002"}' })
    expect(created.status).toBe(201)
    const { _id } = await created.json() as { _id: string }
    const posted = await fetch(`${url}/chat/Message.json`, { method: 'POST', headers, body: JSON.stringify({ chat_dialog_id: _id, message: 'still here' }) })
    expect(posted.status).toBe(201)
    child.kill('SIGKILL')
    await new Promise(resolve => child.once('exit', resolve))

    const again = await startEmulator({ port: 0, db: file, seed: 'demo' })
    try {
      const got = await fetch(`${again.url}/chat/Dialog/${_id}.json`, { headers })
      expect(await got.json()).toMatchObject({ name: 'Killed right after', last_message: 'still here' })
    }
    finally {
      await again.close()
    }
  })
})
