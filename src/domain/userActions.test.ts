import type { PlanDialog } from './userActions'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_OWNER, asUser } from './actor'
import { planDemotion, planMarks, planMessageDeletion, planRemoval, skipCounts } from './userActions'

const U = 2001

function dialog(id: string, overrides: Partial<PlanDialog> = {}): PlanDialog {
  return { _id: id, type: 2, user_id: 9, occupants_ids: [9, U, 3], admin_ids: [], ...overrides }
}

const dialogs: PlanDialog[] = [
  dialog('group'),
  dialog('admin-group', { admin_ids: [U] }),
  dialog('owned', { user_id: U }),
  dialog('private', { type: 3, occupants_ids: [U, 3], user_id: U }),
  dialog('public-read', { type: 1, occupants_ids: [] }),
  dialog('public-member', { type: 1, occupants_ids: [U] }),
]

describe('planRemoval', () => {
  it('as the account owner: every group they are in, owners and private dialogs skipped with reasons', () => {
    const plan = planRemoval(ACCOUNT_OWNER, dialogs, U)
    expect(plan.change).toEqual([
      { dialogId: 'group', wasAdmin: false },
      { dialogId: 'admin-group', wasAdmin: true },
      { dialogId: 'public-member', wasAdmin: false },
    ])
    expect(plan.skipped.map(s => [s.dialogId, s.reason])).toEqual([['owned', 'owner'], ['private', 'private']])
    expect(plan.untouched).toBe(1)
    expect(skipCounts([...plan.skipped, { dialogId: 'x', reason: 'owner', detail: '' }]).map(s => `${s.label} (${s.count})`)).toEqual(['they own the dialog (2)', 'private dialog (1)'])
  })

  it('as a plain occupant: not permitted, with the rule in words', () => {
    const plan = planRemoval(asUser(3), [dialog('group')], U)
    expect(plan.change).toEqual([])
    expect(plan.skipped).toEqual([{ dialogId: 'group', reason: 'not-permitted', detail: 'Members who are not admins can only remove themselves. Ask the dialog\'s owner or an admin.' }])
  })
})

describe('planDemotion', () => {
  it('only the dialogs where they are an admin; the rest is untouched', () => {
    expect(planDemotion(ACCOUNT_OWNER, dialogs, U)).toEqual({ action: 'demote', change: [{ dialogId: 'admin-group' }], skipped: [], untouched: 5 })
    const asOther = planDemotion(asUser(3), dialogs, U)
    expect(asOther.skipped.map(s => s.reason)).toEqual(['not-permitted'])
  })
})

describe('planMarks', () => {
  it('read: dialogs with something unread (or not known); delivered: every dialog they are in', () => {
    const unread = new Map([['group', 0], ['admin-group', 4], ['owned', 0]])
    const read = planMarks(dialogs, U, 'read', unread)
    expect(read.change.map(c => c.dialogId)).toEqual(['admin-group', 'private', 'public-member'])
    expect(read.untouched).toBe(3)
    const delivered = planMarks(dialogs, U, 'delivered', unread)
    expect(delivered.change.map(c => c.dialogId)).toEqual(['group', 'admin-group', 'owned', 'private', 'public-member'])
  })
})

describe('planMessageDeletion', () => {
  it('groups picked messages per dialog and skips dialogs where the actor may not delete them', () => {
    const byId = new Map(dialogs.map(d => [d._id, d]))
    const picked = [
      { id: 'm1', dialogId: 'group', senderId: U },
      { id: 'm2', dialogId: 'group', senderId: U },
      { id: 'm3', dialogId: 'owned', senderId: U },
      { id: 'm4', dialogId: 'gone', senderId: U },
    ]
    const asOwner = planMessageDeletion(ACCOUNT_OWNER, byId, picked)
    expect(asOwner.change).toEqual([{ dialogId: 'group', messageIds: ['m1', 'm2'] }, { dialogId: 'owned', messageIds: ['m3'] }])
    expect(asOwner.skipped.map(s => [s.dialogId, s.reason])).toEqual([['gone', 'not-member']])
    const asOccupant = planMessageDeletion(asUser(3), byId, picked.slice(0, 3))
    expect(asOccupant.change).toEqual([])
    expect(asOccupant.skipped.map(s => s.reason)).toEqual(['not-permitted', 'not-permitted'])
  })
})
