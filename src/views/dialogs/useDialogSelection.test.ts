import type { Dialog } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { nextTick, ref, shallowRef } from 'vue'
import { makeDialog } from '@/domain/testFixtures'
import { useDialogSelection } from './useDialogSelection'

const page1 = ['a', 'b', 'c'].map(c => makeDialog({ _id: c.repeat(24) }))
const page2 = ['d', 'e'].map(c => makeDialog({ _id: c.repeat(24) }))

function setup() {
  const page = shallowRef<Dialog[]>(page1)
  const scope = ref('filters-1')
  const selection = useDialogSelection({ scope: () => scope.value, page: () => page.value, total: () => 40 })
  return { page, scope, selection }
}

describe('dialog list selection', () => {
  it('keeps what was picked across pages and counts it', () => {
    const { page, selection } = setup()
    selection.toggle(page1[0]!)
    page.value = page2
    expect(selection.isSelected(page1[0]!._id)).toBe(true)
    selection.togglePage(true)
    expect(selection.count.value).toBe(3)
    expect(selection.pageAll.value).toBe(true)
    page.value = page1
    expect(selection.pageSome.value).toBe(true)
    expect([...selection.picked.value.keys()]).toEqual([page1[0]!._id, page2[0]!._id, page2[1]!._id])
  })

  it('selects every match by count, and unticking a row keeps the page as seen', () => {
    const { selection } = setup()
    selection.selectAllMatches()
    expect(selection.count.value).toBe(40)
    expect(selection.isSelected('z'.repeat(24))).toBe(true)
    selection.toggle(page1[1]!)
    expect(selection.allMatches.value).toBe(false)
    expect([...selection.picked.value.keys()]).toEqual([page1[0]!._id, page1[2]!._id])
  })

  it('starts again when the filters change, and forgets deleted dialogs', async () => {
    const { scope, selection } = setup()
    selection.togglePage(true)
    selection.forget([page1[0]!._id])
    expect(selection.count.value).toBe(2)
    scope.value = 'filters-2'
    await nextTick()
    expect(selection.count.value).toBe(0)
  })
})
