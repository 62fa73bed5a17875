import type { Dialog, UserList } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addBigDialog, applyFixtures, BIG_DIALOG, BIG_DIALOG_ADMIN, BIG_DIALOG_OWNER } from '../fixtures'
import { apiKey, client, members, startTestEmulator } from './helpers'

// The `big-dialog` fixture (emulator/fixtures.ts, `--fixture big-dialog`): a 10,000-member group.
let emu: TestEmulator
const call = client(() => emu.url)

beforeAll(async () => {
  emu = await startTestEmulator()
  const started = performance.now()
  applyFixtures(emu.db, 'big-dialog')
  // Generous for a loaded CI machine; about 0.1 s on an idle one.
  expect(performance.now() - started).toBeLessThan(5000)
})
afterAll(() => emu.stop())

describe('big-dialog fixture', () => {
  it('serves one group of 10,000 occupants with a fixed ID, owner and admin', async () => {
    const reply = await call('GET', `/chat/Dialog/${BIG_DIALOG.id}.json`, { headers: apiKey() })
    expect(reply.status).toBe(200)
    const dialog = reply.json() as Dialog
    expect(dialog).toMatchObject({ _id: BIG_DIALOG.id, type: 2, name: BIG_DIALOG.name, user_id: BIG_DIALOG_OWNER, admin_ids: [BIG_DIALOG_ADMIN] })
    expect(dialog.occupants_ids).toHaveLength(10_000)
    expect(new Set(dialog.occupants_ids).size).toBe(10_000)
  })

  it('has real users behind every occupant, resolvable 100 at a time', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => BIG_DIALOG.firstUserId + 9_900 + i)
    const reply = await call('GET', `/users.json?per_page=100&filter[]=${encodeURIComponent(`number id in ${ids.join(',')}`)}`, { headers: apiKey() })
    const list = reply.json() as UserList
    expect(list.items.map(i => i.user.id)).toEqual(ids)
    expect(list.items[0]!.user).toMatchObject({ login: 'member09901', email: 'member09901@big.example.com' })
    expect(list.items[0]!.user.last_request_at).not.toBeNull()
  })

  it('is deterministic and applied once', () => {
    const before = members(emu, BIG_DIALOG.id)
    expect(addBigDialog(emu.db)).toBe(BIG_DIALOG.id)
    expect(members(emu, BIG_DIALOG.id)).toEqual(before)
    expect(() => applyFixtures(emu.db, 'nope')).toThrow('unknown fixture "nope"')
  })

  it('takes 1,000 removals in one pull_all and 1,000 additions back in one push_all', async () => {
    const some = Array.from({ length: 1000 }, (_, i) => BIG_DIALOG.firstUserId + 5000 + i)
    const put = (body: unknown) => call('PUT', `/chat/Dialog/${BIG_DIALOG.id}.json`, { headers: apiKey(BIG_DIALOG_OWNER), json: body })
    const pulled = await put({ pull_all: { occupants_ids: some } })
    expect(pulled.status).toBe(200)
    expect((pulled.json() as Dialog).occupants_ids).toHaveLength(9_000)
    const pushed = await put({ push_all: { occupants_ids: some } })
    expect((pushed.json() as Dialog).occupants_ids).toHaveLength(10_000)
  })
})

describe('--fixture on the command line', () => {
  it('refuses an unknown fixture with a usage error', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--db', ':memory:', '--seed', 'none', '--fixture', 'huge'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString() })
    const code = await new Promise(resolve => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain('invalid --fixture "huge"')
  })
})
