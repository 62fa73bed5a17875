import { describe, expect, it } from 'vitest'
import { assignSlots, NO_SLOTS, overscanFor, rowWindow, scrollTopFor } from './virtualWindow'

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

describe('assignSlots', () => {
  it('keeps the slot of a row that stays and gives a row scrolling in the slot of one that left', () => {
    const first = assignSlots(NO_SLOTS, { start: 0, end: 4 })
    expect(first.keys).toEqual([0, 1, 2, 3])
    const down = assignSlots(first, { start: 2, end: 6 })
    // Rows 2 and 3 stay in slots 2 and 3; rows 4 and 5 take the slots of rows 0 and 1.
    expect(down.keys).toEqual([2, 3, 0, 1])
    expect(down.made).toBe(4)
  })

  it('makes no new slot in a fling, and new ones only when the window grows', () => {
    const first = assignSlots(NO_SLOTS, { start: 0, end: 4 })
    const fling = assignSlots(first, { start: 5000, end: 5004 })
    expect(fling.keys).toEqual([0, 1, 2, 3])
    const grown = assignSlots(fling, { start: 5000, end: 5006 })
    expect(grown.keys).toEqual([0, 1, 2, 3, 4, 5])
    const shrunk = assignSlots(grown, { start: 5002, end: 5004 })
    expect(shrunk.keys).toEqual([2, 3])
    expect(shrunk.spare).toEqual([0, 1, 4, 5])
    expect(assignSlots(shrunk, { start: 0, end: 6 }).keys).toEqual([2, 3, 0, 1, 4, 5])
    expect(assignSlots(shrunk, { start: 0, end: 6 }).made).toBe(6)
  })

  it('gives every row of the window a different slot', () => {
    let slots = NO_SLOTS
    for (const start of [0, 3, 10, 9, 200, 198, 0]) {
      slots = assignSlots(slots, { start, end: start + 7 })
      expect(new Set(slots.keys).size).toBe(7)
    }
  })
})
