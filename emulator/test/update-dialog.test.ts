import type { Dialog } from '../../src/api/types'
import type { TestEmulator } from './helpers'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addToken, addUsers, apiKey, client, members, putDialog, startTestEmulator } from './helpers'

// Every recipe, rule and documented error of update-dialog.md.
let emu: TestEmulator
const call = client(() => emu.url)
const TOKEN = '1319b4991186601ccf4df2d0fa89565f68012bba'
const TOKEN_DATA = '8be2595b87f403f3c39e38fb39942cf481012bba'
const OWNER = 96753878
const DATA_USER = 96753880
const DIALOG = '5d75393ba28f9a17e1cb0f9e'
const DATA_DIALOG = '5cc748eca0eb470d452adaaa'
const BASE_OCCUPANTS = [OWNER, 96754523, 96830631, 96831328, 96831397]
const ALL_USERS = [123, OWNER, DATA_USER, 96753877, 96754523, 96830631, 96831328, 96831397, 91375295, 96705448, 700, 701, 702]

beforeAll(async () => {
  emu = await startTestEmulator()
  addUsers(emu, ALL_USERS)
  addToken(emu, TOKEN, OWNER)
  addToken(emu, TOKEN_DATA, DATA_USER)
})
afterAll(() => emu.stop())
beforeEach(() => {
  putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: BASE_OCCUPANTS, name: 'New Year party' })
})

const put = (headers: Record<string, string>, body: string, id = DIALOG) =>
  call('PUT', `/chat/Dialog/${id}.json`, { headers: { 'Content-Type': 'application/json', ...headers }, body })
const token = { 'QB-Token': TOKEN }
const asUser = (id: number) => apiKey(id)

const PUSH_OCCUPANTS = `{  
  "push_all":{  
    "occupants_ids":[  
      91375295,
      96705448
    ]
  }
}`
const PULL_OCCUPANTS = PUSH_OCCUPANTS.replace('push_all', 'pull_all')
const PUSH_ADMINS = `{
  "push_all":{
    "admin_ids":[
      91375295,
      96705448
    ]
  }
}`
const PULL_ADMINS = PUSH_ADMINS.replace('push_all', 'pull_all')
const DATA_BODY = `{ 
  "data":{ 
    "class_name":"CoolDialog",
    "category":"co-workers",
    "floor":"5",
    "is_intern":"true",
    "average_kpi":"0.8"
  }
}`
const COOL = { class_name: 'CoolDialog', category: 'co-workers', floor: '5', is_intern: 'true', average_kpi: '0.8' }

