import type { Dialog } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addToken, addUsers, apiKey, client, members, startTestEmulator } from './helpers'

// Every recipe and documented error of create-dialog.md, sent as the page writes it.
let emu: TestEmulator
const call = client(() => emu.url)
const TOKEN_PRIVATE = 'eddf864695d72d33b959eec2ae6c640d817dfada'
const TOKEN_GROUP = '1319b4991186601ccf4df2d0fa89565f68012bba'
const TOKEN_CUSTOM = '2e80acd7f3d9c1e79312e0d1dafd6691ba012bba'
const ME_PRIVATE = 102433734
const ME_GROUP = 96753878
const ME_CUSTOM = 96753879

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, [123, 102433721, ME_PRIVATE, ME_GROUP, ME_CUSTOM, 96831397, 96831328, 96830631, 96754523])
  addToken(emu, TOKEN_PRIVATE, ME_PRIVATE)
  addToken(emu, TOKEN_GROUP, ME_GROUP)
  addToken(emu, TOKEN_CUSTOM, ME_CUSTOM)
})
afterAll(() => emu.stop())

const json = { 'Content-Type': 'application/json' }
const post = (headers: Record<string, string>, body: string) => call('POST', '/chat/Dialog.json', { headers: { ...json, ...headers }, body })

const PRIVATE_BODY = `{  
  "type":3,
  "occupants_ids":"102433721"
}`
const PUBLIC_BODY = `{  
  "type":1,
  "name":"Soccer news",
  "photo":"67834"
}`
const GROUP_BODY = `{  
  "type":2,
  "name":"New Year party",
  "occupants_ids":"96831397,96831328,96830631,96754523",
  "photo":"68123"
}`

