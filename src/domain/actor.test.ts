import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_OWNER,
  actorFromUserId,
  actorLabel,
  actorUserId,
  asUser,
  isAccountOwner,
  isMember,
  onBehalfOfHeader,
  roleIn,
  sameActor,
} from './actor'
import { ADMIN, makeDialog, OCC, OUTSIDER, OWNER } from './testFixtures'

describe('actor', () => {
  it('tells the account owner from a user', () => {
    expect(isAccountOwner(ACCOUNT_OWNER)).toBe(true)
    expect(isAccountOwner(asUser(5))).toBe(false)
    expect(actorUserId(ACCOUNT_OWNER)).toBeNull()
    expect(actorUserId(asUser(5))).toBe(5)
  })

  it('maps a session acting user id to an actor', () => {
    expect(actorFromUserId(null)).toEqual({ kind: 'owner-account' })
    expect(actorFromUserId(undefined)).toEqual({ kind: 'owner-account' })
    expect(actorFromUserId(12)).toEqual({ kind: 'user', userId: 12 })
  })

  it('sends On-Behalf-Of only for a user', () => {
    expect(onBehalfOfHeader(ACCOUNT_OWNER)).toBeUndefined()
    expect(onBehalfOfHeader(asUser(42))).toBe('42')
  })

  it('compares actors', () => {
    expect(sameActor(asUser(1), asUser(1))).toBe(true)
    expect(sameActor(asUser(1), asUser(2))).toBe(false)
    expect(sameActor(ACCOUNT_OWNER, { kind: 'owner-account' })).toBe(true)
    expect(sameActor(ACCOUNT_OWNER, asUser(1))).toBe(false)
  })

  it('labels actors', () => {
    expect(actorLabel(ACCOUNT_OWNER)).toBe('Account owner')
    expect(actorLabel(asUser(7))).toBe('User 7')
    expect(actorLabel(asUser(7), () => 'Ann')).toBe('Ann')
    expect(actorLabel(asUser(7), () => null)).toBe('User 7')
  })

  describe('roleIn', () => {
    it('group dialog', () => {
      const d = makeDialog()
      expect(roleIn(d, ACCOUNT_OWNER)).toBe('account-owner')
      expect(roleIn(d, asUser(OWNER))).toBe('owner')
      expect(roleIn(d, asUser(ADMIN))).toBe('admin')
      expect(roleIn(d, asUser(OCC))).toBe('occupant')
      expect(roleIn(d, asUser(OUTSIDER))).toBe('outsider')
    })

    it('owner wins over admin when listed as both', () => {
      expect(roleIn(makeDialog({ admin_ids: [OWNER] }), asUser(OWNER))).toBe('owner')
    })

    it('admins do not count in private dialogs', () => {
      const d = makeDialog({ type: 3, occupants_ids: [OWNER, OCC], admin_ids: [OCC] })
      expect(roleIn(d, asUser(OCC))).toBe('occupant')
    })

    it('public dialog: admin listed only in admin_ids is an admin, others outsiders', () => {
      const d = makeDialog({ type: 1 })
      expect(roleIn(d, asUser(ADMIN))).toBe('admin')
      expect(roleIn(d, asUser(OCC))).toBe('outsider')
    })
  })

  it('isMember', () => {
    const d = makeDialog()
    expect(isMember(d, OWNER)).toBe(true)
    expect(isMember(d, OCC)).toBe(true)
    expect(isMember(d, OUTSIDER)).toBe(false)
  })
})
