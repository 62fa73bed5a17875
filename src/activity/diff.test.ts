import { describe, expect, it } from 'vitest'
import { entryDiff, isEmptyDiff, valueText } from './diff'

const dialog = {
  _id: 'd1',
  name: 'Support',
  photo: null,
  type: 2,
  occupants_ids: [1001, 1002, 1003],
  admin_ids: [1001],
  data: { class_name: 'Settings', color: 'red', level: 1 },
  updated_at: '2026-11-22T10:00:00Z',
  last_message: 'hi',
}

describe('activity diff', () => {
  it('shows only changed fields, ID lists as added and removed, custom data key by key', () => {
    const after = { ...dialog, name: 'Help desk', occupants_ids: [1001, 1003, 1004, 1005], admin_ids: [1001], data: { class_name: 'Settings', color: 'blue', size: 'L', level: 1 }, updated_at: '2026-11-22T11:00:00Z', last_message: 'later' }
    const diff = entryDiff(dialog, after)!
    expect(diff.mode).toBe('changed')
    expect(diff.fields).toEqual([{ key: 'name', label: 'Name', before: 'Support', after: 'Help desk' }])
    expect(diff.lists).toEqual([{ key: 'occupants_ids', label: 'Members', added: [1004, 1005], removed: [1002], kept: 2 }])
    expect(diff.data).toEqual([
      { key: 'color', label: 'color', before: 'red', after: 'blue' },
      { key: 'size', label: 'size', before: undefined, after: 'L' },
    ])
  })

  it('a snapshot of a few fields compares only those; only bookkeeping changed is an empty diff', () => {
    expect(entryDiff({ admin_ids: [1] }, { ...dialog, admin_ids: [1, 2] })!.lists).toEqual([{ key: 'admin_ids', label: 'Admins', added: [2], removed: [], kept: 1 }])
    expect(isEmptyDiff(entryDiff(dialog, { ...dialog, updated_at: 'later' })!)).toBe(true)
  })

  it('a creation lists what was created; a deletion what was there', () => {
    const created = entryDiff(undefined, { name: 'Team', occupants_ids: [1, 2] })!
    expect(created.mode).toBe('after-only')
    expect(created.fields).toEqual([{ key: 'name', label: 'Name', before: undefined, after: 'Team' }])
    expect(created.lists).toEqual([{ key: 'occupants_ids', label: 'Members', added: [1, 2], removed: [], kept: 0 }])
    const deleted = entryDiff({ message: 'bye' }, undefined)!
    expect(deleted).toMatchObject({ mode: 'before-only', fields: [{ key: 'message', label: 'Text', before: 'bye' }] })
  })

  it('has nothing to say about lists of records or bare values', () => {
    expect(entryDiff([dialog], undefined)).toBeNull()
    expect(entryDiff('x', 'y')).toBeNull()
    expect(entryDiff(undefined, undefined)).toBeNull()
  })

  it('writes values as plain text', () => {
    expect([valueText(null), valueText(''), valueText(true), valueText(3), valueText('a'), valueText({ a: 1 })]).toEqual(['—', '(empty)', 'yes', '3', 'a', '{"a":1}'])
    expect(valueText(null, 'actingUserId')).toBe('Account owner (API key)')
    expect([valueText(['m3', 'm4']), valueText([])]).toEqual(['m3, m4', 'none'])
  })
})
