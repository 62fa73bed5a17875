import { describe, expect, it } from 'vitest'
import type { Actor } from './actor'
import { ACCOUNT_OWNER, asUser } from './actor'
import {
  canAddAdmins,
  canAddOccupants,
  canChangeJoinRequired,
  canChangeOwner,
  canChangePhoto,
  canDeleteForEveryone,
  canDeleteForMe,
  canDeleteMessage,
  canEditCustomData,
  canEditMessage,
  canMarkReadOrDelivered,
  canRemoveAdmin,
  canRemoveOccupant,
  canRename,
  checkUpdate,
  dialogPermissions,
  memberActions,
  splitMessagesByPermission,
  type Permission,
} from './permissions'
import { ADMIN, makeDialog, OCC, OCC2, OUTSIDER, OWNER } from './testFixtures'

const group = makeDialog({ type: 2 })
const pub = makeDialog({ type: 1 })
const priv = makeDialog({ type: 3 })

const actors: Record<string, Actor> = {
  accountOwner: ACCOUNT_OWNER,
  owner: asUser(OWNER),
  admin: asUser(ADMIN),
  occupant: asUser(OCC),
  outsider: asUser(OUTSIDER),
}

type Row = Record<keyof typeof actors, boolean>

function allowedBy(check: (a: Actor) => Permission): Row {
  const out = {} as Row
  for (const [k, a] of Object.entries(actors)) out[k as keyof Row] = check(a).allowed
  return out
}

const Y = true
const N = false

