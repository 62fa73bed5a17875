/** A column of a windowed table. */
export interface VirtualColumn {
  key: string
  title: string
  /** Pixels; columns without a width share what is left. */
  width?: number
}

/** Which rows a windowed table renders: `start` inclusive, `end` exclusive. */
export interface RowWindow {
  start: number
  end: number
}

/**
 * The rows in view at this scroll position, `before` more above them and `after` more below.
 * `viewRows` is how many rows fit in the scroller, counting a part-shown row at each edge.
 */
export function rowWindow(scrollTop: number, rowHeight: number, viewRows: number, count: number, before: number, after: number = before): RowWindow {
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, count - 1))
  return {
    start: Math.max(0, first - before),
    end: Math.min(count, first + viewRows + after),
  }
}

/**
 * How many rows to render beyond the view on each side, given how far the last scroll step
 * went. A step longer than the overscan outruns it anyway (a fling): only the rows in view
 * are rendered until the scrolling settles. Otherwise the full overscan goes ahead, in the
 * direction of travel, and a little stays behind.
 */
export function overscanFor(step: number, rowHeight: number, overscan: number, settled: boolean): { before: number, after: number } {
  if (settled)
    return { before: overscan, after: overscan }
  if (Math.abs(step) > overscan * rowHeight)
    return { before: 0, after: 0 }
  const behind = Math.min(2, overscan)
  return step >= 0 ? { before: behind, after: overscan } : { before: overscan, after: behind }
}

/**
 * The scroll position that shows row `index` whole below a sticky header of `headHeight`,
 * or `scrollTop` itself when it already is.
 */
export function scrollTopFor(index: number, rowHeight: number, headHeight: number, clientHeight: number, scrollTop: number): number {
  const top = index * rowHeight
  if (top < scrollTop)
    return top
  const bottom = headHeight + top + rowHeight
  if (bottom > scrollTop + clientHeight)
    return bottom - clientHeight
  return scrollTop
}

/**
 * Which rendered element (slot) shows which row. Rows are keyed by slot, not by what they show:
 * a row that stays in the window keeps its slot (its elements, and focus); a row scrolling in
 * takes over, in order, the slot of one scrolling out. That costs a patch of the slot, not an
 * unmount and a mount, and a fling (no row stays) patches every slot in place.
 */
export interface RowSlots {
  /** Slot of each row in the window, by row index. */
  readonly byRow: ReadonlyMap<number, number>
  /** Slots made once and free now. */
  readonly spare: readonly number[]
  /** Slots made so far (the next new one is this number). */
  readonly made: number
  /** Slot of each row of the window, in order: the keys to render with. */
  readonly keys: readonly number[]
}

export const NO_SLOTS: RowSlots = { byRow: new Map(), spare: [], made: 0, keys: [] }

/** The slots after the window moved to `start`–`end`. */
export function assignSlots(previous: RowSlots, { start, end }: RowWindow): RowSlots {
  const byRow = new Map<number, number>()
  const freed: number[] = []
  for (const [index, slot] of previous.byRow) {
    if (index >= start && index < end)
      byRow.set(index, slot)
    else
      freed.push(slot)
  }
  const spare = [...freed, ...previous.spare]
  let taken = 0
  let made = previous.made
  const keys: number[] = []
  for (let index = start; index < end; index++) {
    let slot = byRow.get(index)
    if (slot === undefined) {
      slot = taken < spare.length ? spare[taken++]! : made++
      byRow.set(index, slot)
    }
    keys.push(slot)
  }
  return { byRow, spare: spare.slice(taken), made, keys }
}