function expectDialogShape(d: Dialog): void {
  expect(Object.keys(d)).toEqual(['_id', 'created_at', 'last_message', 'last_message_date_sent', 'last_message_id', 'last_message_user_id',
    'name', 'occupants_ids', 'admin_ids', 'photo', 'type', 'updated_at', 'user_id', 'xmpp_room_jid', 'unread_messages_count', 'is_join_required'])
  expect(d._id).toMatch(/^[0-9a-f]{24}$/)
  expect(d.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  expect(d.last_message).toBeNull()
  expect(d.last_message_date_sent).toBeNull()
  expect(d.unread_messages_count).toBeNull()
}

describe('create dialog recipes', () => {
  it('creates a private dialog', async () => {
    const r = await post({ 'QB-Token': TOKEN_PRIVATE }, PRIVATE_BODY)
    expect(r.status).toBe(201)
    const d = r.json() as Dialog
    expectDialogShape(d)
    expect(d).toMatchObject({ type: 3, name: 'User 102433721', occupants_ids: [102433721, ME_PRIVATE], admin_ids: [], photo: null, user_id: ME_PRIVATE, xmpp_room_jid: null, is_join_required: null })
  })

  it('creates a public dialog', async () => {
    const r = await post({ 'QB-Token': TOKEN_PRIVATE }, PUBLIC_BODY)
    expect(r.status).toBe(201)
    const d = r.json() as Dialog
    expectDialogShape(d)
    expect(d).toMatchObject({ type: 1, name: 'Soccer news', photo: '67834', occupants_ids: [], admin_ids: [], user_id: ME_PRIVATE, is_join_required: null })
    expect(d.xmpp_room_jid).toBe(`76730_${d._id}@muc.chat.quickblox.com`)
  })

  it('creates a group dialog (the creator joins the occupants)', async () => {
    const r = await post({ 'QB-Token': TOKEN_GROUP }, GROUP_BODY)
    expect(r.status).toBe(201)
    const d = r.json() as Dialog
    expectDialogShape(d)
    expect(d).toMatchObject({ type: 2, name: 'New Year party', photo: '68123', occupants_ids: [96753878, 96754523, 96830631, 96831328, 96831397], admin_ids: [], user_id: ME_GROUP, is_join_required: 0 })
    expect(d.xmpp_room_jid).toBe(`76730_${d._id}@muc.chat.quickblox.com`)
  })

  it('creates a dialog with custom parameters (trailing comma as in the recipe)', async () => {
    const r = await post({ 'QB-Token': TOKEN_CUSTOM }, `{ 
  "type":2,
  "name":"Chat with Bob, Sam, Garry",
  "occupants_ids":"96754523,96830631,96831328",
  "data":{ 
      "class_name":"ScoreTable",
      "game_mode_name":"rainbow dash",
      "expert_mode":"3",
      "progress":"56",
  }
}`)
    expect(r.status).toBe(201)
    const d = r.json() as Dialog
    expect(d.data).toEqual({ class_name: 'ScoreTable', game_mode_name: 'rainbow dash', expert_mode: '3', progress: '56' })
    expect(d.occupants_ids).toEqual([96753879, 96754523, 96830631, 96831328])
    expect(Object.keys(d).at(-1)).toBe('data')
  })

  it('creates a group dialog with the API key on behalf of a user', async () => {
    const r = await post({ 'Authorization': 'ApiKey 28irlNAGasWDSupO9Vw0BBMZfuHrAUYKpmroS9yBORI', 'On-Behalf-Of': '123' }, GROUP_BODY)
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ type: 2, user_id: 123, occupants_ids: [123, 96754523, 96830631, 96831328, 96831397] })
  })

  it('creates a private dialog with the API key', async () => {
    const r = await post(apiKey(123), PRIVATE_BODY)
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ type: 3, user_id: 123, occupants_ids: [123, 102433721], xmpp_room_jid: null })
  })

  it('creates a public dialog with the API key', async () => {
    const r = await post(apiKey(123), PUBLIC_BODY)
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ type: 1, name: 'Soccer news', photo: '67834', user_id: 123 })
  })

  it('creates a group dialog with is_join_required', async () => {
    const r = await post({ 'QB-Token': TOKEN_CUSTOM }, `{
  "type":2,
  "name":"Chat with Bob, Sam, Garry",
  "occupants_ids":"96754523,96830631,96831328",
  "is_join_required": 0
}`)
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ type: 2, is_join_required: 0 })
    const one = await post({ 'QB-Token': TOKEN_CUSTOM }, '{"type":2,"name":"Strict","occupants_ids":"96754523","is_join_required":1}')
    expect(one.json()).toMatchObject({ is_join_required: 1 })
  })

  it('ignores is_join_required for public and private dialogs', async () => {
    const pub = await post({ 'QB-Token': TOKEN_CUSTOM }, '{"type":1,"name":"Open","is_join_required":1}')
    expect(pub.json()).toMatchObject({ type: 1, is_join_required: null })
    const priv = await post({ 'QB-Token': TOKEN_CUSTOM }, '{"type":3,"occupants_ids":"96754523","is_join_required":1}')
    expect(priv.json()).toMatchObject({ type: 3, is_join_required: null })
  })

  it('creates a group dialog with admin IDs', async () => {
    const r = await post({ 'QB-Token': TOKEN_GROUP }, `{
  "type":2,
  "name":"New Year party",
  "occupants_ids":"96831397,96831328,96830631,96754523",
  "photo":"68123",
  "admin_ids":"96831397,96831328"
}`)
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ admin_ids: [96831328, 96831397], occupants_ids: [96753878, 96754523, 96830631, 96831328, 96831397] })
  })

  it('adds admins missing from occupants_ids to a group dialog', async () => {
    const r = await post({ 'QB-Token': TOKEN_GROUP }, '{"type":2,"name":"Admins join","occupants_ids":"96754523","admin_ids":"96831397"}')
    expect(r.status).toBe(201)
    const d = r.json() as Dialog
    expect(d.admin_ids).toEqual([96831397])
    expect(d.occupants_ids).toEqual([96753878, 96754523, 96831397])
  })

  it('creates a public dialog with admin IDs', async () => {
    const r = await post({ 'QB-Token': TOKEN_PRIVATE }, `{
  "type":1,
  "name":"Soccer news",
  "photo":"67834",
  "admin_ids":"96831397,96831328"
}`)
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ type: 1, admin_ids: [96831328, 96831397], occupants_ids: [] })
  })

  it('creates a group dialog with admin IDs using the API key', async () => {
    const r = await post(apiKey(123), '{"type":2,"name":"New Year party","occupants_ids":"96831397,96831328,96830631,96754523","photo":"68123","admin_ids":"96831397,96831328"}')
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ user_id: 123, admin_ids: [96831328, 96831397] })
  })

  it('creates a public dialog with admin IDs using the API key', async () => {
    const r = await post(apiKey(123), '{"type":1,"name":"Soccer news","photo":"67834","admin_ids":[96831397,96831328]}')
    expect(r.status).toBe(201)
    expect(r.json()).toMatchObject({ type: 1, user_id: 123, admin_ids: [96831328, 96831397] })
  })

  it('accepts occupants_ids as an array of integers and as "1, 2" with spaces', async () => {
    const a = await post(apiKey(123), '{"type":2,"name":"Array","occupants_ids":[96831397,96831328]}')
    expect((a.json() as Dialog).occupants_ids).toEqual([123, 96831328, 96831397])
    const b = await post(apiKey(123), '{"type":2,"name":"Spaces","occupants_ids":"96831397, 96831328"}')
    expect((b.json() as Dialog).occupants_ids).toEqual([123, 96831328, 96831397])
  })

  it('ignores name and admin_ids for a private dialog', async () => {
    const r = await post(apiKey(96831397), '{"type":3,"occupants_ids":"96754523","name":"Ignored","admin_ids":"96754523"}')
    expect(r.status).toBe(201)
    const d = r.json() as Dialog
    expect(d.name).toBe('User 96754523')
    expect(d.admin_ids).toEqual([])
    expect(members(emu, d._id).admins).toEqual([])
  })

  it('names a private dialog after the opponent of whoever reads it', async () => {
    const created = await post(apiKey(96831397), '{"type":3,"occupants_ids":"96830631"}')
    const id = (created.json() as Dialog)._id
    expect((created.json() as Dialog).name).toBe('User 96830631')
    const theirs = await call('GET', `/chat/Dialog/${id}.json`, { headers: apiKey(96830631) })
    expect((theirs.json() as Dialog).name).toBe('User 96831397')
    const owner = await call('GET', `/chat/Dialog/${id}.json`, { headers: apiKey() })
    expect((owner.json() as Dialog).name).toBe('User 96830631')
  })

  it('returns the existing private dialog for the same pair of users', async () => {
    const first = await post(apiKey(96830631), '{"type":3,"occupants_ids":"96831328"}')
    const again = await post(apiKey(96831328), '{"type":3,"occupants_ids":"96830631"}')
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect((again.json() as Dialog)._id).toBe((first.json() as Dialog)._id)
  })
})

