import type { Message, UpdateDialogBody } from '@/api/types'
import { type Actor, type DialogAccess, type Role, roleIn, userRoleIn } from './actor'

/**
 * Permission rules from update-dialog.md (per dialog type), the admin role overview in
 * create-dialog.md and rest-contract.md §4.5/§5.6. Where the docs are silent the choice is
 * the stricter one, so the UI never offers something the server may refuse:
 * - Group name/photo: owner and admins only (the admin overview lists them as an admin's
 *   elevated rights; the group rules give plain occupants only custom data and members).
 * - Changing the owner: the account owner or the current owner; the new owner must already
 *   be in a group dialog; in a public dialog any user. Never in a private dialog (it is
 *   between two fixed people; the emulator refuses it too).
 * - Nobody, not even the account owner, removes the dialog's owner from its occupants:
 *   a dialog whose owner is not a member is a state QuickBlox does not describe.
 * - Public dialogs: "owner and admin can update it"; plain users can change nothing.
 * - "Delete for me", marking read/delivered and "delete message for me" need a user: the
 *   account owner has no chat history of its own.
 * - Private dialogs have no name and no photo of their own (create-dialog.md ignores the name
 *   and the docs' private recipes never set a photo).
 * - A sender who has left a group or private dialog can no longer edit or delete their
 *   messages there (the emulator refuses non-members before looking at the sender).
 * - checkUpdate() judges a body against the dialog as loaded: handing over ownership and
 *   removing the old owner are two saves.
 */

export interface Permission {
  allowed: boolean
  reason?: string
}

const YES: Permission = Object.freeze({ allowed: true })

function no(reason: string): Permission {
  return { allowed: false, reason }
}

const NEED_USER_HISTORY = 'The account owner has no chat history of its own. Act as a user to do this.'

function isPrivate(dialog: DialogAccess): boolean {
  return dialog.type === 3
}

function isPublic(dialog: DialogAccess): boolean {
  return dialog.type === 1
}

function ownerOrAdmin(role: Role): boolean {
  return role === 'account-owner' || role === 'owner' || role === 'admin'
}

function notMember(role: Role): Permission | null {
  return role === 'outsider' ? no('The acting user is not in this dialog.') : null
}

/** Whether the actor may rename the dialog. */
export function canRename(actor: Actor, dialog: DialogAccess): Permission {
  if (isPrivate(dialog)) return no('Private dialogs have no name.')
  const role = roleIn(dialog, actor)
  if (ownerOrAdmin(role)) return YES
  return no("Only the dialog's owner or an admin can rename this dialog.")
}

/** Whether the actor may change the dialog's photo. */
export function canChangePhoto(actor: Actor, dialog: DialogAccess): Permission {
  if (isPrivate(dialog)) return no('Private dialogs have no photo of their own.')
  const role = roleIn(dialog, actor)
  if (ownerOrAdmin(role)) return YES
  return no("Only the dialog's owner or an admin can change the photo.")
}

/** Whether the actor may change "join required" (group dialogs only). */
export function canChangeJoinRequired(actor: Actor, dialog: DialogAccess): Permission {
  if (dialog.type !== 2) return no('"Join required" only applies to group dialogs.')
  const role = roleIn(dialog, actor)
  if (role === 'account-owner' || role === 'owner') return YES
  return no('Only the account owner or the dialog\'s owner can change "Join required".')
}

/** Whether the actor may change the dialog's custom data. */
export function canEditCustomData(actor: Actor, dialog: DialogAccess): Permission {
  const role = roleIn(dialog, actor)
  if (role === 'account-owner') return YES
  if (isPublic(dialog)) {
    return ownerOrAdmin(role) ? YES : no("Only the dialog's owner or an admin can change a public dialog's custom data.")
  }
  return notMember(role) ?? YES
}