describe('update dialog recipes', () => {
  it('updates the dialog name', async () => {
    const r = await put(token, `{  
  "name":"New Year 2020 party"
}`)
    expect(r.status).toBe(200)
    const d = r.json() as Dialog
    expect(d).toMatchObject({ _id: DIALOG, name: 'New Year 2020 party', occupants_ids: BASE_OCCUPANTS, admin_ids: [], photo: '68123', type: 2, user_id: OWNER, is_join_required: 0, unread_messages_count: 0 })
    expect(d.xmpp_room_jid).toBe('76730_5d75393ba28f9a17e1cb0f9e@muc.chat.quickblox.com')
    expect(d.updated_at).not.toBe('2019-09-08T17:24:11Z')
  })

  it('adds participants', async () => {
    const r = await put(token, PUSH_OCCUPANTS)
    expect(r.status).toBe(200)
    expect((r.json() as Dialog).occupants_ids).toEqual([91375295, 96705448, ...BASE_OCCUPANTS])
  })

  it('updates custom data (any occupant may)', async () => {
    putDialog(emu, { id: DATA_DIALOG, type: 2, owner: OWNER, occupants: [OWNER, DATA_USER] })
    const r = await put({ 'QB-Token': TOKEN_DATA }, DATA_BODY, DATA_DIALOG)
    expect(r.status).toBe(200)
    expect((r.json() as Dialog).data).toEqual(COOL)
  })

  it('removes participants', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: [...BASE_OCCUPANTS, 91375295, 96705448] })
    const r = await put(token, PULL_OCCUPANTS)
    expect(r.status).toBe(200)
    expect((r.json() as Dialog).occupants_ids).toEqual(BASE_OCCUPANTS)
  })

  it('updates the dialog name with the API key on behalf of a user', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: 123, occupants: [123, 96754523] })
    const r = await put({ 'Authorization': 'ApiKey 28irlNAGasWDSupO9Vw0BBMZfuHrAUYKpmroS9yBORI', 'On-Behalf-Of': '123' }, `{  
  "name":"New Year 2024 party"
}`)
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ name: 'New Year 2024 party', user_id: 123 })
  })

  it('changes the dialog owner', async () => {
    const r = await put(token, `{
  "user_id": 96753877
}`)
    expect(r.status).toBe(200)
    const d = r.json() as Dialog
    expect(d.user_id).toBe(96753877)
    expect(d.occupants_ids).toContain(96753877)
    expect(d.occupants_ids).toContain(OWNER)
  })

  it('adds admins (they join the occupants of a group dialog)', async () => {
    const r = await put(token, PUSH_ADMINS)
    expect(r.status).toBe(200)
    const d = r.json() as Dialog
    expect(d.admin_ids).toEqual([91375295, 96705448])
    expect(d.occupants_ids).toEqual([91375295, 96705448, ...BASE_OCCUPANTS])
  })

  it('removes admins', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: [...BASE_OCCUPANTS, 91375295, 96705448], admins: [91375295, 96705448] })
    const r = await put(token, PULL_ADMINS)
    expect(r.status).toBe(200)
    const d = r.json() as Dialog
    expect(d.admin_ids).toEqual([])
    expect(d.occupants_ids).toContain(91375295)
  })

  it('adds participants with the API key', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: [OWNER, 123] })
    const r = await put(asUser(123), PUSH_OCCUPANTS)
    expect(r.status).toBe(200)
    expect((r.json() as Dialog).occupants_ids).toEqual([123, 91375295, 96705448, OWNER])
  })

  it('removes participants with the API key (owner)', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: 123, occupants: [123, 91375295, 96705448, 96754523] })
    const r = await put(asUser(123), PULL_OCCUPANTS)
    expect(r.status).toBe(200)
    expect((r.json() as Dialog).occupants_ids).toEqual([123, 96754523])
  })

  it('updates custom data with the API key', async () => {
    putDialog(emu, { id: DATA_DIALOG, type: 2, owner: OWNER, occupants: [OWNER, 123], data: { class_name: 'CoolDialog', category: 'friends', extra: 'kept' } })
    const r = await put(asUser(123), DATA_BODY, DATA_DIALOG)
    expect(r.status).toBe(200)
    expect((r.json() as Dialog).data).toEqual({ ...COOL, extra: 'kept' })
  })

  it('updates is_join_required with the API key (account owner)', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: BASE_OCCUPANTS, isJoinRequired: 1 })
    const r = await put(apiKey(), `{
  "is_join_required": 0
}`)
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ is_join_required: 0, unread_messages_count: null })
    const back = await put(token, '{"is_join_required":"1"}')
    expect(back.json()).toMatchObject({ is_join_required: 1 })
  })

  it('adds admins with the API key', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: 123, occupants: [123] })
    const r = await put(asUser(123), PUSH_ADMINS)
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ admin_ids: [91375295, 96705448], occupants_ids: [123, 91375295, 96705448] })
  })

  it('removes admins with the API key', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: 123, occupants: [123, 91375295, 96705448], admins: [91375295, 96705448] })
    const r = await put(asUser(123), PULL_ADMINS)
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ admin_ids: [] })
  })

  it('updates the photo and accepts a form-encoded body', async () => {
    const r = await call('PUT', `/chat/Dialog/${DIALOG}.json`, { headers: token, form: 'photo=99999&push_all[occupants_ids][]=700&push_all[occupants_ids][]=701' })
    expect(r.status).toBe(200)
    expect(r.json()).toMatchObject({ photo: '99999', occupants_ids: [700, 701, ...BASE_OCCUPANTS] })
  })
})

