import { describe, expect, it } from 'vitest'
import { ACCOUNT_OWNER, asUser } from './actor'
import { draftFromDialog } from './dialogDiff'
import { ADMIN, makeDialog, OCC, OCC2, OWNER } from './testFixtures'
import {
  buildCreateBody,
  type CreateDialogForm,
  customDataFromForm,
  customDataToForm,
  emptyCreateForm,
  isUserId,
  nameLength,
  validateCreate,
  validateCustomData,
  validateCustomDataObject,
  validateName,
  validatePhoto,
  validateUpdate,
} from './validation'

const me = asUser(OWNER)

function form(overrides: Partial<CreateDialogForm>): CreateDialogForm {
  return { ...emptyCreateForm(), ...overrides }
}

describe('name', () => {
  it('required for group and public, ignored for private', () => {
    expect(validateName(2, '  ')).toBe('A group dialog needs a name.')
    expect(validateName(1, '')).toBe('A public dialog needs a name.')
    expect(validateName(3, '')).toBeNull()
    expect(validateName(2, 'Team')).toBeNull()
  })

  it('at most 200 code points after trimming', () => {
    expect(validateName(2, 'a'.repeat(200))).toBeNull()
    expect(validateName(2, ` ${'a'.repeat(200)} `)).toBeNull()
    expect(validateName(2, 'a'.repeat(201))).toBe('Names can be at most 200 characters (this one has 201).')
    // 200 emoji are 400 UTF-16 units but 200 code points.
    expect(validateName(2, '😀'.repeat(200))).toBeNull()
    expect(nameLength('😀é')).toBe(2)
    // A family emoji is one thing on screen but 7 code points: counted as 7, like the server.
    expect(nameLength('👨‍👩‍👧‍👦')).toBe(7)
  })
})

describe('photo', () => {
  it('file id or http(s) URL', () => {
    expect(validatePhoto('')).toBeNull()
    expect(validatePhoto('68123')).toBeNull()
    expect(validatePhoto('https://example.com/a.png')).toBeNull()
    expect(validatePhoto('http://example.com/a.png')).toBeNull()
    const msg = 'Use a file ID (digits only) or a link starting with http:// or https://.'
    expect(validatePhoto('ftp://example.com/a.png')).toBe(msg)
    expect(validatePhoto('javascript:alert(1)')).toBe(msg)
    expect(validatePhoto('12ab')).toBe(msg)
    expect(validatePhoto('example.com/a.png')).toBe(msg)
  })
})

describe('user ids', () => {
  it('positive safe integers', () => {
    expect(isUserId(1)).toBe(true)
    expect(isUserId(0)).toBe(false)
    expect(isUserId(-1)).toBe(false)
    expect(isUserId(1.5)).toBe(false)
    expect(isUserId(Number.MAX_SAFE_INTEGER + 1)).toBe(false)
    expect(isUserId('1')).toBe(false)
  })
})

describe('custom data', () => {
  it('empty form is fine', () => {
    expect(validateCustomData(null)).toEqual({})
    expect(validateCustomData({ class_name: ' ', fields: [{ name: '', value: '' }] })).toEqual({})
  })

  it('class_name is required once there is a field, and must look like a class', () => {
    expect(validateCustomData({ class_name: '', fields: [{ name: 'a', value: '1' }] })).toEqual({
      'data.class_name': 'Enter the custom object class name (it is required when there are fields).',
    })
    expect(validateCustomData({ class_name: '1Cool', fields: [] })).toEqual({
      'data.class_name': 'Class names start with a letter and use only letters, digits and _ (like CoolDialog).',
    })
    expect(validateCustomData({ class_name: 'Cool Dialog', fields: [] })['data.class_name']).toBeDefined()
    expect(validateCustomData({ class_name: 'CoolDialog_2', fields: [] })).toEqual({})
  })

  it('field names: non-empty, valid, not reserved, unique', () => {
    expect(validateCustomData({
      class_name: 'C',
      fields: [
        { name: 'floor', value: '5' },
        { name: '', value: 'x' },
        { name: '_id', value: '1' },
        { name: 'class_name', value: 'D' },
        { name: 'my field', value: '' },
        { name: 'floor', value: '6' },
        { name: '', value: '' },
        { name: '_private-2', value: '' },
        { name: 'x'.repeat(65), value: '' },
      ],
    })).toEqual({
      'data.fields.1.name': 'Enter a field name.',
      'data.fields.2.name': '"_id" is reserved by QuickBlox. Choose another field name.',
      'data.fields.3.name': '"class_name" is reserved by QuickBlox. Choose another field name.',
      'data.fields.4.name': 'Field names use only letters, digits, _ and - (at most 64).',
      'data.fields.5.name': 'The field "floor" is listed twice.',
      'data.fields.8.name': 'Field names use only letters, digits, _ and - (at most 64).',
    })
  })

  it('wire-shape data: values must be text', () => {
    expect(validateCustomDataObject({ class_name: 'C', a: '1', b: 2, c: true })).toEqual({
      'data.fields.1.value': 'The value of "b" must be text.',
      'data.fields.2.value': 'The value of "c" must be text.',
    })
    expect(validateCustomDataObject(undefined)).toEqual({})
    expect(validateCustomDataObject({ class_name: 'C', gone: null, a: '1' })).toEqual({})
  })

  it('converts between form rows and wire shape', () => {
    expect(customDataToForm({ class_name: 'C', a: '1', n: 2, z: null })).toEqual({
      class_name: 'C',
      fields: [{ name: 'a', value: '1' }, { name: 'n', value: '2' }],
    })
    expect(customDataToForm(undefined)).toBeNull()
    expect(customDataFromForm({ class_name: ' C ', fields: [{ name: ' a ', value: ' 1' }, { name: '', value: '' }] })).toEqual({
      class_name: 'C',
      a: ' 1',
    })
    expect(customDataFromForm({ class_name: '', fields: [] })).toBeNull()
  })
})

