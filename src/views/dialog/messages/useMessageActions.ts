import type { Ref } from 'vue'
import type { DeleteScope } from './DeleteConfirm.vue'
import type { MessageMark } from '@/api/messages'
import type { Message } from '@/api/types'
import type { DeleteOutcome } from '@/stores/messages'
import { useMessage } from 'naive-ui'
import { ref } from 'vue'
import { isApiError } from '@/api/errors'
import { describeDeleteResult, explainApiError } from '@/domain'
import { useMessagesStore } from '@/stores/messages'

/** The server's words for a failure, with ours in front where we know better ones. */
export function errorText(error: unknown): string {
  if (isApiError(error))
    return explainApiError(error).map(e => e.known && e.text !== e.original ? `${e.text} (Server: “${e.original}”)` : e.text).join(' ')
  return error instanceof Error ? error.message : String(error)
}

/**
 * The Messages tab's writes with their feedback: progress flags for the buttons, a toast with the
 * outcome (the server's own error text on failure). Drafts are the caller's: a failure keeps them.
 */
export function useMessageActions(actingName: Ref<string>) {
  const store = useMessagesStore()
  const toast = useMessage()
  const saving = ref(false)
  const sending = ref(false)
  const markingId = ref<string | null>(null)
  const markingAll = ref<MessageMark | null>(null)

  async function saveEdit(message: Message, text: string): Promise<boolean> {
    if (!text.trim() || text === message.message || saving.value)
      return false
    saving.value = true
    try {
      await store.editText(message, text)
      toast.success('Message text saved.')
      return true
    }
    catch (error) {
      toast.error(`Could not save: ${errorText(error)}`, { duration: 8000 })
      return false
    }
    finally {
      saving.value = false
    }
  }

  async function markOne(message: Message, kind: MessageMark) {
    markingId.value = message._id
    try {
      await store.mark(kind, message)
      toast.success(`Marked as ${kind} for ${actingName.value}.`)
    }
    catch (error) {
      toast.error(`Could not mark as ${kind}: ${errorText(error)}`, { duration: 8000 })
    }
    finally {
      markingId.value = null
    }
  }

  async function markAll(kind: MessageMark) {
    markingAll.value = kind
    try {
      await store.mark(kind)
      toast.success(`All messages of the dialog marked as ${kind} for ${actingName.value}.`)
    }
    catch (error) {
      toast.error(`Could not mark all as ${kind}: ${errorText(error)}`, { duration: 8000 })
    }
    finally {
      markingAll.value = null
    }
  }

  /** Sends; resolves to whether it went through (the caller then clears its draft). */
  async function send(text: string): Promise<boolean> {
    if (!text.trim() || sending.value)
      return false
    sending.value = true
    try {
      const created = await store.send(text.trim())
      const shown = store.items.some(m => m._id === created._id)
      toast.success(`Sent as ${actingName.value}.${shown ? '' : ' The current filters hide it.'}`)
      return true
    }
    catch (error) {
      toast.error(`Could not send: ${errorText(error)}`, { duration: 8000 })
      return false
    }
    finally {
      sending.value = false
    }
  }

  /** The summary of a delete, once, in a toast: what went, what did not and why. */
  function reportDelete(outcome: DeleteOutcome, scope: DeleteScope, skipped: number) {
    const parts = [describeDeleteResult(outcome, { one: 'message', many: 'messages' })]
    if (outcome.SuccessfullyDeleted.ids.length)
      parts[0] = parts[0]!.replace(/\.$/, scope === 'everyone' ? ' for everyone.' : ` for ${actingName.value}.`)
    if (skipped)
      parts.push(`${skipped} skipped: not allowed for ${actingName.value}.`)
    for (const f of outcome.failed)
      parts.push(`${f.ids.length} failed: ${f.error}`)
    const text = parts.join(' ')
    if (outcome.WrongPermissions.ids.length || outcome.failed.length || skipped)
      toast.warning(text, { duration: 10_000 })
    else
      toast.success(text, { duration: 6000 })
  }

  /** A link to a message that is not (or no longer) there. */
  function notFound(id: string) {
    toast.warning(`The linked message (ID ${id}) wasn't found: it may have been deleted, or the filters hide it.`, { duration: 10_000 })
  }

  function failed(text: string) {
    toast.error(text, { duration: 8000 })
  }

  /** A keyboard shortcut for something the acting user may not do: say why instead of nothing. */
  function notAllowed(reason: string) {
    toast.warning(reason, { duration: 6000 })
  }

  return { saving, sending, markingId, markingAll, saveEdit, markOne, markAll, send, reportDelete, notFound, failed, notAllowed }
}