describe('create dialog errors', () => {
  it('400 when a private dialog has no opponent', async () => {
    for (const body of ['{"type":3}', '{"type":3,"occupants_ids":""}', '{"type":3,"occupants_ids":"123"}']) {
      const r = await post(apiKey(123), body)
      expect(r.status).toBe(400)
      expect(r.text).toBe('{"errors":["Occupants_ids is missing opponent ID."]}')
    }
  })

  it('400 for an invalid admin_ids format', async () => {
    for (const admins of ['"abc"', '"1,x"', '[1.5]', '{"a":1}', 'true', '[-3]']) {
      const r = await post(apiKey(123), `{"type":2,"name":"x","occupants_ids":"96831397","admin_ids":${admins}}`)
      expect(r.status).toBe(400)
      expect(r.text).toBe('{"errors":["Incorrect format for parameter \\"admin_ids\\"."]}')
    }
  })

  it('404 when admin users do not exist', async () => {
    const r = await post(apiKey(123), '{"type":2,"name":"x","occupants_ids":"96831397","admin_ids":"96831397,555555"}')
    expect(r.status).toBe(404)
    expect(r.text).toBe('{"errors":["Users with these IDs for \\"admin_ids\\" do not exist."]}')
  })

  it('422 for a wrong or missing type', async () => {
    for (const body of ['{"type":4,"name":"x"}', '{"name":"x"}', '{"type":"group"}', '{"type":0}', '{"type":2.5}']) {
      const r = await post(apiKey(123), body)
      expect(r.status).toBe(422)
      expect(r.text).toBe('{"type":["is wrong."]}')
    }
  })

  it('rejects a name longer than 200 characters and accepts exactly 200', async () => {
    const long = await post(apiKey(123), JSON.stringify({ type: 2, name: 'x'.repeat(201), occupants_ids: '96831397' }))
    expect(long.status).toBe(422)
    expect(long.text).toBe('{"errors":{"name":["is too long (maximum is 200 characters)"]}}')
    const ok = await post(apiKey(123), JSON.stringify({ type: 2, name: 'y'.repeat(200), occupants_ids: '96831397' }))
    expect(ok.status).toBe(201)
  })

  it('400 for an invalid is_join_required value on a group dialog', async () => {
    const r = await post(apiKey(123), '{"type":2,"name":"x","occupants_ids":"96831397","is_join_required":2}')
    expect(r.status).toBe(400)
    expect(r.text).toBe('{"errors":["Parameter \\"is_join_required\\" should be a number: either 0 or 1."]}')
  })

  it('400 for non-integer occupants_ids', async () => {
    const r = await post(apiKey(123), '{"type":2,"name":"x","occupants_ids":"12,abc"}')
    expect(r.status).toBe(400)
    expect(r.text).toBe('{"errors":["Incorrect format for parameter \\"occupants_ids\\"."]}')
  })

  it('403 "Need user" when the API key creates a dialog without On-Behalf-Of', async () => {
    const r = await post(apiKey(), GROUP_BODY)
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":{"base":["Forbidden. Need user."]}}')
  })

  it('400 for an unknown parameter', async () => {
    const r = await post(apiKey(123), '{"type":2,"name":"x","ocupants_ids":"1"}')
    expect(r.status).toBe(400)
    expect(r.text).toBe('{"errors":["Unknown parameter \\"ocupants_ids\\"."]}')
  })

  it('400 when data has no class_name', async () => {
    const r = await post(apiKey(123), '{"type":2,"name":"x","data":{"a":"1"}}')
    expect(r.status).toBe(400)
    expect(r.text).toBe('{"errors":["Parameter \\"data[class_name]\\" is required."]}')
  })
})