describe('update dialog documented errors', () => {
  it('400 when every pushed occupant is already present', async () => {
    const r = await put(token, '{"push_all":{"occupants_ids":[96754523,96830631]}}')
    expect(r.status).toBe(400)
    expect(r.text).toBe('{"errors":["Users are already present in occupants_ids"]}')
  })

  it('400 for an invalid is_join_required', async () => {
    for (const value of ['2', '"yes"', 'null', '-1', '0.5']) {
      const r = await put(token, `{"is_join_required":${value}}`)
      expect(r.status).toBe(400)
      expect(r.text).toBe('{"errors":["Parameter \\"is_join_required\\" should be a number: either 0 or 1."]}')
    }
  })

  it('403 for a user without permission', async () => {
    const r = await put(asUser(96754523), '{"name":"hijack"}')
    expect(r.status).toBe(403)
    expect(r.text).toBe('{"errors":["You don\'t have appropriate permissions to perform this operation"]}')
  })

  it('403 when neither account owner nor dialog owner changes is_join_required', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: [...BASE_OCCUPANTS, 700], admins: [700] })
    for (const who of [700, 96754523]) {
      const r = await put(asUser(who), '{"is_join_required":1}')
      expect(r.status).toBe(403)
      expect(r.text).toBe('{"errors":["You do not have permission to modify the \\"is_join_required\\" parameter."]}')
    }
  })

  it('403 with the trailing-space text when admin_ids may not be changed', async () => {
    putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: [...BASE_OCCUPANTS, 700, 701], admins: [700, 701] })
    const cases: [number, string][] = [
      [700, '{"push_all":{"admin_ids":[96754523]}}'],
      [700, '{"pull_all":{"admin_ids":[701]}}'],
      [96754523, '{"pull_all":{"admin_ids":[700]}}'],
      [96754523, '{"push_all":{"admin_ids":[96754523]}}'],
    ]
    for (const [who, body] of cases) {
      const r = await put(asUser(who), body)
      expect(r.status).toBe(403)
      expect(r.text).toBe('{"errors":["You don\'t have appropriate permissions to modify or delete \\"admin_ids\\". "]}')
    }
  })

  it('404 for an unknown dialog and for an id that is not an ObjectId', async () => {
    for (const id of ['5d75393ba28f9a17e1cb0f00', 'nope', '5d75393ba28f9a17e1cb0f9e0']) {
      const r = await put(token, '{"name":"x"}', id)
      expect(r.status).toBe(404)
      expect(r.text).toBe('{"errors":["The resource wasn\'t found"]}')
    }
  })

  it('404 when pushed admins do not exist', async () => {
    const r = await put(token, '{"push_all":{"admin_ids":[424242]}}')
    expect(r.status).toBe(404)
    expect(r.text).toBe('{"errors":["Users with these IDs for \\"admin_ids\\" do not exist."]}')
  })

  it('422 for a name longer than 200', async () => {
    const r = await put(token, JSON.stringify({ name: 'n'.repeat(201) }))
    expect(r.status).toBe(422)
    expect(r.text).toBe('{"errors":{"name":["is too long (maximum is 200 characters)"]}}')
  })

  it('400 for an unknown operation or field', async () => {
    const a = await put(token, '{"add_to_set":{"occupants_ids":[1]}}')
    expect(a.status).toBe(400)
    expect(a.text).toBe('{"errors":["Unknown parameter \\"add_to_set\\"."]}')
    const b = await put(token, '{"push_all":{"viewers":[1]}}')
    expect(b.text).toBe('{"errors":["Unknown parameter \\"push_all[viewers]\\"."]}')
    const c = await put(token, '{"push_all":{"occupants_ids":["x"]}}')
    expect(c.status).toBe(400)
    expect(c.text).toBe('{"errors":["Incorrect format for parameter \\"push_all[occupants_ids]\\"."]}')
  })
})