/** Whether the actor may hand the dialog to another owner (optionally: to this user). */
export function canChangeOwner(actor: Actor, dialog: DialogAccess, newOwnerId?: number): Permission {
  if (isPrivate(dialog)) return no("A private dialog's owner can't be changed.")
  const role = roleIn(dialog, actor)
  if (role !== 'account-owner' && role !== 'owner') {
    return no("Only the account owner or the dialog's current owner can change the owner.")
  }
  if (newOwnerId === undefined) return YES
  if (!Number.isSafeInteger(newOwnerId) || newOwnerId <= 0) return no('Pick a valid user as the new owner.')
  if (newOwnerId === dialog.user_id) return no('This user already owns the dialog.')
  if (dialog.type === 2 && !dialog.occupants_ids.includes(newOwnerId)) {
    return no('The new owner must already be in the dialog. Add them first.')
  }
  return YES
}

/** Whether the actor may add occupants (optionally: these user ids). */
export function canAddOccupants(actor: Actor, dialog: DialogAccess, userIds?: readonly number[]): Permission {
  if (isPrivate(dialog)) return no('A private dialog is always between the same two people. Create a group dialog instead.')
  const role = roleIn(dialog, actor)
  if (isPublic(dialog)) {
    if (!ownerOrAdmin(role)) return no("Only the dialog's owner or an admin can add people to a public dialog.")
  } else {
    const denied = notMember(role)
    if (denied) return denied
  }
  if (userIds && actor.kind === 'user' && role !== 'owner' && role !== 'admin' && userIds.includes(actor.userId)) {
    return no('Members can add other people, not themselves.')
  }
  return YES
}

/** Whether the actor may remove this user from the dialog's occupants. */
export function canRemoveOccupant(actor: Actor, dialog: DialogAccess, userId: number): Permission {
  if (isPrivate(dialog)) return no('Nobody can be removed from a private dialog.')
  if (userId === dialog.user_id) return no("The dialog's owner can't be removed. Change the owner first.")
  if (userRoleIn(dialog, userId) === 'outsider') return no('This user is not in the dialog.')
  const role = roleIn(dialog, actor)
  if (ownerOrAdmin(role)) return YES
  if (isPublic(dialog)) return no("Only the dialog's owner or an admin can remove people from a public dialog.")
  const denied = notMember(role)
  if (denied) return denied
  if (actor.kind === 'user' && actor.userId === userId) return YES
  return no("Members who are not admins can only remove themselves. Ask the dialog's owner or an admin.")
}

/** Whether the actor may make users admins (optionally: these user ids). */
export function canAddAdmins(actor: Actor, dialog: DialogAccess, userIds?: readonly number[]): Permission {
  if (isPrivate(dialog)) return no('Private dialogs have no admins.')
  const role = roleIn(dialog, actor)
  if (role !== 'account-owner' && role !== 'owner') return no("Only the dialog's owner can add admins.")
  if (userIds?.includes(dialog.user_id)) return no('The owner already has every right; they need not be an admin.')
  return YES
}

/** Whether the actor may take admin rights away from this user. */
export function canRemoveAdmin(actor: Actor, dialog: DialogAccess, userId: number): Permission {
  if (isPrivate(dialog)) return no('Private dialogs have no admins.')
  if (!dialog.admin_ids.includes(userId)) return no('This user is not an admin.')
  const role = roleIn(dialog, actor)
  if (role === 'account-owner' || role === 'owner') return YES
  if (role === 'admin' && actor.kind === 'user' && actor.userId === userId) return YES
  if (role === 'admin') return no("Admins can only remove themselves from the admins. Ask the dialog's owner.")
  return no("Only the dialog's owner can remove admins.")
}

/** Whether the actor may remove the dialog from their own list (DELETE without force). */
export function canDeleteForMe(actor: Actor, dialog: DialogAccess): Permission {
  const role = roleIn(dialog, actor)
  if (role === 'account-owner') return no(NEED_USER_HISTORY)
  if (isPublic(dialog)) return YES
  return notMember(role) ?? YES
}