describe('validateCreate', () => {
  it('needs a type', () => {
    expect(validateCreate(null, form({ name: 'x' }), me)).toEqual({ type: 'Choose a dialog type.' })
    expect(validateCreate(4 as 1, form({ name: 'x' }), me)).toEqual({ type: 'Choose a dialog type.' })
  })

  it('private: exactly one opponent who is not the creator', () => {
    expect(validateCreate(3, form({ occupants_ids: [OCC] }), me)).toEqual({})
    expect(validateCreate(3, form({ occupants_ids: [OWNER, OCC] }), me)).toEqual({})
    expect(validateCreate(3, form({}), me)).toEqual({ occupants_ids: 'Pick the other person for this private dialog.' })
    expect(validateCreate(3, form({ occupants_ids: [OWNER] }), me)).toEqual({
      occupants_ids: 'Nobody can have a private dialog with themselves. Pick another person.',
    })
    expect(validateCreate(3, form({ occupants_ids: [OCC, OCC2] }), me)).toEqual({
      occupants_ids: 'A private dialog has exactly one other person. Create a group dialog for more.',
    })
    expect(validateCreate(3, form({ occupants_ids: [0] }), me)).toEqual({ occupants_ids: 'Not valid user IDs: 0.' })
  })

  it('private: the account owner cannot create one', () => {
    expect(validateCreate(3, form({ occupants_ids: [OCC] }), ACCOUNT_OWNER)).toEqual({
      occupants_ids: 'A private dialog is between the acting user and one other person. Act as a user to create one.',
    })
  })

  it('private: name, photo, admins and join are not checked (not sent)', () => {
    expect(validateCreate(3, form({ occupants_ids: [OCC], photo: 'bad', admin_ids: [-1], is_join_required: 1 }), me)).toEqual({})
  })

  it('group: name, photo, ids, is_join_required, custom data', () => {
    expect(validateCreate(2, form({
      name: '',
      photo: 'nope',
      occupants_ids: [3, -2],
      admin_ids: [1.5],
      is_join_required: 2 as 1,
      data: { class_name: '', fields: [{ name: 'a', value: '1' }] },
    }), me)).toEqual({
      name: 'A group dialog needs a name.',
      photo: 'Use a file ID (digits only) or a link starting with http:// or https://.',
      occupants_ids: 'Not valid user IDs: -2.',
      admin_ids: 'Not valid user IDs: 1.5.',
      is_join_required: '"Join required" must be on or off.',
      'data.class_name': 'Enter the custom object class name (it is required when there are fields).',
    })
    expect(validateCreate(2, form({ name: 'G' }), ACCOUNT_OWNER)).toEqual({})
  })

  it('public: occupants and join are not checked (not sent)', () => {
    expect(validateCreate(1, form({ name: 'P', occupants_ids: [-1], is_join_required: 5 as 1 }), me)).toEqual({})
  })
})

