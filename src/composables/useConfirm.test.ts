import { describe, expect, it } from 'vitest'
import { useConfirm } from './useConfirm'

describe('useConfirm', () => {
  it('resolves with the answer and closes', async () => {
    const c = useConfirm()
    const asked = c.ask('Remove?', 'Bob will leave.', 'Remove', 'error')
    expect(c.request.value).toMatchObject({ title: 'Remove?', positiveText: 'Remove', tone: 'error' })
    c.answer(true)
    expect(await asked).toBe(true)
    expect(c.request.value).toBeNull()
  })

  it('a new question cancels the open one', async () => {
    const c = useConfirm()
    const first = c.ask('One?', '', 'Yes')
    const second = c.ask('Two?', '', 'Yes')
    expect(await first).toBe(false)
    expect(c.request.value?.title).toBe('Two?')
    c.answer(false)
    expect(await second).toBe(false)
  })
})