/** Whether the actor may delete the dialog for everyone (DELETE with force=1). */
export function canDeleteForEveryone(actor: Actor, dialog: DialogAccess): Permission {
  const role = roleIn(dialog, actor)
  if (role === 'account-owner' || role === 'owner') return YES
  return no("Only the dialog's owner or the account owner can delete it for everyone.")
}

type MessageAuthor = Pick<Message, 'sender_id'>

function moderatesMessages(role: Role, dialog: DialogAccess): boolean {
  return role === 'account-owner' || role === 'owner' || (role === 'admin' && !isPrivate(dialog))
}

// Someone who left a group can no longer reach its messages, not even their own.
function senderStillIn(role: Role, dialog: DialogAccess): Permission {
  if (isPublic(dialog)) return YES
  return notMember(role) ?? YES
}

/** Whether the actor may change the text of this message. */
export function canEditMessage(actor: Actor, dialog: DialogAccess, message: MessageAuthor): Permission {
  const role = roleIn(dialog, actor)
  if (moderatesMessages(role, dialog)) return YES
  if (actor.kind === 'user' && actor.userId === message.sender_id) return senderStillIn(role, dialog)
  return no("Only the sender, the dialog's owner or an admin can edit this message.")
}

/** Whether the actor may delete this message, for everyone (force=1) or only from their own history. */
export function canDeleteMessage(
  actor: Actor,
  dialog: DialogAccess,
  message: MessageAuthor,
  options: { forEveryone: boolean },
): Permission {
  const role = roleIn(dialog, actor)
  if (!options.forEveryone) {
    if (role === 'account-owner') return no(NEED_USER_HISTORY)
    if (isPublic(dialog)) return YES
    return notMember(role) ?? YES
  }
  if (moderatesMessages(role, dialog)) return YES
  if (actor.kind === 'user' && actor.userId === message.sender_id) return senderStillIn(role, dialog)
  return no("Only the sender, the dialog's owner or an admin can delete this message for everyone.")
}

/** Whether the actor may mark messages as read or delivered (it is recorded per user). */
export function canMarkReadOrDelivered(actor: Actor, dialog: DialogAccess): Permission {
  const role = roleIn(dialog, actor)
  if (role === 'account-owner') return no('Read and delivered marks belong to a user. Act as a user to set them.')
  if (isPublic(dialog)) return YES
  return notMember(role) ?? YES
}

/** What the actor may do to one member, for the occupant/admin manager's row actions. */
export interface MemberActions {
  remove: Permission
  makeAdmin: Permission
  removeAdmin: Permission
  makeOwner: Permission
}

/** The per-member actions the actor may take on `userId` in the dialog. */
export function memberActions(actor: Actor, dialog: DialogAccess, userId: number): MemberActions {
  let makeAdmin = canAddAdmins(actor, dialog, [userId])
  if (makeAdmin.allowed && dialog.admin_ids.includes(userId)) makeAdmin = no('This user is already an admin.')
  return {
    remove: canRemoveOccupant(actor, dialog, userId),
    makeAdmin,
    removeAdmin: canRemoveAdmin(actor, dialog, userId),
    makeOwner: canChangeOwner(actor, dialog, userId),
  }
}

/** Messages split into those the actor may delete (or edit) and those refused, with reasons. */
export interface MessageSplit<M> {
  allowed: M[]
  denied: { message: M, reason: string }[]
}

/** Splits a selection of messages for a bulk delete (forEveryone) or bulk edit check. */
export function splitMessagesByPermission<M extends Pick<Message, 'sender_id'>>(
  actor: Actor,
  dialog: DialogAccess,
  messages: readonly M[],
  action: 'edit' | 'delete-for-everyone' | 'delete-for-me',
): MessageSplit<M> {
  const out: MessageSplit<M> = { allowed: [], denied: [] }
  for (const m of messages) {
    const p = action === 'edit'
      ? canEditMessage(actor, dialog, m)
      : canDeleteMessage(actor, dialog, m, { forEveryone: action === 'delete-for-everyone' })
    if (p.allowed) out.allowed.push(m)
    else out.denied.push({ message: m, reason: p.reason ?? '' })
  }
  return out
}

