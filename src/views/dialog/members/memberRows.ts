import type { Dialog } from '@/api/types'
import type { Actor, DialogAccess, Permission } from '@/domain'

export type MemberRole = 'owner' | 'admin' | 'occupant'

/** What every row of the Members table shares; a new object whenever any part changes. */
export interface MemberRowContext {
  actor: Actor
  index: MemberIndex
  isPrivate: boolean
  isPublic: boolean
  busy: boolean
  now: number
}

/** An action a row offers for its member. */
export type MemberAction = 'promote' | 'demote' | 'remove'

/** One row of the Members table. */
export interface MemberRow {
  id: number
  role: MemberRole
}

/**
 * The rows to show: owner, then admins, then the other occupants in the dialog's order.
 * Public dialogs have no occupant list, so only the owner and admins; private dialogs ignore
 * admins (create-dialog.md, admin role overview).
 */
export function memberRows(dialog: Dialog): MemberRow[] {
  const rows: MemberRow[] = []
  const seen = new Set<number>()
  const add = (id: number, role: MemberRole) => {
    if (seen.has(id))
      return
    seen.add(id)
    rows.push({ id, role })
  }
  if (dialog.type !== 3 || dialog.occupants_ids.includes(dialog.user_id))
    add(dialog.user_id, 'owner')
  if (dialog.type !== 3)
    dialog.admin_ids.forEach(id => add(id, 'admin'))
  dialog.occupants_ids.forEach(id => add(id, 'occupant'))
  return rows
}

/** Rows whose name, login or ID contains the text (case-insensitive). */
export function filterRows(rows: readonly MemberRow[], text: string, describe: (id: number) => string): readonly MemberRow[] {
  const term = text.trim().toLowerCase()
  if (!term)
    return rows
  return rows.filter(row => String(row.id).includes(term) || describe(row.id).toLowerCase().includes(term))
}

/** Fast membership questions about one dialog (Sets instead of array scans). */
export class MemberIndex {
  readonly occupants: Set<number>
  readonly admins: Set<number>
  constructor(readonly dialog: Dialog) {
    this.occupants = new Set(dialog.occupants_ids)
    this.admins = new Set(dialog.admin_ids)
  }

  /**
   * The dialog cut down to the owner, the actor and one target: every permission rule looks
   * only at those three, so the domain's answers stay the same while a check of 10,000
   * selected members stays linear.
   */
  slim(actor: Actor, target: number): DialogAccess {
    const people = new Set([this.dialog.user_id, target])
    if (actor.kind === 'user')
      people.add(actor.userId)
    const list = [...people]
    return {
      type: this.dialog.type,
      user_id: this.dialog.user_id,
      occupants_ids: list.filter(id => this.occupants.has(id)),
      admin_ids: list.filter(id => this.admins.has(id)),
    }
  }
}

export interface BulkCheck {
  allowed: number[]
  /** Refused IDs grouped by reason, in order of first appearance. */
  denied: Map<string, number[]>
}

/** Splits IDs into those the rule allows and those refused, with the reasons. */
export function bulkCheck(
  index: MemberIndex,
  actor: Actor,
  ids: Iterable<number>,
  rule: (actor: Actor, dialog: DialogAccess, id: number) => Permission,
): BulkCheck {
  const out: BulkCheck = { allowed: [], denied: new Map() }
  for (const id of ids) {
    const p = rule(actor, index.slim(actor, id), id)
    if (p.allowed) {
      out.allowed.push(id)
      continue
    }
    const reason = p.reason ?? 'Not allowed.'
    const list = out.denied.get(reason)
    if (list)
      list.push(id)
    else
      out.denied.set(reason, [id])
  }
  return out
}
