import { describe, expect, it } from 'vitest'
import { keyCaps, keysLabel } from './shortcutKeys'

describe('keyCaps', () => {
  it('draws sequences, modifiers and named keys', () => {
    expect(keyCaps('g d', false)).toEqual([['g'], ['d']])
    expect(keyCaps('mod+k', false)).toEqual([['Ctrl', 'K']])
    expect(keyCaps('mod+k', true)).toEqual([['⌘', 'K']])
    expect(keyCaps('Escape', false)).toEqual([['Esc']])
    expect(keyCaps('?', false)).toEqual([['?']])
  })

  it('reads as words', () => {
    expect(keysLabel('g a', false)).toBe('g then a')
    expect(keysLabel('mod+k', false)).toBe('Ctrl+K')
  })
})
