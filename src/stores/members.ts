import type { ActivityAction } from '@/activity/types'
import type { Dialog, UpdateDialogBody } from '@/api/types'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { useActivityStore } from './activity'
import { useDialogsStore } from './dialogs'
import { useUsersStore } from './users'

/** One change of a dialog's members, as the Members tab asks for it. */
export type MemberChange =
  | { kind: 'add-occupants', ids: readonly number[] }
  | { kind: 'remove-occupants', ids: readonly number[] }
  | { kind: 'add-admins', ids: readonly number[] }
  | { kind: 'remove-admins', ids: readonly number[] }
  /** Undo of a removal: the people back in, and their admin role when `admins` is given. */
  | { kind: 'restore', ids: readonly number[], admins: readonly number[] }

const ACTIONS: Record<MemberChange['kind'], ActivityAction> = {
  'add-occupants': 'dialog.occupants.add',
  'remove-occupants': 'dialog.occupants.remove',
  'add-admins': 'dialog.admins.add',
  'remove-admins': 'dialog.admins.remove',
  'restore': 'dialog.occupants.add',
}

function unique(ids: Iterable<number>): number[] {
  return [...new Set(ids)]
}

/**
 * The smallest update body for a member change: push_all/pull_all of the difference only
 * (people already in are not pushed, people not in are not pulled, the owner is never pulled
 * nor made admin), or null when nothing would change. Sets keep it linear for 10,000 members.
 */
export function memberChangeBody(dialog: Dialog, change: MemberChange): UpdateDialogBody | null {
  const occupants = new Set(dialog.occupants_ids)
  const admins = new Set(dialog.admin_ids)
  const ids = unique(change.ids)
  switch (change.kind) {
    case 'add-occupants': {
      const push = ids.filter(id => !occupants.has(id))
      return push.length ? { push_all: { occupants_ids: push } } : null
    }
    case 'remove-occupants': {
      // In a group, leaving the occupants ends the admin role too: admin_ids is not pulled
      // as well (that would need the owner's right for nothing), as dialogDiff does.
      const pull = ids.filter(id => occupants.has(id) && id !== dialog.user_id)
      return pull.length ? { pull_all: { occupants_ids: pull } } : null
    }
    case 'add-admins': {
      const push = ids.filter(id => !admins.has(id) && id !== dialog.user_id)
      return push.length ? { push_all: { admin_ids: push } } : null
    }
    case 'remove-admins': {
      const pull = ids.filter(id => admins.has(id))
      return pull.length ? { pull_all: { admin_ids: pull } } : null
    }
    case 'restore': {
      const push = ids.filter(id => !occupants.has(id))
      const pushAdmins = unique(change.admins).filter(id => !admins.has(id) && id !== dialog.user_id)
      if (!push.length && !pushAdmins.length)
        return null
      const body: UpdateDialogBody = { push_all: {} }
      if (push.length)
        body.push_all!.occupants_ids = push
      if (pushAdmins.length)
        body.push_all!.admin_ids = pushAdmins
      return body
    }
  }
}

/** People a group admin push adds to the occupants as a side effect (create-dialog.md, admin role overview). */
export function adminsJoiningOccupants(dialog: Dialog, body: UpdateDialogBody): number[] {
  if (dialog.type !== 2)
    return []
  const occupants = new Set(dialog.occupants_ids)
  const pushed = new Set(body.push_all?.occupants_ids ?? [])
  return (body.push_all?.admin_ids ?? []).filter(id => !occupants.has(id) && !pushed.has(id))
}

/** Whole lists for small dialogs; counts (and the admins) for big ones, so log entries stay small. */
function membersSnapshot(dialog: Dialog) {
  return dialog.occupants_ids.length <= 200
    ? { occupants_ids: dialog.occupants_ids, admin_ids: dialog.admin_ids }
    : { occupants_count: dialog.occupants_ids.length, admin_ids: dialog.admin_ids }
}

export interface MemberChangeResult {
  dialog: Dialog
  body: UpdateDialogBody
  /** For admin pushes in a group: who joined the occupants with their new role. */
  alsoOccupants: number[]
}

export const useMembersStore = defineStore('members', () => {
  function names(ids: readonly number[]): string {
    const users = useUsersStore()
    const shown = ids.slice(0, 5).map(id => users.nameOf(id)).join(', ')
    return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown
  }

  function summaryOf(dialog: Dialog, change: MemberChange, body: UpdateDialogBody): string {
    const push = body.push_all ?? {}
    const pull = body.pull_all ?? {}
    const where = dialog.name ? ` in “${dialog.name}”` : ''
    switch (change.kind) {
      case 'add-occupants': return `Added ${push.occupants_ids!.length} member(s)${where}: ${names(push.occupants_ids!)}`
      case 'remove-occupants': return `Removed ${pull.occupants_ids!.length} member(s)${where}: ${names(pull.occupants_ids!)}`
      case 'add-admins': {
        const joined = adminsJoiningOccupants(dialog, body)
        return `Made ${push.admin_ids!.length} admin(s)${where}: ${names(push.admin_ids!)}${joined.length ? ` (${joined.length} also added as members)` : ''}`
      }
      case 'remove-admins': return `Removed admin role of ${pull.admin_ids!.length}${where}: ${names(pull.admin_ids!)}`
      case 'restore': {
        const back = push.occupants_ids ?? []
        const admins = push.admin_ids ?? []
        return `Undo removal${where}: put back ${back.length} member(s)${admins.length ? `, ${admins.length} as admins again` : ''}: ${names(unique([...back, ...admins]))}`
      }
    }
  }

  /**
   * Sends one member change as one PUT of the difference and records it in the activity log.
   * Resolves to null (and sends nothing) when nothing would change; rethrows server errors.
   */
  async function changeMembers(dialog: Dialog, change: MemberChange, signal?: AbortSignal): Promise<MemberChangeResult | null> {
    const body = memberChangeBody(dialog, change)
    if (!body)
      return null
    const dialogs = useDialogsStore()
    const activity = useActivityStore()
    const alsoOccupants = adminsJoiningOccupants(dialog, body)
    const updated = await activity.track({
      action: ACTIONS[change.kind],
      summary: summaryOf(dialog, change, body),
      target: { kind: 'dialog', id: dialog._id, label: dialog.name ?? undefined },
      before: membersSnapshot(dialog),
      request: { method: 'PUT', path: `/chat/Dialog/${dialog._id}.json`, body },
    }, () => dialogs.saveDialog(dialog._id, body, signal), { after: membersSnapshot })
    return { dialog: updated, body, alsoOccupants }
  }

  function $reset() {}

  return { changeMembers, $reset }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useMembersStore, import.meta.hot))
