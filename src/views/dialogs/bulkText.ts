import type { BulkItem } from '@/stores/bulkDelete'
import { describeDeleteResult } from '@/domain/format'

function ids(items: readonly BulkItem[], status: BulkItem['status']): string[] {
  return items.filter(i => i.status === status).map(i => i.id)
}

/** One line for a finished bulk delete: "Deleted 2 dialogs. 1 dialog was not found (already deleted?). 1 skipped: …" */
export function bulkHeadline(items: readonly BulkItem[], force: boolean, cancelled: boolean): string {
  let text = describeDeleteResult({
    SuccessfullyDeleted: { ids: ids(items, 'deleted') },
    NotFound: { ids: ids(items, 'not-found') },
    WrongPermissions: { ids: ids(items, 'refused') },
  }, { one: 'dialog', many: 'dialogs' })
  if (!force)
    text = text.replace(/^Deleted /, 'Removed ').replace('Nothing was deleted.', 'Nothing was removed.')
  const count = (status: BulkItem['status']) => items.filter(i => i.status === status).length
  const failed = count('failed')
  const notStarted = count('not-started')
  const skipped = count('skipped')
  if (failed)
    text += ` ${failed} failed.`
  if (skipped)
    text += ` ${skipped} skipped: not allowed for the acting user.`
  if (notStarted)
    text += ` ${cancelled ? 'Cancelled: ' : ''}${notStarted} not started.`
  return text
}
