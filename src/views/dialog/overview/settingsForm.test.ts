import type { Dialog } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { buildUpdateBody } from '@/domain'
import { makeDialog } from '@/test/fetch-mock'
import { formFrom, rebaseForm, toDraft, undoBody } from './settingsForm'

const dialog = (o: Record<string, unknown> = {}) => makeDialog(o) as Dialog

describe('settings form', () => {
  it('an untouched form sends nothing, also for a group stored without "join required"', () => {
    for (const d of [dialog(), dialog({ is_join_required: null }), dialog({ type: 3, name: 'Bob', is_join_required: null }), dialog({ data: { class_name: 'C', a: '1' } })])
      expect(buildUpdateBody(d, toDraft(formFrom(d), d))).toBeNull()
  })

  it('sends only the changed fields', () => {
    const d = dialog({ is_join_required: null, data: { class_name: 'C', a: '1', b: '2' } })
    const form = formFrom(d)
    form.name = 'New'
    form.joinRequired = true
    form.data!.fields = form.data!.fields.filter(f => f.name !== 'b')
    expect(buildUpdateBody(d, toDraft(form, d))).toEqual({ name: 'New', is_join_required: 1, data: { class_name: 'C', a: '1', b: null } })
  })

  it('never sends "join required" for public or private dialogs', () => {
    const d = dialog({ type: 1, is_join_required: null })
    const form = formFrom(d)
    form.joinRequired = true
    expect(buildUpdateBody(d, toDraft(form, d))).toBeNull()
  })

  it('rebasing keeps what the person changed and takes the rest from the newer version', () => {
    const old = dialog({ name: 'A', photo: null })
    const fresh = dialog({ name: 'B', photo: '555', updated_at: '2024-02-01T00:00:00Z' })
    const form = formFrom(old)
    form.name = 'Mine'
    const next = rebaseForm(form, old, fresh)
    expect(next).toMatchObject({ name: 'Mine', photo: '555' })
    expect(buildUpdateBody(fresh, toDraft(next, fresh))).toEqual({ name: 'Mine' })
  })

  it('rebasing a change that the server already has leaves nothing to send', () => {
    const old = dialog({ name: 'A' })
    const fresh = dialog({ name: 'Same' })
    const form = formFrom(old)
    form.name = 'Same'
    expect(buildUpdateBody(fresh, toDraft(rebaseForm(form, old, fresh), fresh))).toBeNull()
  })
})

describe('undoBody', () => {
  it('puts back a rename, a photo, the join flag and custom data, fields added since removed', () => {
    const before = dialog({ name: 'Old', photo: '', is_join_required: 0, data: { class_name: 'C', a: '1', b: '2' } })
    const after = dialog({ name: 'New', photo: '555', is_join_required: 1, data: { class_name: 'C', a: '9', c: '3' } })
    expect(undoBody(before, after)).toEqual({ name: 'Old', photo: '', is_join_required: 0, data: { class_name: 'C', a: '1', b: '2', c: null } })
  })

  it('puts back the owner, and nothing when nothing differs', () => {
    expect(undoBody(dialog({ user_id: 1001 }), dialog({ user_id: 1003 }))).toEqual({ user_id: 1001 })
    expect(undoBody(dialog(), dialog())).toBeNull()
  })
})
