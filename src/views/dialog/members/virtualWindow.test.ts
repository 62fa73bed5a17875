import { describe, expect, it } from 'vitest'
import { overscanFor, rowWindow, scrollTopFor } from './virtualWindow'

describe('rowWindow', () => {
  it('renders the rows in view and the overscan below at the top', () => {
    expect(rowWindow(0, 44, 13, 10_000, 6)).toEqual({ start: 0, end: 19 })
  })

  it('adds the overscan on both sides mid-list', () => {
    // Scrolled by 100 rows and a half: row 100 is the first one (partly) in view.
    expect(rowWindow(100 * 44 + 22, 44, 13, 10_000, 6)).toEqual({ start: 94, end: 119 })
  })

  it('ends at the last row, even when scrolled past it', () => {
    expect(rowWindow(9_990 * 44, 44, 13, 10_000, 6)).toEqual({ start: 9_984, end: 10_000 })
    expect(rowWindow(20_000 * 44, 44, 13, 10_000, 6)).toEqual({ start: 9_993, end: 10_000 })
  })

  it('is empty for no rows and clamps a negative scroll (elastic overscroll)', () => {
    expect(rowWindow(0, 44, 13, 0, 6)).toEqual({ start: 0, end: 0 })
    expect(rowWindow(-30, 44, 13, 5, 6)).toEqual({ start: 0, end: 5 })
  })

  it('takes a different overscan above and below', () => {
    expect(rowWindow(100 * 44, 44, 13, 10_000, 2, 6)).toEqual({ start: 98, end: 119 })
    expect(rowWindow(100 * 44, 44, 13, 10_000, 0, 0)).toEqual({ start: 100, end: 113 })
  })

  it('never renders more than the view and twice the overscan', () => {
    for (let top = 0; top < 2_000; top += 7)
      expect(rowWindow(top, 44, 13, 10_000, 6).end - rowWindow(top, 44, 13, 10_000, 6).start).toBeLessThanOrEqual(25)
  })
})

describe('overscanFor', () => {
  it('renders the full overscan on both sides once scrolling settles', () => {
    expect(overscanFor(0, 44, 6, true)).toEqual({ before: 6, after: 6 })
    expect(overscanFor(5_000, 44, 6, true)).toEqual({ before: 6, after: 6 })
  })

  it('puts the overscan ahead, in the direction of travel, while scrolling', () => {
    expect(overscanFor(200, 44, 6, false)).toEqual({ before: 2, after: 6 })
    expect(overscanFor(-200, 44, 6, false)).toEqual({ before: 6, after: 2 })
  })

  it('renders only the rows in view during a fling that would outrun any overscan', () => {
    expect(overscanFor(3_000, 44, 6, false)).toEqual({ before: 0, after: 0 })
    expect(overscanFor(-3_000, 44, 6, false)).toEqual({ before: 0, after: 0 })
  })
})

describe('scrollTopFor', () => {
  // A 520 px scroller with a 38 px sticky header shows rows between scrollTop and scrollTop + 482.
  it('leaves the scroll alone when the row is whole in view', () => {
    expect(scrollTopFor(3, 44, 38, 520, 0)).toBe(0)
    expect(scrollTopFor(9, 44, 38, 520, 0)).toBe(0)
    expect(scrollTopFor(10, 44, 38, 520, 0)).toBe(2)
  })

  it('scrolls up so a row above the view sits just under the header', () => {
    expect(scrollTopFor(5, 44, 38, 520, 1_000)).toBe(220)
  })

  it('scrolls down so a row below the view sits at the bottom edge', () => {
    // Row 11 ends at 38 + 12 × 44 = 566 px: 46 px too far for a 520 px view.
    expect(scrollTopFor(11, 44, 38, 520, 0)).toBe(46)
    expect(scrollTopFor(9_999, 44, 38, 520, 0)).toBe(38 + 10_000 * 44 - 520)
  })
})
