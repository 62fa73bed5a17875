import { describe, expect, it } from 'vitest'
import {
  applyUpdate,
  buildUpdateBody,
  changedFields,
  conflicts,
  describeChanges,
  describeUpdate,
  type DialogDraft,
  draftChangedFields,
  draftFromDialog,
  sameCustomData,
} from './dialogDiff'
import { ADMIN, makeDialog, OCC, OCC2, OWNER } from './testFixtures'

const names: Record<number, string> = { [OWNER]: 'Olga', [ADMIN]: 'Adam', [OCC]: 'Cara', [OCC2]: 'Dan' }
const nameOf = (id: number): string | undefined => names[id]

function edit(overrides: Partial<DialogDraft>, dialog = makeDialog()): { dialog: typeof dialog, draft: DialogDraft } {
  return { dialog, draft: { ...draftFromDialog(dialog), ...overrides } }
}

describe('buildUpdateBody', () => {
  it('an unchanged draft sends nothing', () => {
    for (const type of [1, 2, 3] as const) {
      const d = makeDialog({ type, data: { class_name: 'C', a: '1' } })
      expect(buildUpdateBody(d, draftFromDialog(d))).toBeNull()
    }
  })

  it('a stored name or photo with spaces around it is not a change, until the person changes it', () => {
    const d = makeDialog({ type: 2, name: ' padded ', photo: ' https://example.com/p.png ' })
    expect(buildUpdateBody(d, draftFromDialog(d))).toBeNull()
    expect(buildUpdateBody(d, { ...draftFromDialog(d), name: 'padded' })).toBeNull()
    expect(buildUpdateBody(d, { ...draftFromDialog(d), name: 'renamed' })).toEqual({ name: 'renamed' })
  })

  it('member order and duplicates alone are not a change', () => {
    const { dialog, draft } = edit({ occupants_ids: [OCC2, OCC, OCC, ADMIN, OWNER], admin_ids: new Set([ADMIN]) })
    expect(buildUpdateBody(dialog, draft)).toBeNull()
  })

  it('surrounding spaces in name and photo are not a change', () => {
    const { dialog, draft } = edit({ name: '  Team ', photo: ' ' })
    expect(buildUpdateBody(dialog, draft)).toBeNull()
  })

  it('only the changed field is sent', () => {
    let e = edit({ name: 'New' })
    expect(buildUpdateBody(e.dialog, e.draft)).toEqual({ name: 'New' })
    e = edit({ photo: '68123' })
    expect(buildUpdateBody(e.dialog, e.draft)).toEqual({ photo: '68123' })
  })

  it('clearing the photo sends an empty string', () => {
    const { dialog, draft } = edit({ photo: '' }, makeDialog({ photo: '123' }))
    expect(buildUpdateBody(dialog, draft)).toEqual({ photo: '' })
  })

  it('is_join_required: group only, and null in the draft means untouched', () => {
    let e = edit({ is_join_required: 1 })
    expect(buildUpdateBody(e.dialog, e.draft)).toEqual({ is_join_required: 1 })
    e = edit({ is_join_required: null })
    expect(buildUpdateBody(e.dialog, e.draft)).toBeNull()
    e = edit({ is_join_required: 1 }, makeDialog({ type: 1 }))
    expect(buildUpdateBody(e.dialog, e.draft)).toBeNull()
  })

  it('owner change', () => {
    const { dialog, draft } = edit({ user_id: OCC })
    expect(buildUpdateBody(dialog, draft)).toEqual({ user_id: OCC })
  })

  it('members as push_all / pull_all of the difference, add and remove in one go', () => {
    const { dialog, draft } = edit({
      occupants_ids: [OWNER, ADMIN, OCC, 20, 21],
      admin_ids: [OCC],
    })
    expect(buildUpdateBody(dialog, draft)).toEqual({
      push_all: { occupants_ids: [20, 21], admin_ids: [OCC] },
      pull_all: { occupants_ids: [OCC2], admin_ids: [ADMIN] },
    })
  })

  it('group: removing an admin from the occupants does not also pull admin_ids', () => {
    const { dialog, draft } = edit({ occupants_ids: [OWNER, OCC, OCC2], admin_ids: [] })
    expect(buildUpdateBody(dialog, draft)).toEqual({ pull_all: { occupants_ids: [ADMIN] } })
  })

  it('public: admins are pulled even if pulled from occupants', () => {
    const d = makeDialog({ type: 1, occupants_ids: [ADMIN], admin_ids: [ADMIN] })
    const { draft } = edit({ occupants_ids: [], admin_ids: [] }, d)
    expect(buildUpdateBody(d, draft)).toEqual({ pull_all: { occupants_ids: [ADMIN], admin_ids: [ADMIN] } })
  })

  it('only additions: no pull_all key at all', () => {
    const { dialog, draft } = edit({ occupants_ids: [OWNER, ADMIN, OCC, OCC2, 20] })
    expect(buildUpdateBody(dialog, draft)).toEqual({ push_all: { occupants_ids: [20] } })
  })

  it('only removals: no push_all key at all', () => {
    const { dialog, draft } = edit({ admin_ids: [] })
    expect(buildUpdateBody(dialog, draft)).toEqual({ pull_all: { admin_ids: [ADMIN] } })
  })

  it('private: name, photo and admins are never sent; occupant changes are (to be refused)', () => {
    const d = makeDialog({ type: 3 })
    const { draft } = edit({ name: 'X', photo: '1', admin_ids: [OCC], occupants_ids: [OWNER, OCC, 30] }, d)
    expect(buildUpdateBody(d, draft)).toEqual({ push_all: { occupants_ids: [30] } })
  })

  describe('custom data', () => {
    const withData = makeDialog({ data: { class_name: 'CoolDialog', floor: '5', category: 'co-workers' } })

    it('a changed field sends the whole object with class_name', () => {
      const { draft } = edit({ data: { class_name: 'CoolDialog', floor: '6', category: 'co-workers' } }, withData)
      expect(buildUpdateBody(withData, draft)).toEqual({
        data: { class_name: 'CoolDialog', floor: '6', category: 'co-workers' },
      })
    })

    it('a dropped field is sent as null', () => {
      const { draft } = edit({ data: { class_name: 'CoolDialog', floor: '5' } }, withData)
      expect(buildUpdateBody(withData, draft)).toEqual({
        data: { class_name: 'CoolDialog', floor: '5', category: null },
      })
    })

    it('a new class does not null the old class fields', () => {
      const { draft } = edit({ data: { class_name: 'Other', x: '1' } }, withData)
      expect(buildUpdateBody(withData, draft)).toEqual({ data: { class_name: 'Other', x: '1' } })
    })

    it('removing all custom data nulls every field of the old class', () => {
      const { draft } = edit({ data: null }, withData)
      expect(buildUpdateBody(withData, draft)).toEqual({
        data: { class_name: 'CoolDialog', floor: null, category: null },
      })
    })

    it('adding custom data where there was none', () => {
      const { dialog, draft } = edit({ data: { class_name: 'C', a: '1' } })
      expect(buildUpdateBody(dialog, draft)).toEqual({ data: { class_name: 'C', a: '1' } })
    })

    it('key order does not matter', () => {
      expect(sameCustomData({ class_name: 'C', a: '1', b: '2' }, { b: '2', class_name: 'C', a: '1' })).toBe(true)
      expect(sameCustomData({ class_name: 'C', a: '1' }, { class_name: 'C', a: 1 })).toBe(false)
      expect(sameCustomData(undefined, null)).toBe(true)
      expect(sameCustomData({ class_name: 'C' }, null)).toBe(false)
      expect(sameCustomData({ class_name: 'C', gone: null }, { class_name: 'C' })).toBe(true)
    })

    it('a field already null on the server is not nulled again, nor seen as a change', () => {
      const d = makeDialog({ data: { class_name: 'C', a: '1', gone: null } })
      expect(buildUpdateBody(d, { ...draftFromDialog(d), data: { class_name: 'C', a: '1' } })).toBeNull()
      expect(buildUpdateBody(d, { ...draftFromDialog(d), data: { class_name: 'C', a: '2' } })).toEqual({
        data: { class_name: 'C', a: '2' },
      })
      expect(buildUpdateBody(d, { ...draftFromDialog(d), data: null })).toEqual({ data: { class_name: 'C', a: null } })
    })
  })
})