describe('buildCreateBody', () => {
  const full = form({
    name: '  New Year party ',
    photo: '68123',
    occupants_ids: [OWNER, 96831397, 96831328, 96831397],
    admin_ids: [96831397, 96831397],
    is_join_required: 1,
    data: { class_name: 'ScoreTable', fields: [{ name: 'progress', value: '56' }] },
  })

  it('private: only the opponent (and custom data)', () => {
    expect(buildCreateBody(3, full, me)).toEqual({
      type: 3,
      occupants_ids: '96831397',
      data: { class_name: 'ScoreTable', progress: '56' },
    })
  })

  it('group: name, photo, occupants, admins, is_join_required as in the docs', () => {
    expect(buildCreateBody(2, full, me)).toEqual({
      type: 2,
      name: 'New Year party',
      photo: '68123',
      occupants_ids: '96831397,96831328',
      admin_ids: '96831397',
      is_join_required: 1,
      data: { class_name: 'ScoreTable', progress: '56' },
    })
  })

  it('public: name, photo, admins; no occupants or join', () => {
    expect(buildCreateBody(1, full, me)).toEqual({
      type: 1,
      name: 'New Year party',
      photo: '68123',
      admin_ids: '96831397',
      data: { class_name: 'ScoreTable', progress: '56' },
    })
  })

  it('leaves out empty optional fields', () => {
    expect(buildCreateBody(2, form({ name: 'G' }), me)).toEqual({ type: 2, name: 'G' })
    expect(buildCreateBody(2, form({ name: 'G', occupants_ids: [OWNER] }), ACCOUNT_OWNER)).toEqual({
      type: 2, name: 'G', occupants_ids: String(OWNER),
    })
  })
})

describe('validateUpdate', () => {
  it('an unchanged draft is valid even with legacy values', () => {
    const d = makeDialog({ name: '', photo: 'weird', data: { class_name: 'C', n: 5 } })
    expect(validateUpdate(d, draftFromDialog(d))).toEqual({})
  })

  it('a stored photo with spaces around an unusable value is not checked as a change', () => {
    const d = makeDialog({ photo: ' weird ' })
    expect(validateUpdate(d, draftFromDialog(d))).toEqual({})
  })

  it('checks changed name, photo, data and join', () => {
    const d = makeDialog()
    expect(validateUpdate(d, {
      ...draftFromDialog(d),
      name: ' ',
      photo: 'x',
      is_join_required: 3 as 1,
      data: { class_name: '9', a: '1' },
    })).toEqual({
      name: 'A group dialog needs a name.',
      photo: 'Use a file ID (digits only) or a link starting with http:// or https://.',
      is_join_required: '"Join required" must be on or off.',
      'data.class_name': 'Class names start with a letter and use only letters, digits and _ (like CoolDialog).',
    })
  })

  it('join required only on group dialogs', () => {
    const d = makeDialog({ type: 1 })
    expect(validateUpdate(d, { ...draftFromDialog(d), is_join_required: 1 })).toEqual({
      is_join_required: '"Join required" only applies to group dialogs.',
    })
  })

  it('the owner stays in a group; a new owner must be a member', () => {
    const d = makeDialog()
    expect(validateUpdate(d, { ...draftFromDialog(d), occupants_ids: [ADMIN, OCC] })).toEqual({
      occupants_ids: "The dialog's owner can't be removed. Change the owner first.",
    })
    expect(validateUpdate(d, { ...draftFromDialog(d), user_id: 77 })).toEqual({ user_id: 'The new owner must be in the dialog.' })
    expect(validateUpdate(d, { ...draftFromDialog(d), user_id: OCC })).toEqual({})
    expect(validateUpdate(d, { ...draftFromDialog(d), user_id: OCC, occupants_ids: [ADMIN, OCC, OCC2] })).toEqual({})
  })

  it('private: members and admins are fixed', () => {
    const d = makeDialog({ type: 3 })
    expect(validateUpdate(d, { ...draftFromDialog(d), occupants_ids: [OWNER, OCC, 20], admin_ids: [OCC] })).toEqual({
      occupants_ids: "People can't be added to or removed from a private dialog.",
      admin_ids: 'Private dialogs have no admins.',
    })
  })

  it('bad ids in member lists', () => {
    const d = makeDialog()
    expect(validateUpdate(d, { ...draftFromDialog(d), occupants_ids: [OWNER, 0], admin_ids: [-3] })).toEqual({
      occupants_ids: 'Not valid user IDs: 0.',
      admin_ids: 'Not valid user IDs: -3.',
    })
  })
})
