import type { Message } from '@/api/types'
import { describe, expect, it } from 'vitest'
import { formatDay } from '@/domain/format'
import { customFields, dayEnd, EMPTY_STATE, filterChips, foldedText, isEdited, parseMessagesState, rangeBetween, safeLink, serializeMessagesState, toMessageFilters } from './messagesQuery'

function msg(overrides: Record<string, unknown> = {}): Message {
  return {
    _id: 'a'.repeat(24),
    chat_dialog_id: 'b'.repeat(24),
    created_at: '2025-01-06T09:00:00Z',
    updated_at: '2025-01-06T09:00:00Z',
    date_sent: Date.parse('2025-01-06T09:00:00Z') / 1000,
    sender_id: 1,
    recipient_id: 0,
    message: 'hi',
    read_ids: [],
    delivered_ids: [],
    attachments: [],
    read: 0,
    ...overrides,
  }
}

describe('messages URL state', () => {
  it('round-trips and drops what is invalid', () => {
    const state = parseMessagesState({ text: ' hello ', sender: '1002', from: '2025-01-01', to: 'nope', at: '2025-01-05' })
    expect(state).toEqual({ text: 'hello', sender: 1002, from: '2025-01-01', to: null, at: '2025-01-05', message: null })
    expect(serializeMessagesState(state)).toEqual({ text: 'hello', sender: '1002', from: '2025-01-01', at: '2025-01-05' })
    expect(parseMessagesState({ sender: '-3' }).sender).toBeNull()
  })

  it('keeps a link to one message (a 24-hex ID) and drops anything else', () => {
    const id = '5eedda7a0000000000000abc'
    expect(parseMessagesState({ message: id.toUpperCase() }).message).toBe(id)
    expect(serializeMessagesState({ ...EMPTY_STATE, message: id })).toEqual({ message: id })
    for (const bad of ['x', `${id}0`, '../users', ''])
      expect(parseMessagesState({ message: bad }).message).toBeNull()
  })

  it('names the active filters as chips, with the API term in the tooltip', () => {
    expect(filterChips(EMPTY_STATE, String)).toEqual([])
    const chips = filterChips({ ...EMPTY_STATE, text: 'apple', sender: 1003, from: '2025-03-01', to: '2025-03-02', at: '2025-03-05' }, id => `User ${id}`)
    expect(chips.map(c => [c.key, c.label])).toEqual([
      ['text', 'Text: “apple”'],
      ['sender', 'Sender: User 1003'],
      // Days read as the rest of the app writes them (format.ts), here en-US in UTC.
      ['from', `Sent from ${formatDay('2025-03-01')}`],
      ['to', `Sent until ${formatDay('2025-03-02')}`],
    ])
    expect(chips.map(c => c.title)).toEqual([expect.stringContaining('message[ctn]'), 'sender_id=1003', expect.stringContaining('date_sent[gte]'), expect.stringContaining('date_sent[lte]')])
  })

  it('turns days into whole-day unix bounds', () => {
    const f = toMessageFilters({ ...EMPTY_STATE, from: '2025-01-01', to: '2025-01-02' })
    expect(f.from).toBe(Date.parse('2025-01-01T00:00:00Z') / 1000)
    expect(f.to).toBe(dayEnd('2025-01-02'))
    expect(f.to! - f.from!).toBe(2 * 86400 - 1)
  })
})

describe('message display helpers', () => {
  it('finds custom fields', () => {
    expect(customFields(msg({ is_pinned: true, priority: 'high' }))).toEqual([
      { key: 'is_pinned', value: 'true' },
      { key: 'priority', value: 'high' },
    ])
    expect(customFields(msg({ markable: 1 }))).toEqual([])
  })

  it('sees an edit in updated_at or an edited flag, not in a fresh message', () => {
    expect(isEdited(msg())).toBe(false)
    expect(isEdited(msg({ updated_at: '2025-01-06T09:10:00Z' }))).toBe(true)
    expect(isEdited(msg({ edited: true }))).toBe(true)
    expect(isEdited(msg({ created_at: null, updated_at: null }))).toBe(false)
  })

  it('links only http(s) URLs', () => {
    expect(safeLink('https://x.test/a.png')).toBe('https://x.test/a.png')
    expect(safeLink('javascript:alert(1)')).toBeNull()
    expect(safeLink('data:text/html,<b>')).toBeNull()
    expect(safeLink('not a url')).toBeNull()
  })

  it('folds long text', () => {
    expect(foldedText('short')).toBeNull()
    expect(foldedText('x'.repeat(1000))!.length).toBeLessThan(400)
    expect(foldedText('a\nb\nc\nd\ne\nf\ng\nh')).toBe('a\nb\nc\nd\ne\nf…')
  })

  it('gives shift-click ranges either way', () => {
    expect(rangeBetween(3, 1)).toEqual([1, 2, 3])
    expect(rangeBetween(2, 2)).toEqual([2])
  })
})
