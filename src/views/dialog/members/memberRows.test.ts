import type { Dialog } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_OWNER, asUser, canAddAdmins, canRemoveAdmin, canRemoveOccupant, memberActions } from '@/domain'
import { makeDialog } from '@/test/fetch-mock'
import { bulkCheck, filterRows, MemberIndex, memberRows } from './memberRows'

const group = makeDialog({ user_id: 1, occupants_ids: [3, 1, 2, 4], admin_ids: [2] }) as Dialog

describe('memberRows', () => {
  it('lists the owner, then admins, then occupants, each once', () => {
    expect(memberRows(group)).toEqual([
      { id: 1, role: 'owner' },
      { id: 2, role: 'admin' },
      { id: 3, role: 'occupant' },
      { id: 4, role: 'occupant' },
    ])
  })

  it('shows only the owner and admins of a public dialog, and no admins in a private one', () => {
    expect(memberRows(makeDialog({ type: 1, user_id: 1, occupants_ids: [], admin_ids: [5] }) as Dialog).map(r => r.role)).toEqual(['owner', 'admin'])
    expect(memberRows(makeDialog({ type: 3, user_id: 1, occupants_ids: [1, 2], admin_ids: [2] }) as Dialog)).toEqual([{ id: 1, role: 'owner' }, { id: 2, role: 'occupant' }])
  })

  it('filters by ID or by the name and login text', () => {
    const rows = memberRows(group)
    const describe = (id: number) => `User ${id} user${id}`
    expect(filterRows(rows, '', describe)).toBe(rows)
    expect(filterRows(rows, ' 3 ', describe).map(r => r.id)).toEqual([3])
    expect(filterRows(rows, 'USER4', describe).map(r => r.id)).toEqual([4])
  })
})

describe('bulkCheck', () => {
  it('gives the same answers as the domain rules on the whole dialog', () => {
    const index = new MemberIndex(group)
    for (const actor of [ACCOUNT_OWNER, asUser(1), asUser(2), asUser(3), asUser(9)]) {
      for (const id of [1, 2, 3, 4]) {
        const whole = memberActions(actor, group, id)
        const slim = index.slim(actor, id)
        expect(canRemoveOccupant(actor, slim, id)).toEqual(whole.remove)
        expect(canRemoveAdmin(actor, slim, id)).toEqual(whole.removeAdmin)
        expect(canAddAdmins(actor, slim, [id])).toEqual(canAddAdmins(actor, group, [id]))
      }
    }
  })

  it('splits a selection and groups refusals by reason', () => {
    const result = bulkCheck(new MemberIndex(group), asUser(3), [1, 2, 3, 4], canRemoveOccupant)
    expect(result.allowed).toEqual([3])
    expect([...result.denied.values()].flat().sort()).toEqual([1, 2, 4])
    expect(result.denied.size).toBe(2)
  })

  it('checks 10,000 selected members in one linear pass', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => 100 + i)
    const big = makeDialog({ user_id: 100, occupants_ids: ids, admin_ids: [101] }) as Dialog
    const start = performance.now()
    const result = bulkCheck(new MemberIndex(big), asUser(101), ids, canRemoveOccupant)
    // Quadratic scans would take seconds; generous for a loaded CI machine.
    expect(performance.now() - start).toBeLessThan(2000)
    expect(result.allowed).toHaveLength(9_999)
  })
})
