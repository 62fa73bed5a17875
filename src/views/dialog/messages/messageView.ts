import type { Dialog, Message, MessageAttachment } from '@/api/types'
import type { Actor, Permission } from '@/domain'
import { attachmentBlobPath } from '@/api/content'
import { canDeleteMessage, canEditMessage, canMarkReadOrDelivered } from '@/domain'
import { safeLink } from './messagesQuery'

/** What the acting user may do with one message, each with the reason when not. */
export interface RowActions {
  edit: Permission
  /** For everyone when allowed, else only for the acting user. */
  remove: Permission
  mark: Permission
}

export function rowActions(actor: Actor, dialog: Dialog, message: Message): RowActions {
  const everyone = canDeleteMessage(actor, dialog, message, { forEveryone: true })
  return {
    edit: canEditMessage(actor, dialog, message),
    remove: everyone.allowed ? everyone : canDeleteMessage(actor, dialog, message, { forEveryone: false }),
    mark: canMarkReadOrDelivered(actor, dialog),
  }
}

/** "1.2 MB", "820 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0)
    return ''
  if (bytes < 1024)
    return `${bytes} byte${bytes === 1 ? '' : 's'}`
  if (bytes < 1024 * 1024)
    return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** An attachment as the timeline shows it. */
export interface AttachmentView {
  name: string
  /** `image`, `file`, `audio`…, as the sender's app said. */
  type: string
  /** Shown as a picture (a thumbnail) when its file can be fetched. */
  picture: boolean
  /** Where the Content API serves the file, or null. */
  blobPath: string | null
  /** An http(s) link given with it, else null (other schemes are shown as text only). */
  link: string | null
  /** The `url` as given, for showing. */
  url: string | null
  size: string
}

export function attachmentView(a: MessageAttachment): AttachmentView {
  const type = (typeof a.type === 'string' && a.type.trim()) || 'file'
  const blobPath = attachmentBlobPath(a)
  const url = typeof a.url === 'string' && a.url ? a.url : null
  const name = (typeof a.name === 'string' && a.name.trim()) || (a.id ? `File ${a.id}` : url ?? 'Attachment')
  const declared = typeof a.content_type === 'string' ? a.content_type : ''
  return {
    name,
    type,
    picture: blobPath !== null && (type === 'image' || type === 'photo' || declared.startsWith('image/')),
    blobPath,
    link: safeLink(url),
    url,
    size: typeof a.size === 'number' ? formatBytes(a.size) : '',
  }
}

/** Up to two names ("Bob Martin, Carmen Novak"), else how many ("13"); the full list for the tooltip. */
export function namesSummary(ids: readonly number[], nameOf: (id: number) => string, shown = 2): { text: string, all: string } {
  const names = ids.map(nameOf)
  return { text: names.length > shown ? String(names.length) : names.join(', '), all: names.join(', ') }
}