describe('applyUpdate', () => {
  it('round-trips a draft', () => {
    const d = makeDialog({ data: { class_name: 'C', a: '1', b: '2' } })
    const draft: DialogDraft = {
      ...draftFromDialog(d),
      name: 'N',
      photo: '9',
      is_join_required: 1,
      data: { class_name: 'C', a: '3' },
      occupants_ids: [OWNER, ADMIN, OCC, 20],
      admin_ids: [ADMIN, OCC],
    }
    const after = applyUpdate(d, buildUpdateBody(d, draft) ?? {})
    expect(after).toMatchObject({
      name: 'N',
      photo: '9',
      is_join_required: 1,
      data: { class_name: 'C', a: '3' },
      occupants_ids: [OWNER, ADMIN, OCC, 20],
      admin_ids: [ADMIN, OCC],
    })
    expect(buildUpdateBody(after, draft)).toBeNull()
  })

  it('group: someone removed from occupants stops being admin', () => {
    const after = applyUpdate(makeDialog(), { pull_all: { occupants_ids: [ADMIN] } })
    expect(after.occupants_ids).toEqual([OWNER, OCC, OCC2])
    expect(after.admin_ids).toEqual([])
  })

  it('adds new group admins to occupants and drops emptied custom data', () => {
    const d = makeDialog({ data: { class_name: 'C', a: '1' } })
    const after = applyUpdate(d, { push_all: { admin_ids: [50] }, data: { class_name: 'C', a: null } })
    expect(after.occupants_ids).toEqual([OWNER, ADMIN, OCC, OCC2, 50])
    expect(after.admin_ids).toEqual([ADMIN, 50])
    expect(after.data).toBeUndefined()
  })
})

