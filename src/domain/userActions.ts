import type { Actor, DialogAccess } from './actor'
import type { Dialog } from '@/api/types'
import { userRoleIn } from './actor'
import { canDeleteMessage, canRemoveAdmin, canRemoveOccupant } from './permissions'

/**
 * The dry runs of the user page's actions across dialogs: which dialogs an action will change,
 * which it skips and why (owner, private dialog, not permitted…), before anything is sent.
 */
export type CrossDialogAction = 'remove' | 'demote' | 'mark-read' | 'mark-delivered' | 'delete-messages'

export type SkipReason = 'owner' | 'private' | 'not-member' | 'not-permitted'

export const SKIP_LABEL: Record<SkipReason, string> = {
  'owner': 'they own the dialog',
  'private': 'private dialog',
  'not-member': 'not on its member list',
  'not-permitted': 'not permitted for the acting user',
}

export type PlanDialog = DialogAccess & Pick<Dialog, '_id'>

export interface PlannedChange {
  dialogId: string
  /** Removal: they were an admin there too (Undo gives the role back). */
  wasAdmin?: boolean
  /** Message deletion: the IDs to delete in this dialog. */
  messageIds?: string[]
}

export interface PlannedSkip {
  dialogId: string
  reason: SkipReason
  /** The rule in plain words (from the permission rules). */
  detail: string
}

export interface ActionPlan {
  action: CrossDialogAction
  change: PlannedChange[]
  skipped: PlannedSkip[]
  /** Dialogs where there is nothing to do (not an admin there, nothing unread). */
  untouched: number
}

function skip(dialog: PlanDialog, reason: SkipReason, detail: string): PlannedSkip {
  return { dialogId: dialog._id, reason, detail }
}

/** Removing `userId` from every group dialog of `dialogs` (one `pull_all` each). */
export function planRemoval(actor: Actor, dialogs: readonly PlanDialog[], userId: number): ActionPlan {
  const plan: ActionPlan = { action: 'remove', change: [], skipped: [], untouched: 0 }
  for (const d of dialogs) {
    if (d.type === 3) {
      plan.skipped.push(skip(d, 'private', 'Nobody can be removed from a private dialog.'))
      continue
    }
    if (d.user_id === userId) {
      plan.skipped.push(skip(d, 'owner', 'They own this dialog; the owner can\'t be removed. Change the owner first.'))
      continue
    }
    if (!d.occupants_ids.includes(userId)) {
      // A public dialog they only read: there is nothing to remove them from.
      if (d.type === 1)
        plan.untouched++
      else
        plan.skipped.push(skip(d, 'not-member', 'They are not in this dialog.'))
      continue
    }
    const allowed = canRemoveOccupant(actor, d, userId)
    if (!allowed.allowed)
      plan.skipped.push(skip(d, 'not-permitted', allowed.reason ?? 'Not permitted.'))
    else
      plan.change.push({ dialogId: d._id, wasAdmin: d.admin_ids.includes(userId) })
  }
  return plan
}

/** Taking admin rights from `userId` in every dialog where they have them (one `pull_all` each). */
export function planDemotion(actor: Actor, dialogs: readonly PlanDialog[], userId: number): ActionPlan {
  const plan: ActionPlan = { action: 'demote', change: [], skipped: [], untouched: 0 }
  for (const d of dialogs) {
    if (userRoleIn(d, userId) !== 'admin') {
      plan.untouched++
      continue
    }
    const allowed = canRemoveAdmin(actor, d, userId)
    if (!allowed.allowed)
      plan.skipped.push(skip(d, 'not-permitted', allowed.reason ?? 'Not permitted.'))
    else
      plan.change.push({ dialogId: d._id })
  }
  return plan
}

/**
 * Marking every message of their dialogs read (or delivered) for them. A read mark changes
 * only dialogs with something unread (`unread`: their counts; a dialog missing from it is
 * marked, to be sure). Marks are theirs, so the request acts as them.
 */
export function planMarks(dialogs: readonly PlanDialog[], userId: number, mark: 'read' | 'delivered', unread: ReadonlyMap<string, number>): ActionPlan {
  const plan: ActionPlan = { action: mark === 'read' ? 'mark-read' : 'mark-delivered', change: [], skipped: [], untouched: 0 }
  for (const d of dialogs) {
    if (!d.occupants_ids.includes(userId)) {
      // A public dialog they only read holds nothing of theirs to mark.
      if (d.type === 1)
        plan.untouched++
      else
        plan.skipped.push(skip(d, 'not-member', 'They are not in this dialog.'))
      continue
    }
    if (mark === 'read' && (unread.get(d._id) ?? 1) === 0) {
      plan.untouched++
      continue
    }
    plan.change.push({ dialogId: d._id })
  }
  return plan
}

/** A message picked for deletion: enough to judge who may delete it. */
export interface PickedMessage {
  id: string
  dialogId: string
  senderId: number
}

/** Deleting picked messages for everyone, grouped per dialog (each group chunked as the Messages tab does). */
export function planMessageDeletion(actor: Actor, dialogs: ReadonlyMap<string, PlanDialog>, messages: readonly PickedMessage[]): ActionPlan {
  const plan: ActionPlan = { action: 'delete-messages', change: [], skipped: [], untouched: 0 }
  const groups = new Map<string, PickedMessage[]>()
  for (const m of messages)
    groups.set(m.dialogId, [...(groups.get(m.dialogId) ?? []), m])
  for (const [dialogId, picked] of groups) {
    const dialog = dialogs.get(dialogId)
    if (!dialog) {
      plan.skipped.push({ dialogId, reason: 'not-member', detail: 'The dialog is no longer in their list.' })
      continue
    }
    const allowed = picked.filter(m => canDeleteMessage(actor, dialog, { sender_id: m.senderId }, { forEveryone: true }).allowed)
    if (!allowed.length) {
      const why = canDeleteMessage(actor, dialog, { sender_id: picked[0]!.senderId }, { forEveryone: true })
      plan.skipped.push(skip(dialog, 'not-permitted', why.reason ?? 'Not permitted.'))
      continue
    }
    plan.change.push({ dialogId, messageIds: allowed.map(m => m.id) })
  }
  return plan
}

/** How many were skipped for each reason, most first: "they own the dialog (3), private dialog (1)". */
export function skipCounts(skipped: readonly PlannedSkip[]): { reason: SkipReason, label: string, count: number }[] {
  const counts = new Map<SkipReason, number>()
  for (const s of skipped)
    counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || SKIP_LABEL[a[0]].localeCompare(SKIP_LABEL[b[0]])).map(([reason, count]) => ({ reason, label: SKIP_LABEL[reason], count }))
}
