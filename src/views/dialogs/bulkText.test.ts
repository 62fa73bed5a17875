import type { BulkItem } from '@/stores/bulkDelete'
import { describe, expect, it } from 'vitest'
import { bulkHeadline } from './bulkText'

function items(spec: Partial<Record<BulkItem['status'], number>>): BulkItem[] {
  return Object.entries(spec).flatMap(([status, n]) => Array.from({ length: n }, (_, i) => ({ id: `${status}${i}`, label: `${status} ${i}`, status: status as BulkItem['status'] })))
}

describe('bulkHeadline', () => {
  it('says what happened to every dialog, in the words of a single delete', () => {
    expect(bulkHeadline(items({ 'deleted': 2, 'not-found': 1, 'refused': 1, 'skipped': 1 }), true, false))
      .toBe('Deleted 2 dialogs. 1 dialog was not found (already deleted?). 1 dialog: not allowed for the acting user. 1 skipped: not allowed for the acting user.')
    expect(bulkHeadline(items({ deleted: 1 }), false, false)).toBe('Removed 1 dialog.')
  })

  it('counts failures and what a Cancel left undone', () => {
    expect(bulkHeadline(items({ 'deleted': 142, 'not-started': 8 }), true, true)).toBe('Deleted 142 dialogs. Cancelled: 8 not started.')
    expect(bulkHeadline(items({ failed: 3 }), true, false)).toBe('Nothing was deleted. 3 failed.')
  })
})