describe('describeChanges', () => {
  it('unchanged: no lines', () => {
    const d = makeDialog()
    expect(describeChanges(d, draftFromDialog(d))).toEqual([])
    expect(describeUpdate(d, null)).toEqual([])
  })

  it('one line per change, names resolved', () => {
    const d = makeDialog({ name: 'A', photo: '1' })
    const draft: DialogDraft = {
      ...draftFromDialog(d),
      name: 'B',
      photo: '',
      is_join_required: 1,
      user_id: OCC,
      occupants_ids: [OWNER, ADMIN, OCC, 20, 21, 22],
      admin_ids: [OCC],
    }
    expect(describeChanges(d, draft, nameOf)).toEqual([
      "Name: 'A' → 'B'",
      "Photo: remove '1'",
      'Join required: off → on',
      'Owner: Olga → Cara',
      'Add 3 members: User 20, User 21, User 22',
      'Remove 1 member: Dan',
      'Add 1 admin: Cara',
      'Remove 1 admin: Adam',
    ])
  })

  it('photo set from none', () => {
    const d = makeDialog()
    expect(describeChanges(d, { ...draftFromDialog(d), photo: '7' })).toEqual(["Photo: (none) → '7'"])
  })

  it('custom data lines', () => {
    const d = makeDialog({ data: { class_name: 'C', a: '1', b: '2', c: '3' } })
    expect(describeChanges(d, { ...draftFromDialog(d), data: { class_name: 'C', a: '9', c: '3', n: 'x' } })).toEqual([
      "Custom data: a: '1' → '9'",
      "Custom data: n = 'x'",
      "Custom data: remove b (was '2')",
    ])
    expect(describeChanges(d, { ...draftFromDialog(d), data: null })).toEqual(["Custom data: remove all (class 'C')"])
    expect(describeChanges(d, { ...draftFromDialog(d), data: { class_name: 'D', z: '1' } })).toEqual([
      "Custom data: class 'C' → 'D'",
      "Custom data: z = '1'",
    ])
    const bare = makeDialog()
    expect(describeChanges(bare, { ...draftFromDialog(bare), data: { class_name: 'D', z: '1' } })).toEqual([
      "Custom data: set class 'D'",
      "Custom data: z = '1'",
    ])
  })
})

describe('conflicts', () => {
  it('nothing changed on the server', () => {
    const d = makeDialog()
    expect(conflicts(d, { ...d }, { ...draftFromDialog(d), name: 'X' })).toEqual({ changedOnServer: [], alsoInDraft: [] })
  })

  it('lists server changes and the ones the draft also touches', () => {
    const loaded = makeDialog()
    const current = makeDialog({
      name: 'Renamed elsewhere',
      occupants_ids: [OWNER, ADMIN, OCC],
      data: { class_name: 'C', a: '1' },
      updated_at: '2024-02-01T00:00:00Z',
    })
    const draft: DialogDraft = { ...draftFromDialog(loaded), name: 'Mine', admin_ids: [] }
    expect(conflicts(loaded, current, draft)).toEqual({
      changedOnServer: ['name', 'data', 'occupants_ids'],
      alsoInDraft: ['name'],
    })
  })

  it('member order on the server is not a change', () => {
    const loaded = makeDialog()
    const current = makeDialog({ occupants_ids: [...loaded.occupants_ids].reverse() })
    expect(changedFields(loaded, current)).toEqual([])
  })

  it('draftChangedFields lists fields in a fixed order', () => {
    const d = makeDialog()
    expect(draftChangedFields(d, { ...draftFromDialog(d), admin_ids: [], user_id: OCC, name: 'Z' })).toEqual([
      'name',
      'user_id',
      'admin_ids',
    ])
  })
})
