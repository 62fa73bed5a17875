import { describe, expect, it } from 'vitest'
import { highlightParts } from './highlight'

describe('highlightParts', () => {
  it('marks every match, case-insensitively, and keeps the text between them', () => {
    expect(highlightParts('Apple pie and apple juice', 'apple')).toEqual([
      { text: 'Apple', match: true },
      { text: ' pie and ', match: false },
      { text: 'apple', match: true },
      { text: ' juice', match: false },
    ])
  })

  it('joins back into the exact text, markup included, which stays text', () => {
    const text = '<img src=x onerror=alert(1)> <b>bold</b>'
    const parts = highlightParts(text, '<b>')
    expect(parts.map(p => p.text).join('')).toBe(text)
    expect(parts.filter(p => p.match).map(p => p.text)).toEqual(['<b>'])
  })

  it('treats the query literally (regular expression characters are plain)', () => {
    expect(highlightParts('cost: $5.00 (approx.)', '$5.00 (')).toEqual([
      { text: 'cost: ', match: false },
      { text: '$5.00 (', match: true },
      { text: 'approx.)', match: false },
    ])
    expect(highlightParts('a.b', '.')).toEqual([{ text: 'a', match: false }, { text: '.', match: true }, { text: 'b', match: false }])
  })

  it('no query or no match: the whole text, unmarked; no text: nothing', () => {
    expect(highlightParts('hello', '  ')).toEqual([{ text: 'hello', match: false }])
    expect(highlightParts('hello', 'xyz')).toEqual([{ text: 'hello', match: false }])
    expect(highlightParts('', 'a')).toEqual([])
  })

  it('letters whose lower case is longer do not shift the marks', () => {
    const parts = highlightParts('İstanbul is big', 'big')
    expect(parts.at(-1)).toEqual({ text: 'big', match: true })
    expect(parts.map(p => p.text).join('')).toBe('İstanbul is big')
    expect(highlightParts('Straße STRASSE', 'straße')[0]).toEqual({ text: 'Straße', match: true })
  })
})
