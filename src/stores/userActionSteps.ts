import type { ActivityAction } from '@/activity/types'
import type { Dialog } from '@/api/types'
import type { CrossDialogAction, PlannedChange } from '@/domain/userActions'
import { updateDialog } from '@/api/dialogs'
import { isApiError } from '@/api/errors'
import { deleteMessages, getUnreadCounts, markDialogFor, messageDeleteChunks } from '@/api/messages'
import { fanOut } from '@/jobs/fanOut'

/**
 * What one dialog's step of a cross-dialog action sends (each through an `api/` write, so a
 * lost answer is settled by `writeOnce`), and how it is named in the log.
 */
export type StepKind = CrossDialogAction | 'restore' | 'promote'

/** What a step did in one dialog, in a few words ("3 deleted, 1 already gone"). */
export type StepResult = string

/** The messages a delete step removed (or found gone), by dialog: the list drops them. */
export type Gone = (ids: readonly string[]) => void

export async function runStep(kind: StepKind, userId: number, change: PlannedChange, onGone?: Gone): Promise<StepResult> {
  const id = change.dialogId
  switch (kind) {
    case 'remove':
      await updateDialog(id, { pull_all: { occupants_ids: [userId] } })
      return change.wasAdmin ? 'Removed (admin rights went with it)' : 'Removed'
    case 'restore':
      await updateDialog(id, { push_all: change.wasAdmin ? { occupants_ids: [userId], admin_ids: [userId] } : { occupants_ids: [userId] } })
      return change.wasAdmin ? 'Put back, as an admin' : 'Put back'
    case 'demote':
      await updateDialog(id, { pull_all: { admin_ids: [userId] } })
      return 'Admin rights removed'
    case 'promote':
      await updateDialog(id, { push_all: { admin_ids: [userId] } })
      return 'Admin rights given back'
    case 'mark-read':
    case 'mark-delivered':
      await markDialogFor(userId, id, kind === 'mark-read' ? 'read' : 'delivered')
      return kind === 'mark-read' ? 'Marked read' : 'Marked delivered'
    case 'delete-messages':
      return deleteInDialog(change.messageIds ?? [], onGone)
  }
}

/** Deletes for everyone, chunked as the Messages tab does, one request after another. */
async function deleteInDialog(ids: readonly string[], onGone?: Gone): Promise<StepResult> {
  let deleted = 0
  let gone = 0
  let refused = 0
  for (const chunk of messageDeleteChunks(ids)) {
    try {
      const result = await deleteMessages(chunk, { force: true })
      if (result) {
        deleted += result.SuccessfullyDeleted.ids.length
        gone += result.NotFound.ids.length
        refused += result.WrongPermissions.ids.length
        onGone?.([...result.SuccessfullyDeleted.ids, ...result.NotFound.ids])
      }
      else {
        deleted += chunk.length
        onGone?.(chunk)
      }
    }
    catch (error) {
      // One ID answers 404/403 instead of the three lists.
      if (chunk.length === 1 && isApiError(error, 'http') && error.status === 404) {
        gone++
        onGone?.(chunk)
      }
      else if (chunk.length === 1 && isApiError(error, 'http') && error.status === 403) {
        refused++
      }
      else {
        throw error
      }
    }
  }
  if (refused && !deleted && !gone)
    throw new Error(`The server refused to delete ${refused === 1 ? 'the message' : `all ${refused} messages`} (not permitted).`)
  const parts = [`${deleted} deleted`]
  if (gone)
    parts.push(`${gone} already gone`)
  if (refused)
    parts.push(`${refused} refused`)
  return parts.join(', ')
}

/** The log's action for each step kind. */
export const STEP_ACTION: Record<StepKind, ActivityAction> = {
  'remove': 'user.dialogs.remove',
  'restore': 'user.dialogs.restore',
  'demote': 'user.admin.remove',
  'promote': 'user.admin.restore',
  'mark-read': 'user.messages.read',
  'mark-delivered': 'user.messages.delivered',
  'delete-messages': 'user.messages.delete',
}

/** The request each step sends, for the log (never headers). */
export function stepRequest(kind: StepKind, userId: number, count: number): { method: string, path: string, body?: unknown } {
  const each = `× ${count} dialog${count === 1 ? '' : 's'}`
  switch (kind) {
    case 'remove': return { method: 'PUT', path: `/chat/Dialog/{id}.json ${each}`, body: { pull_all: { occupants_ids: [userId] } } }
    case 'restore': return { method: 'PUT', path: `/chat/Dialog/{id}.json ${each}`, body: { push_all: { occupants_ids: [userId] } } }
    case 'demote': return { method: 'PUT', path: `/chat/Dialog/{id}.json ${each}`, body: { pull_all: { admin_ids: [userId] } } }
    case 'promote': return { method: 'PUT', path: `/chat/Dialog/{id}.json ${each}`, body: { push_all: { admin_ids: [userId] } } }
    case 'mark-read': return { method: 'PUT', path: `/chat/Message.json ${each} (on their behalf)`, body: { read: 1 } }
    case 'mark-delivered': return { method: 'PUT', path: `/chat/Message.json ${each} (on their behalf)`, body: { delivered: 1 } }
    case 'delete-messages': return { method: 'DELETE', path: `/chat/Message/{ids}.json ${each}`, body: { force: 1 } }
  }
}

/** A dialog's name for summaries: its own name, else "Private dialog" (they see the other person's name there). */
export function dialogLabel(dialog: Pick<Dialog, 'type' | 'name'> | undefined): string {
  if (!dialog)
    return 'A dialog no longer in their list'
  return dialog.name?.trim() || (dialog.type === 3 ? 'Private dialog' : dialog.type === 1 ? 'Untitled public dialog' : 'Untitled group')
}

/** Their unread count in every dialog given, 100 dialogs a request, as them. */
export async function unreadForAll(userId: number, dialogIds: readonly string[], signal?: AbortSignal): Promise<Map<string, number>> {
  const chunks: string[][] = []
  for (let i = 0; i < dialogIds.length; i += 100)
    chunks.push(dialogIds.slice(i, i + 100))
  const result = await fanOut({ items: chunks, kind: 'read', signal, run: (chunk, s) => getUnreadCounts(chunk, s, { actAs: userId }) })
  const counts = new Map<string, number>()
  for (const o of result.outcomes) {
    if (o.status === 'failed')
      throw o.error
    if (o.status === 'done') {
      for (const id of o.item)
        counts.set(id, Number(o.value[id] ?? 0))
    }
  }
  return counts
}
