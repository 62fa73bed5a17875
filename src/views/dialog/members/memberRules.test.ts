import type { Dialog } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_OWNER, asUser } from '@/domain'
import { makeDialog } from '@/test/fetch-mock'
import { memberRules, plural } from './memberRules'

const group = makeDialog({ type: 2, user_id: 1, occupants_ids: [1, 2, 3], admin_ids: [2] }) as Dialog

describe('memberRules', () => {
  it('the owner and the account owner may do everything', () => {
    for (const actor of [ACCOUNT_OWNER, asUser(1)]) {
      const r = memberRules(actor, group)
      expect([r.add.allowed, r.remove.allowed, r.admins.allowed]).toEqual([true, true, true])
      expect(r.admins.text).toBe('You can make members admins and take the admin role away.')
    }
  })

  it('an admin removes others and only gives up their own role; an occupant removes only themselves', () => {
    expect(memberRules(asUser(2), group).admins.text).toMatch(/only give up your own admin role/)
    const occupant = memberRules(asUser(3), group)
    expect(occupant.add.text).toBe('You can add other people (not yourself).')
    expect(occupant.remove.text).toMatch(/^You can remove only yourself/)
    expect(occupant.admins.allowed).toBe(false)
  })

  it('an outsider, a public and a private dialog', () => {
    expect(memberRules(asUser(9), group).remove).toEqual({ allowed: false, text: 'The acting user is not in this dialog.' })
    const pub = makeDialog({ type: 1, user_id: 1, occupants_ids: [], admin_ids: [] }) as Dialog
    expect(memberRules(ACCOUNT_OWNER, pub).add.text).toBe('You can add admins.')
    const priv = makeDialog({ type: 3, user_id: 1, occupants_ids: [1, 2], admin_ids: [] }) as Dialog
    const r = memberRules(asUser(1), priv)
    expect([r.add.allowed, r.remove.allowed, r.admins.allowed]).toEqual([false, false, false])
  })
})

describe('plural', () => {
  it('counts with separators', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person')
    expect(plural(1234, 'person', 'people')).toBe('1,234 people')
  })
})