/** Every dialog-level permission at once, for enabling controls. */
export interface DialogPermissions {
  rename: Permission
  changePhoto: Permission
  changeJoinRequired: Permission
  editCustomData: Permission
  changeOwner: Permission
  addOccupants: Permission
  addAdmins: Permission
  deleteForMe: Permission
  deleteForEveryone: Permission
  markReadOrDelivered: Permission
}

/** All dialog-level permissions of the actor in the dialog. */
export function dialogPermissions(actor: Actor, dialog: DialogAccess): DialogPermissions {
  return {
    rename: canRename(actor, dialog),
    changePhoto: canChangePhoto(actor, dialog),
    changeJoinRequired: canChangeJoinRequired(actor, dialog),
    editCustomData: canEditCustomData(actor, dialog),
    changeOwner: canChangeOwner(actor, dialog),
    addOccupants: canAddOccupants(actor, dialog),
    addAdmins: canAddAdmins(actor, dialog),
    deleteForMe: canDeleteForMe(actor, dialog),
    deleteForEveryone: canDeleteForEveryone(actor, dialog),
    markReadOrDelivered: canMarkReadOrDelivered(actor, dialog),
  }
}

export type UpdateField =
  | 'name'
  | 'photo'
  | 'is_join_required'
  | 'data'
  | 'user_id'
  | 'push_all.occupants_ids'
  | 'pull_all.occupants_ids'
  | 'push_all.admin_ids'
  | 'pull_all.admin_ids'

export interface Violation {
  field: UpdateField
  reason: string
  /** The user the violation is about, for per-user list operations. */
  userId?: number
}

/** Every reason the actor may not send this update body, checked against the dialog as loaded. */
export function checkUpdate(actor: Actor, dialog: DialogAccess, body: UpdateDialogBody): Violation[] {
  const out: Violation[] = []
  const add = (field: UpdateField, p: Permission, userId?: number): void => {
    if (p.allowed) return
    out.push(userId === undefined ? { field, reason: p.reason ?? '' } : { field, reason: p.reason ?? '', userId })
  }
  if (body.name !== undefined) add('name', canRename(actor, dialog))
  if (body.photo !== undefined) add('photo', canChangePhoto(actor, dialog))
  if (body.is_join_required !== undefined) {
    const p = canChangeJoinRequired(actor, dialog)
    add('is_join_required', p)
    if (p.allowed && body.is_join_required !== 0 && body.is_join_required !== 1) {
      add('is_join_required', no('"Join required" must be 0 (off) or 1 (on).'))
    }
  }
  if (body.data !== undefined) add('data', canEditCustomData(actor, dialog))
  if (body.user_id !== undefined) add('user_id', canChangeOwner(actor, dialog, body.user_id))
  const pushOcc = body.push_all?.occupants_ids
  if (pushOcc?.length) {
    const p = canAddOccupants(actor, dialog, pushOcc)
    add('push_all.occupants_ids', p)
    if (p.allowed) {
      for (const id of pushOcc) {
        if (dialog.occupants_ids.includes(id)) add('push_all.occupants_ids', no('This user is already in the dialog.'), id)
      }
    }
  }
  for (const id of body.pull_all?.occupants_ids ?? []) add('pull_all.occupants_ids', canRemoveOccupant(actor, dialog, id), id)
  const pushAdm = body.push_all?.admin_ids
  if (pushAdm?.length) {
    const p = canAddAdmins(actor, dialog, pushAdm)
    add('push_all.admin_ids', p)
    if (p.allowed) {
      for (const id of pushAdm) {
        if (dialog.admin_ids.includes(id)) add('push_all.admin_ids', no('This user is already an admin.'), id)
      }
    }
  }
  for (const id of body.pull_all?.admin_ids ?? []) add('pull_all.admin_ids', canRemoveAdmin(actor, dialog, id), id)
  return out
}
