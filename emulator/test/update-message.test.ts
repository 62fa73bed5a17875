import type { Message } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addToken, addUsers, apiKey, client, putDialog, putMessage, startTestEmulator } from './helpers'

// Every recipe and documented error of update-message.md.
let emu: TestEmulator
const call = client(() => emu.url)
const TOKEN = 'eddf864695d72d33b959eec2ae6c640d817dfada'
const ME = 102433734
const OTHER = 555
const DIALOG = '53a99a7be4b094c7c6d31b41'
const MESSAGE = '53aabe15e4b077ddd43e7fd3'
const SECOND = '53aabe15e4b077ddd43e7fd4'

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [123, ME, OTHER, 556])
  addToken(emu, TOKEN, ME)
})
afterAll(() => emu.stop())
beforeEach(() => {
  putDialog(emu, { id: DIALOG, type: 2, owner: OTHER, occupants: [OTHER, ME, 123, 556] })
  putMessage(emu, { id: MESSAGE, dialogId: DIALOG, sender: OTHER, text: 'first' })
  putMessage(emu, { id: SECOND, dialogId: DIALOG, sender: OTHER, text: 'second', dateSent: 1568061020 })
})

const put = (path: string, headers: Record<string, string>, body: string) =>
  call('PUT', path, { headers: { 'Content-Type': 'application/json', ...headers }, body })
const ONE = `/chat/Message/${MESSAGE}.json`
const token = { 'QB-Token': TOKEN }
const doc = { 'Authorization': 'ApiKey 28irlNAGasWDSupO9Vw0BBMZfuHrAUYKpmroS9yBORI', 'On-Behalf-Of': '123' }

async function messages(): Promise<Record<string, Message>> {
  const r = await call('GET', `/chat/Message.json?chat_dialog_id=${DIALOG}&mark_as_read=0`, { headers: apiKey() })
  const items = (r.json() as { items: Message[] }).items
  return Object.fromEntries(items.map(m => [m._id, m]))
}

describe('update message recipes', () => {
  it('marks a message as delivered', async () => {
    const r = await put(ONE, token, `{  
  "delivered":"1",
  "chat_dialog_id":"53a99a7be4b094c7c6d31b41"
}`)
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    const m = await messages()
    expect(m[MESSAGE]!.delivered_ids).toEqual([ME])
    expect(m[SECOND]!.delivered_ids).toEqual([])
  })

  it('updates the message text', async () => {
    putMessage(emu, { id: MESSAGE, dialogId: DIALOG, sender: ME, text: 'typo' })
    const r = await put(ONE, token, `{  
  "message":"updated message",
  "chat_dialog_id":"53a99a7be4b094c7c6d31b41"
}`)
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    const m = (await messages())[MESSAGE]!
    expect(m.message).toBe('updated message')
    expect(m.updated_at).not.toBe(m.created_at)
  })

  it('marks a message as read', async () => {
    const r = await put(ONE, token, `{  
  "read":"1",
  "chat_dialog_id":"53a99a7be4b094c7c6d31b41"
}`)
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    const m = await messages()
    expect(m[MESSAGE]!.read_ids).toEqual([ME])
    expect(m[MESSAGE]!.read).toBe(1)
    expect(m[SECOND]!.read_ids).toEqual([])
  })

  it('marks a message as delivered with the API key', async () => {
    const r = await put(ONE, doc, '{"delivered":"1","chat_dialog_id":"53a99a7be4b094c7c6d31b41"}')
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    expect((await messages())[MESSAGE]!.delivered_ids).toEqual([123])
  })

  it('updates the message text with the API key', async () => {
    putMessage(emu, { id: MESSAGE, dialogId: DIALOG, sender: 123, text: 'typo' })
    const r = await put(ONE, doc, '{"message":"updated message","chat_dialog_id":"53a99a7be4b094c7c6d31b41"}')
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    expect((await messages())[MESSAGE]!.message).toBe('updated message')
  })

  it('marks a message as read with the API key', async () => {
    const r = await put(ONE, doc, '{"read":"1","chat_dialog_id":"53a99a7be4b094c7c6d31b41"}')
    expect(r.status).toBe(200)
    expect((await messages())[MESSAGE]!.read_ids).toEqual([123])
  })

  it('marks all messages of a dialog as read', async () => {
    const r = await put('/chat/Message.json', token, `{  
    "read":"1",
    "chat_dialog_id":"53a99a7be4b094c7c6d31b41"
}`)
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    const m = await messages()
    expect(m[MESSAGE]!.read_ids).toEqual([ME])
    expect(m[SECOND]!.read_ids).toEqual([ME])
    const unread = await call('GET', `/chat/Message/unread.json?chat_dialog_ids=${DIALOG}`, { headers: token })
    expect(unread.json()).toEqual({ total: 0, [DIALOG]: 0 })
  })

  it('marks all messages of a dialog as delivered', async () => {
    const r = await put('/chat/Message.json', token, '{"delivered":"1","chat_dialog_id":"53a99a7be4b094c7c6d31b41"}')
    expect(r.status).toBe(200)
    const m = await messages()
    expect(m[MESSAGE]!.delivered_ids).toEqual([ME])
    expect(m[SECOND]!.delivered_ids).toEqual([ME])
  })

  it('accepts the form-encoded body the JS SDK sends', async () => {
    const r = await call('PUT', ONE, { headers: token, form: `read=1&chat_dialog_id=${DIALOG}` })
    expect(r.status).toBe(200)
    expect((await messages())[MESSAGE]!.read_ids).toEqual([ME])
  })

  it('lets the dialog owner and admins edit any message', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OTHER, occupants: [OTHER, ME, 123, 556], admins: [556] })
    putMessage(emu, { id: MESSAGE, dialogId: DIALOG, sender: ME, text: 'mine' })
    expect((await put(ONE, apiKey(556), `{"message":"by admin","chat_dialog_id":"${DIALOG}"}`)).status).toBe(200)
    expect((await put(ONE, apiKey(OTHER), `{"message":"by owner","chat_dialog_id":"${DIALOG}"}`)).status).toBe(200)
    expect((await put(ONE, apiKey(), `{"message":"by account","chat_dialog_id":"${DIALOG}"}`)).status).toBe(200)
    expect((await messages())[MESSAGE]!.message).toBe('by account')
  })

  it('updates the dialog last_message when its last message is edited', async () => {
    emu.db.prepare('UPDATE dialogs SET last_message = ?, last_message_id = ? WHERE id = ?').run('second', SECOND, DIALOG)
    await put(`/chat/Message/${SECOND}.json`, apiKey(OTHER), `{"message":"second, edited","chat_dialog_id":"${DIALOG}"}`)
    const d = await call('GET', `/chat/Dialog/${DIALOG}.json`, { headers: apiKey() })
    expect(d.json()).toMatchObject({ last_message: 'second, edited' })
  })
})