describe('rename and photo', () => {
  it('group: owner and admins', () => {
    expect(allowedBy((a) => canRename(a, group))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(allowedBy((a) => canChangePhoto(a, group))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(canRename(asUser(OCC), group).reason).toBe("Only the dialog's owner or an admin can rename this dialog.")
  })

  it('public: owner and admins', () => {
    expect(allowedBy((a) => canRename(a, pub))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(allowedBy((a) => canChangePhoto(a, pub))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
  })

  it('private: nobody', () => {
    expect(allowedBy((a) => canRename(a, priv))).toEqual({ accountOwner: N, owner: N, admin: N, occupant: N, outsider: N })
    expect(canRename(ACCOUNT_OWNER, priv)).toEqual({ allowed: false, reason: 'Private dialogs have no name.' })
    expect(canChangePhoto(ACCOUNT_OWNER, priv)).toEqual({ allowed: false, reason: 'Private dialogs have no photo of their own.' })
  })
})

describe('is_join_required', () => {
  it('group: account owner and dialog owner only', () => {
    expect(allowedBy((a) => canChangeJoinRequired(a, group))).toEqual({ accountOwner: Y, owner: Y, admin: N, occupant: N, outsider: N })
    expect(canChangeJoinRequired(asUser(ADMIN), group).reason).toBe(
      'Only the account owner or the dialog\'s owner can change "Join required".',
    )
  })

  it('public and private: not applicable, even for the account owner', () => {
    for (const d of [pub, priv]) {
      expect(canChangeJoinRequired(ACCOUNT_OWNER, d)).toEqual({
        allowed: false,
        reason: '"Join required" only applies to group dialogs.',
      })
    }
  })
})

describe('custom data', () => {
  it('group: any occupant', () => {
    expect(allowedBy((a) => canEditCustomData(a, group))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: Y, outsider: N })
    expect(canEditCustomData(asUser(OUTSIDER), group).reason).toBe('The acting user is not in this dialog.')
  })

  it('private: any occupant', () => {
    expect(allowedBy((a) => canEditCustomData(a, priv))).toEqual({ accountOwner: Y, owner: Y, admin: N, occupant: Y, outsider: N })
  })

  it('public: owner and admins', () => {
    expect(allowedBy((a) => canEditCustomData(a, pub))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
  })
})

describe('change owner', () => {
  it('account owner and current owner only, group and public', () => {
    for (const d of [group, pub]) {
      expect(allowedBy((a) => canChangeOwner(a, d))).toEqual({ accountOwner: Y, owner: Y, admin: N, occupant: N, outsider: N })
    }
    expect(canChangeOwner(asUser(ADMIN), group).reason).toBe(
      "Only the account owner or the dialog's current owner can change the owner.",
    )
  })

  it('checks the new owner', () => {
    expect(canChangeOwner(ACCOUNT_OWNER, group, OCC)).toEqual({ allowed: true })
    expect(canChangeOwner(ACCOUNT_OWNER, group, OWNER).reason).toBe('This user already owns the dialog.')
    expect(canChangeOwner(ACCOUNT_OWNER, group, OUTSIDER).reason).toBe('The new owner must already be in the dialog. Add them first.')
    expect(canChangeOwner(ACCOUNT_OWNER, group, 0).reason).toBe('Pick a valid user as the new owner.')
    expect(canChangeOwner(ACCOUNT_OWNER, pub, OUTSIDER).allowed).toBe(true)
  })

  it('private: never', () => {
    expect(allowedBy((a) => canChangeOwner(a, priv, OCC))).toEqual({ accountOwner: N, owner: N, admin: N, occupant: N, outsider: N })
    expect(canChangeOwner(ACCOUNT_OWNER, priv).reason).toBe("A private dialog's owner can't be changed.")
  })
})

describe('add occupants', () => {
  it('group: any occupant adds others; outsiders cannot', () => {
    expect(allowedBy((a) => canAddOccupants(a, group, [OUTSIDER]))).toEqual({
      accountOwner: Y, owner: Y, admin: Y, occupant: Y, outsider: N,
    })
  })

  it('group: an outsider cannot add himself', () => {
    expect(canAddOccupants(asUser(OUTSIDER), group, [OUTSIDER]).allowed).toBe(false)
  })

  it('group: an occupant cannot add himself', () => {
    const d = makeDialog({ occupants_ids: [OWNER, OCC] })
    expect(canAddOccupants(asUser(OCC), d, [OCC, 20])).toEqual({
      allowed: false,
      reason: 'Members can add other people, not themselves.',
    })
  })

  it('public: owner and admins', () => {
    expect(allowedBy((a) => canAddOccupants(a, pub, [20]))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
  })

  it('private: nobody', () => {
    expect(allowedBy((a) => canAddOccupants(a, priv, [20]))).toEqual({ accountOwner: N, owner: N, admin: N, occupant: N, outsider: N })
    expect(canAddOccupants(ACCOUNT_OWNER, priv).reason).toBe(
      'A private dialog is always between the same two people. Create a group dialog instead.',
    )
  })
})

describe('remove an occupant', () => {
  it('group: owner and admins remove anyone but the owner', () => {
    expect(allowedBy((a) => canRemoveOccupant(a, group, OCC2))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(canRemoveOccupant(asUser(OCC), group, OCC2).reason).toBe(
      "Members who are not admins can only remove themselves. Ask the dialog's owner or an admin.",
    )
  })

  it('group: an occupant removes only himself', () => {
    expect(canRemoveOccupant(asUser(OCC), group, OCC)).toEqual({ allowed: true })
    expect(canRemoveOccupant(asUser(OCC), group, ADMIN).allowed).toBe(false)
  })

  it('group: an admin can remove himself and other admins from occupants', () => {
    const d = makeDialog({ admin_ids: [ADMIN, OCC] })
    expect(canRemoveOccupant(asUser(ADMIN), d, ADMIN).allowed).toBe(true)
    expect(canRemoveOccupant(asUser(ADMIN), d, OCC).allowed).toBe(true)
  })

  it('nobody removes the owner, not even the owner or the account owner', () => {
    expect(allowedBy((a) => canRemoveOccupant(a, group, OWNER))).toEqual({ accountOwner: N, owner: N, admin: N, occupant: N, outsider: N })
    expect(canRemoveOccupant(ACCOUNT_OWNER, group, OWNER).reason).toBe("The dialog's owner can't be removed. Change the owner first.")
  })

  it('a user not in the dialog cannot be removed', () => {
    expect(canRemoveOccupant(ACCOUNT_OWNER, group, OUTSIDER)).toEqual({ allowed: false, reason: 'This user is not in the dialog.' })
  })

  it('public: owner and admins only', () => {
    const d = makeDialog({ type: 1, occupants_ids: [OCC, OCC2] })
    expect(allowedBy((a) => canRemoveOccupant(a, d, OCC2))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(canRemoveOccupant(asUser(OCC), d, OCC).allowed).toBe(false)
  })

  it('private: nobody', () => {
    expect(allowedBy((a) => canRemoveOccupant(a, priv, OCC))).toEqual({ accountOwner: N, owner: N, admin: N, occupant: N, outsider: N })
    expect(canRemoveOccupant(asUser(OCC), priv, OCC).reason).toBe('Nobody can be removed from a private dialog.')
  })
})

describe('admins', () => {
  it('only the owner (or account owner) adds admins, group and public', () => {
    for (const d of [group, pub]) {
      expect(allowedBy((a) => canAddAdmins(a, d, [OCC]))).toEqual({ accountOwner: Y, owner: Y, admin: N, occupant: N, outsider: N })
    }
    expect(canAddAdmins(asUser(ADMIN), group).reason).toBe("Only the dialog's owner can add admins.")
  })

  it('the owner is not made an admin', () => {
    expect(canAddAdmins(ACCOUNT_OWNER, group, [OWNER]).allowed).toBe(false)
  })

  it('private dialogs have no admins', () => {
    expect(allowedBy((a) => canAddAdmins(a, priv, [OCC]))).toEqual({ accountOwner: N, owner: N, admin: N, occupant: N, outsider: N })
    expect(canRemoveAdmin(ACCOUNT_OWNER, priv, OCC).reason).toBe('Private dialogs have no admins.')
  })

  it('owner removes any admin; an admin only himself', () => {
    const d = makeDialog({ admin_ids: [ADMIN, OCC] })
    for (const x of [d, makeDialog({ type: 1, admin_ids: [ADMIN, OCC] })]) {
      expect(allowedBy((a) => canRemoveAdmin(a, x, OCC))).toEqual({ accountOwner: Y, owner: Y, admin: N, occupant: Y, outsider: N })
      expect(allowedBy((a) => canRemoveAdmin(a, x, ADMIN))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    }
    expect(canRemoveAdmin(asUser(ADMIN), d, OCC).reason).toBe(
      "Admins can only remove themselves from the admins. Ask the dialog's owner.",
    )
    expect(canRemoveAdmin(asUser(OCC2), d, ADMIN).reason).toBe("Only the dialog's owner can remove admins.")
  })

  it('removing someone who is not an admin', () => {
    expect(canRemoveAdmin(ACCOUNT_OWNER, group, OCC)).toEqual({ allowed: false, reason: 'This user is not an admin.' })
  })
})

describe('delete dialog', () => {
  it('for me: any member; the account owner has no list of its own', () => {
    expect(allowedBy((a) => canDeleteForMe(a, group))).toEqual({ accountOwner: N, owner: Y, admin: Y, occupant: Y, outsider: N })
    expect(allowedBy((a) => canDeleteForMe(a, priv))).toEqual({ accountOwner: N, owner: Y, admin: N, occupant: Y, outsider: N })
    expect(allowedBy((a) => canDeleteForMe(a, pub))).toEqual({ accountOwner: N, owner: Y, admin: Y, occupant: Y, outsider: Y })
    expect(canDeleteForMe(ACCOUNT_OWNER, group).reason).toBe(
      'The account owner has no chat history of its own. Act as a user to do this.',
    )
  })

  it('for everyone: owner or account owner', () => {
    for (const d of [group, pub, priv]) {
      expect(allowedBy((a) => canDeleteForEveryone(a, d))).toEqual({ accountOwner: Y, owner: Y, admin: N, occupant: N, outsider: N })
    }
    expect(canDeleteForEveryone(asUser(ADMIN), group).reason).toBe(
      "Only the dialog's owner or the account owner can delete it for everyone.",
    )
  })
})

describe('messages', () => {
  const byOcc2 = { sender_id: OCC2 }
  const byOcc = { sender_id: OCC }

  it('edit: account owner, owner and admins any message; others only their own', () => {
    expect(allowedBy((a) => canEditMessage(a, group, byOcc2))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(allowedBy((a) => canEditMessage(a, group, byOcc))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: Y, outsider: N })
    expect(allowedBy((a) => canEditMessage(a, pub, byOcc2))).toEqual({ accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N })
    expect(canEditMessage(asUser(OCC), group, byOcc2).reason).toBe(
      "Only the sender, the dialog's owner or an admin can edit this message.",
    )
  })

  it('a sender who left a group can no longer edit or delete his messages', () => {
    const mine = { sender_id: OUTSIDER }
    expect(canEditMessage(asUser(OUTSIDER), group, mine)).toEqual({ allowed: false, reason: 'The acting user is not in this dialog.' })
    expect(canDeleteMessage(asUser(OUTSIDER), group, mine, { forEveryone: true }).allowed).toBe(false)
    expect(canEditMessage(asUser(OUTSIDER), pub, mine).allowed).toBe(true)
  })

  it('edit in private: admins do not count', () => {
    const d = makeDialog({ type: 3, occupants_ids: [OWNER, OCC], admin_ids: [OCC] })
    expect(canEditMessage(asUser(OCC), d, { sender_id: OWNER }).allowed).toBe(false)
    expect(canEditMessage(asUser(OWNER), d, { sender_id: OCC }).allowed).toBe(true)
  })

  it('delete for everyone follows the edit rule', () => {
    expect(allowedBy((a) => canDeleteMessage(a, group, byOcc2, { forEveryone: true }))).toEqual({
      accountOwner: Y, owner: Y, admin: Y, occupant: N, outsider: N,
    })
    expect(canDeleteMessage(asUser(OCC), group, byOcc, { forEveryone: true }).allowed).toBe(true)
  })

  it('delete for me needs a member user', () => {
    expect(allowedBy((a) => canDeleteMessage(a, group, byOcc2, { forEveryone: false }))).toEqual({
      accountOwner: N, owner: Y, admin: Y, occupant: Y, outsider: N,
    })
  })

  it('mark read/delivered needs a user', () => {
    expect(allowedBy((a) => canMarkReadOrDelivered(a, group))).toEqual({ accountOwner: N, owner: Y, admin: Y, occupant: Y, outsider: N })
    expect(allowedBy((a) => canMarkReadOrDelivered(a, pub))).toEqual({ accountOwner: N, owner: Y, admin: Y, occupant: Y, outsider: Y })
    expect(canMarkReadOrDelivered(ACCOUNT_OWNER, group).reason).toBe(
      'Read and delivered marks belong to a user. Act as a user to set them.',
    )
  })
})

describe('memberActions', () => {
  const allowed = (x: ReturnType<typeof memberActions>): Record<string, boolean> =>
    Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v.allowed]))

  it('the owner looking at a plain occupant', () => {
    expect(allowed(memberActions(asUser(OWNER), group, OCC))).toEqual({ remove: Y, makeAdmin: Y, removeAdmin: N, makeOwner: Y })
  })

  it('the owner looking at an admin', () => {
    const a = memberActions(asUser(OWNER), group, ADMIN)
    expect(allowed(a)).toEqual({ remove: Y, makeAdmin: N, removeAdmin: Y, makeOwner: Y })
    expect(a.makeAdmin.reason).toBe('This user is already an admin.')
  })

  it('an admin looking at himself and at the owner', () => {
    expect(allowed(memberActions(asUser(ADMIN), group, ADMIN))).toEqual({ remove: Y, makeAdmin: N, removeAdmin: Y, makeOwner: N })
    expect(allowed(memberActions(asUser(ADMIN), group, OWNER))).toEqual({ remove: N, makeAdmin: N, removeAdmin: N, makeOwner: N })
  })

  it('an occupant looking at himself and at another', () => {
    expect(allowed(memberActions(asUser(OCC), group, OCC))).toEqual({ remove: Y, makeAdmin: N, removeAdmin: N, makeOwner: N })
    expect(allowed(memberActions(asUser(OCC), group, OCC2))).toEqual({ remove: N, makeAdmin: N, removeAdmin: N, makeOwner: N })
  })
})

describe('splitMessagesByPermission', () => {
  const msgs = [{ _id: 'a', sender_id: OCC }, { _id: 'b', sender_id: OCC2 }]

  it('an occupant may delete only his own for everyone', () => {
    expect(splitMessagesByPermission(asUser(OCC), group, msgs, 'delete-for-everyone')).toEqual({
      allowed: [msgs[0]],
      denied: [{ message: msgs[1], reason: "Only the sender, the dialog's owner or an admin can delete this message for everyone." }],
    })
  })

  it('an admin may edit all; the account owner may not delete for himself', () => {
    expect(splitMessagesByPermission(asUser(ADMIN), group, msgs, 'edit').allowed).toEqual(msgs)
    expect(splitMessagesByPermission(ACCOUNT_OWNER, group, msgs, 'delete-for-me').allowed).toEqual([])
  })
})

describe('dialogPermissions', () => {
  it('summarises an occupant of a group', () => {
    const p = dialogPermissions(asUser(OCC), group)
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.allowed]))).toEqual({
      rename: N,
      changePhoto: N,
      changeJoinRequired: N,
      editCustomData: Y,
      changeOwner: N,
      addOccupants: Y,
      addAdmins: N,
      deleteForMe: Y,
      deleteForEveryone: N,
      markReadOrDelivered: Y,
    })
  })
})

describe('checkUpdate', () => {
  it('an allowed body has no violations', () => {
    expect(checkUpdate(asUser(OWNER), group, {
      name: 'X',
      is_join_required: 1,
      push_all: { occupants_ids: [20], admin_ids: [OCC] },
      pull_all: { occupants_ids: [OCC2], admin_ids: [ADMIN] },
    })).toEqual([])
  })

  it('lists every violation of an occupant, per field and per user', () => {
    expect(checkUpdate(asUser(OCC), group, {
      name: 'X',
      photo: '1',
      is_join_required: 1,
      data: { class_name: 'C' },
      user_id: OCC,
      push_all: { occupants_ids: [20], admin_ids: [OCC2] },
      pull_all: { occupants_ids: [OCC, OCC2], admin_ids: [ADMIN] },
    })).toEqual([
      { field: 'name', reason: "Only the dialog's owner or an admin can rename this dialog." },
      { field: 'photo', reason: "Only the dialog's owner or an admin can change the photo." },
      { field: 'is_join_required', reason: 'Only the account owner or the dialog\'s owner can change "Join required".' },
      { field: 'user_id', reason: "Only the account owner or the dialog's current owner can change the owner." },
      {
        field: 'pull_all.occupants_ids',
        reason: "Members who are not admins can only remove themselves. Ask the dialog's owner or an admin.",
        userId: OCC2,
      },
      { field: 'push_all.admin_ids', reason: "Only the dialog's owner can add admins." },
      { field: 'pull_all.admin_ids', reason: "Only the dialog's owner can remove admins.", userId: ADMIN },
    ])
  })

  it('flags users already present and a bad is_join_required value', () => {
    expect(checkUpdate(ACCOUNT_OWNER, group, {
      is_join_required: 2 as 0,
      push_all: { occupants_ids: [OCC, 20], admin_ids: [ADMIN] },
    })).toEqual([
      { field: 'is_join_required', reason: '"Join required" must be 0 (off) or 1 (on).' },
      { field: 'push_all.occupants_ids', reason: 'This user is already in the dialog.', userId: OCC },
      { field: 'push_all.admin_ids', reason: 'This user is already an admin.', userId: ADMIN },
    ])
  })

  it('private dialog: custom data is the only thing an occupant may change', () => {
    expect(checkUpdate(asUser(OCC), priv, { data: { class_name: 'C', a: '1' } })).toEqual([])
    expect(checkUpdate(asUser(OCC), priv, { name: 'X', push_all: { occupants_ids: [20] } }).map((v) => v.field)).toEqual([
      'name',
      'push_all.occupants_ids',
    ])
  })

  it('an admin may step down and leave in one save', () => {
    expect(checkUpdate(asUser(ADMIN), group, {
      pull_all: { occupants_ids: [ADMIN], admin_ids: [ADMIN] },
    })).toEqual([])
  })

  it('an occupant may leave, but not take others along', () => {
    expect(checkUpdate(asUser(OCC), group, { pull_all: { occupants_ids: [OCC] } })).toEqual([])
    expect(checkUpdate(asUser(OCC), group, { pull_all: { occupants_ids: [OCC, OWNER] } })).toEqual([
      { field: 'pull_all.occupants_ids', reason: "The dialog's owner can't be removed. Change the owner first.", userId: OWNER },
    ])
  })

  it('public dialog: a plain user may change nothing', () => {
    expect(checkUpdate(asUser(OCC), pub, { name: 'X', data: { class_name: 'C' }, push_all: { occupants_ids: [20] } })).toEqual([
      { field: 'name', reason: "Only the dialog's owner or an admin can rename this dialog." },
      { field: 'data', reason: "Only the dialog's owner or an admin can change a public dialog's custom data." },
      { field: 'push_all.occupants_ids', reason: "Only the dialog's owner or an admin can add people to a public dialog." },
    ])
  })

  it('an empty body has nothing to check', () => {
    expect(checkUpdate(asUser(OUTSIDER), group, {})).toEqual([])
  })
})