describe('update dialog permission rules', () => {
  const GENERIC = '{"errors":["You don\'t have appropriate permissions to perform this operation"]}'

  describe('private (type 3)', () => {
    const PRIV = 'aaaaaaaaaaaaaaaaaaaaaaaa'
    beforeEach(() => putDialog(emu, { id: PRIV, type: 3, owner: 700, occupants: [700, 701], name: 'User 701' }))

    it('any occupant can update custom parameters', async () => {
      const r = await put(asUser(701), DATA_BODY, PRIV)
      expect(r.status).toBe(200)
      expect((r.json() as Dialog).data).toEqual(COOL)
    })
    it('a non-occupant cannot', async () => {
      const r = await put(asUser(702), DATA_BODY, PRIV)
      expect(r.status).toBe(403)
      expect(r.text).toBe(GENERIC)
    })
    it('occupants cannot be changed', async () => {
      const r = await put(asUser(700), '{"push_all":{"occupants_ids":[702]}}', PRIV)
      expect(r.status).toBe(403)
      expect(r.text).toBe(GENERIC)
    })
  })

  describe('group (type 2)', () => {
    beforeEach(() => putDialog(emu, { id: DIALOG, type: 2, owner: OWNER, occupants: [...BASE_OCCUPANTS, 700, 701], admins: [700] }))

    it('any occupant can add other users', async () => {
      const r = await put(asUser(96754523), '{"push_all":{"occupants_ids":[702]}}')
      expect(r.status).toBe(200)
      expect(members(emu, DIALOG).occupants).toContain(702)
    })
    it('an occupant can remove only himself', async () => {
      const other = await put(asUser(96754523), '{"pull_all":{"occupants_ids":[96830631]}}')
      expect(other.status).toBe(403)
      expect(other.text).toBe(GENERIC)
      const self = await put(asUser(96754523), '{"pull_all":{"occupants_ids":[96754523]}}')
      expect(self.status).toBe(200)
      expect(members(emu, DIALOG).occupants).not.toContain(96754523)
    })
    it('any occupant can update custom parameters', async () => {
      const r = await put(asUser(701), DATA_BODY)
      expect(r.status).toBe(200)
    })
    it('a plain occupant cannot rename', async () => {
      const r = await put(asUser(701), '{"name":"mine"}')
      expect(r.status).toBe(403)
    })
    it('a non-occupant cannot do anything', async () => {
      const r = await put(asUser(702), DATA_BODY)
      expect(r.status).toBe(403)
      expect(r.text).toBe(GENERIC)
    })
    it('owner and admin can remove any users; the admin not the owner', async () => {
      const byAdmin = await put(asUser(700), '{"pull_all":{"occupants_ids":[96830631]}}')
      expect(byAdmin.status).toBe(200)
      const ownerByAdmin = await put(asUser(700), `{"pull_all":{"occupants_ids":[${OWNER}]}}`)
      expect(ownerByAdmin.status).toBe(403)
      const byOwner = await put(token, '{"pull_all":{"occupants_ids":[700, 701]}}')
      expect(byOwner.status).toBe(200)
      expect(members(emu, DIALOG)).toEqual({ occupants: [OWNER, 96754523, 96831328, 96831397], admins: [] })
    })
    it('an admin can rename and change the photo', async () => {
      const r = await put(asUser(700), '{"name":"Admin named","photo":"1"}')
      expect(r.status).toBe(200)
      expect(r.json()).toMatchObject({ name: 'Admin named', photo: '1' })
    })
    it('only the owner adds and removes other admins; admins remove themselves', async () => {
      const self = await put(asUser(700), '{"pull_all":{"admin_ids":[700]}}')
      expect(self.status).toBe(200)
      expect(members(emu, DIALOG).admins).toEqual([])
      const add = await put(token, '{"push_all":{"admin_ids":[701]}}')
      expect(add.status).toBe(200)
      expect(members(emu, DIALOG).admins).toEqual([701])
    })
    it('only the owner or the account owner changes the owner', async () => {
      const byAdmin = await put(asUser(700), '{"user_id":700}')
      expect(byAdmin.status).toBe(403)
      expect(byAdmin.text).toBe(GENERIC)
      const byAccount = await put(apiKey(), '{"user_id":702}')
      expect(byAccount.status).toBe(200)
      expect(byAccount.json()).toMatchObject({ user_id: 702 })
      expect(members(emu, DIALOG).occupants).toContain(702)
    })
    it('404 for a new owner who does not exist, 400 for a bad user_id', async () => {
      const missing = await put(token, '{"user_id":999999}')
      expect(missing.status).toBe(404)
      expect(missing.text).toBe('{"errors":["Users with these IDs for \\"user_id\\" do not exist."]}')
      const bad = await put(token, '{"user_id":"me"}')
      expect(bad.status).toBe(400)
      expect(bad.text).toBe('{"errors":["Incorrect format for parameter \\"user_id\\"."]}')
    })
  })

  describe('public (type 1)', () => {
    const PUB = 'bbbbbbbbbbbbbbbbbbbbbbbb'
    beforeEach(() => putDialog(emu, { id: PUB, type: 1, owner: 700, occupants: [], admins: [701] }))

    it('owner and admin can update it', async () => {
      expect((await put(asUser(700), '{"name":"by owner"}', PUB)).status).toBe(200)
      expect((await put(asUser(701), '{"name":"by admin","photo":"5"}', PUB)).status).toBe(200)
      expect((await put(asUser(701), DATA_BODY, PUB)).status).toBe(200)
    })
    it('anyone else cannot', async () => {
      for (const body of ['{"name":"x"}', DATA_BODY]) {
        const r = await put(asUser(702), body, PUB)
        expect(r.status).toBe(403)
        expect(r.text).toBe(GENERIC)
      }
    })
    it('admins are managed by the owner; an admin removes only himself', async () => {
      const byAdmin = await put(asUser(701), '{"push_all":{"admin_ids":[702]}}', PUB)
      expect(byAdmin.status).toBe(403)
      expect(byAdmin.text).toBe('{"errors":["You don\'t have appropriate permissions to modify or delete \\"admin_ids\\". "]}')
      expect((await put(asUser(701), '{"pull_all":{"admin_ids":[701]}}', PUB)).status).toBe(200)
      const byOwner = await put(asUser(700), '{"push_all":{"admin_ids":[702]}}', PUB)
      expect(byOwner.status).toBe(200)
      expect(byOwner.json()).toMatchObject({ admin_ids: [702], occupants_ids: [] })
    })
    it('is_join_required is ignored for public dialogs', async () => {
      const r = await put(asUser(700), '{"is_join_required":1}', PUB)
      expect(r.status).toBe(200)
      expect(r.json()).toMatchObject({ is_join_required: null })
    })
  })
})