describe('update message documented errors', () => {
  it('403 when a user edits someone else\'s message', async () => {
    const r = await put(ONE, token, '{"message":"updated message","chat_dialog_id":"53a99a7be4b094c7c6d31b41"}')
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
    expect((await messages())[MESSAGE]!.message).toBe('first')
  })

  it('403 when a non-occupant marks a message of a group dialog', async () => {
    addUsers(emu, [999])
    const r = await put(ONE, apiKey(999), '{"read":"1","chat_dialog_id":"53a99a7be4b094c7c6d31b41"}')
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
  })

  it('404 for an unknown message, an unknown dialog, or a message of another dialog', async () => {
    const cases: [string, string][] = [
      ['/chat/Message/53aabe15e4b077ddd43e7f00.json', `{"read":"1","chat_dialog_id":"${DIALOG}"}`],
      [ONE, '{"read":"1","chat_dialog_id":"53a99a7be4b094c7c6d31b00"}'],
      ['/chat/Message/not-an-id.json', `{"read":"1","chat_dialog_id":"${DIALOG}"}`],
      ['/chat/Message.json', '{"read":"1","chat_dialog_id":"53a99a7be4b094c7c6d31b00"}'],
    ]
    for (const [path, body] of cases) {
      const r = await put(path, token, body)
      expect(r.status).toBe(404)
      expect(r.text).toBe('{"errors":["The resource wasn\'t found"]}')
    }
    putDialog(emu, { id: 'cccccccccccccccccccccccc', type: 2, owner: ME, occupants: [ME] })
    const other = await put(ONE, token, '{"read":"1","chat_dialog_id":"cccccccccccccccccccccccc"}')
    expect(other.status).toBe(404)
  })

  it('400 without chat_dialog_id and for bad flags', async () => {
    const a = await put(ONE, token, '{"read":"1"}')
    expect(a.status).toBe(400)
    expect(a.text).toBe('{"errors":["Parameter \\"chat_dialog_id\\" is required."]}')
    const b = await put(ONE, token, `{"read":"yes","chat_dialog_id":"${DIALOG}"}`)
    expect(b.status).toBe(400)
    expect(b.text).toBe('{"errors":["Incorrect format for parameter \\"read\\"."]}')
  })

  it('403 "Need user" when the account owner marks messages as read', async () => {
    const r = await put(ONE, apiKey(), `{"read":"1","chat_dialog_id":"${DIALOG}"}`)
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":{"base":["Forbidden. Need user."]}}')
  })
})
