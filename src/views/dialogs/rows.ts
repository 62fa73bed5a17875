import type { Dialog, DialogType } from '@/api/types'
import type { NameLookup } from '@/domain/format'
import { absoluteTime, dialogDisplayName, dialogTypeLabel, relativeTime, toEpochMs } from '@/domain/format'

/** One dialog as the list shows it: plain strings, so a row is plain elements. */
export interface DialogRow {
  id: string
  title: string
  type: DialogType
  typeLabel: string
  owner: string
  ownerId: number
  /** Occupants, or "public" (public dialogs keep no list). */
  members: string
  membersTitle: string
  lastText: string
  /** "3 h ago", empty when no message. */
  lastAgo: string
  lastExact: string
  updated: string
  created: string
}

export interface RowContext {
  nameOf: NameLookup
  viewerId: number | null
  /** Epoch ms the relative times are counted from. */
  now: number
}

export function toRow(d: Dialog, ctx: RowContext): DialogRow {
  const sent = toEpochMs(d.last_message_date_sent) !== null ? d.last_message_date_sent : null
  const hasMessage = !!d.last_message || sent !== null
  const occupants = d.occupants_ids.length
  const admins = d.admin_ids?.length ?? 0
  return {
    id: d._id,
    title: dialogDisplayName(d, ctx.nameOf, ctx.viewerId),
    type: d.type,
    typeLabel: dialogTypeLabel(d.type),
    owner: ctx.nameOf(d.user_id) ?? `User ${d.user_id}`,
    ownerId: d.user_id,
    members: d.type === 1 ? 'public' : String(occupants),
    membersTitle: d.type === 1
      ? 'Public dialogs have no member list'
      : `${occupants} ${occupants === 1 ? 'member' : 'members'}, ${admins} ${admins === 1 ? 'admin' : 'admins'}`,
    lastText: hasMessage ? (d.last_message || '(attachment)') : 'No messages',
    lastAgo: sent !== null ? relativeTime(sent, ctx.now) : '',
    lastExact: sent !== null ? absoluteTime(sent) : '',
    updated: absoluteTime(d.updated_at),
    created: absoluteTime(d.created_at),
  }
}
