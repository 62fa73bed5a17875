import type { Dialog } from '@/api/types'
import type { Actor, Permission } from '@/domain'
import { canAddAdmins, canAddOccupants, roleIn } from '@/domain'

/** One rule of the Members tab in words: may the acting user do it, and what exactly. */
export type RuleText = Permission & { text: string }

/** What the acting user may do with the members, in words: adding, removing, admins. */
export function memberRules(actor: Actor, dialog: Dialog): { add: RuleText, remove: RuleText, admins: RuleText } {
  const role = roleIn(dialog, actor)
  const isPublic = dialog.type === 1
  const isPrivate = dialog.type === 3
  const addOccupants = canAddOccupants(actor, dialog)
  const addAdmins = canAddAdmins(actor, dialog)

  let add: RuleText
  const p = isPublic ? addAdmins : addOccupants
  if (!p.allowed)
    add = { allowed: false, text: p.reason ?? 'Not allowed.' }
  else if (isPublic)
    add = { allowed: true, text: 'You can add admins.' }
  else
    add = { allowed: true, text: role === 'occupant' ? 'You can add other people (not yourself).' : 'You can add people.' }

  let remove: RuleText
  if (isPrivate)
    remove = { allowed: false, text: 'Nobody can be removed from a private dialog.' }
  else if (role === 'account-owner' || role === 'owner' || role === 'admin')
    remove = { allowed: true, text: 'You can remove anyone except the owner.' }
  else if (isPublic)
    remove = { allowed: false, text: 'Only the dialog\'s owner or an admin can remove people from a public dialog.' }
  else if (role === 'outsider')
    remove = { allowed: false, text: 'The acting user is not in this dialog.' }
  else
    remove = { allowed: true, text: 'You can remove only yourself: members who are not admins can\'t remove others. Ask the owner or an admin.' }

  let admins: RuleText
  if (isPrivate)
    admins = { allowed: false, text: 'Private dialogs have no admins.' }
  else if (addAdmins.allowed)
    admins = { allowed: true, text: 'You can make members admins and take the admin role away.' }
  else if (role === 'admin')
    admins = { allowed: true, text: 'You can only give up your own admin role. Only the dialog\'s owner can add or remove other admins.' }
  else
    admins = { allowed: false, text: addAdmins.reason ?? 'Only the dialog\'s owner can change admins.' }

  return { add, remove, admins }
}

/** "1 person", "1,234 people". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}
