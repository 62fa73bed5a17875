import type { Dialog } from '@/api/types'

/**
 * Who a request acts as. `owner-account` is the API key with no On-Behalf-Of header:
 * QuickBlox treats it as the account owner with full permissions. `user` is the API key
 * with `On-Behalf-Of: userId`, which gets exactly that user's permissions.
 */
export type Actor = { kind: 'owner-account' } | { kind: 'user', userId: number }

/** The actor's standing in one dialog, strongest first. */
export type Role = 'account-owner' | 'owner' | 'admin' | 'occupant' | 'outsider'

/** The parts of a dialog that decide roles and permissions. */
export type DialogAccess = Pick<Dialog, 'type' | 'user_id' | 'occupants_ids' | 'admin_ids'>

/** The account owner (API key, no On-Behalf-Of). */
export const ACCOUNT_OWNER: Actor = Object.freeze({ kind: 'owner-account' })

/** An actor for acting on behalf of a user. */
export function asUser(userId: number): Actor {
  return { kind: 'user', userId }
}

/** The actor for a session's acting user id (null = the account owner). */
export function actorFromUserId(userId: number | null | undefined): Actor {
  return userId === null || userId === undefined ? ACCOUNT_OWNER : asUser(userId)
}

/** True for the API key acting without On-Behalf-Of. */
export function isAccountOwner(actor: Actor): actor is { kind: 'owner-account' } {
  return actor.kind === 'owner-account'
}

/** The acting user's id, or null for the account owner. */
export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null
}

/** The value for the On-Behalf-Of header, or undefined when none must be sent. */
export function onBehalfOfHeader(actor: Actor): string | undefined {
  return actor.kind === 'user' ? String(actor.userId) : undefined
}

/** Whether two actors are the same. */
export function sameActor(a: Actor, b: Actor): boolean {
  return a.kind === b.kind && actorUserId(a) === actorUserId(b)
}

/** Short label for the UI ("Account owner", "User 42"). */
export function actorLabel(actor: Actor, nameOf?: (userId: number) => string | null | undefined): string {
  if (actor.kind === 'owner-account') return 'Account owner'
  return nameOf?.(actor.userId) || `User ${actor.userId}`
}

/** The role of a user id in a dialog (no account-owner case). */
export function userRoleIn(dialog: DialogAccess, userId: number): Exclude<Role, 'account-owner'> {
  if (dialog.user_id === userId) return 'owner'
  // Admins are ignored in private dialogs (create-dialog.md, "Admin role overview").
  if (dialog.type !== 3 && dialog.admin_ids.includes(userId)) return 'admin'
  if (dialog.occupants_ids.includes(userId)) return 'occupant'
  return 'outsider'
}

/** The actor's role in a dialog. */
export function roleIn(dialog: DialogAccess, actor: Actor): Role {
  if (actor.kind === 'owner-account') return 'account-owner'
  return userRoleIn(dialog, actor.userId)
}

/** Whether the user is a member of the dialog (owner, admin or occupant). */
export function isMember(dialog: DialogAccess, userId: number): boolean {
  return userRoleIn(dialog, userId) !== 'outsider'
}
