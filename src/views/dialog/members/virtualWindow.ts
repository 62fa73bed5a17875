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
