/**
 * One set of delegated listeners for a list of rows marked `data-index`: a click opens the row
 * (a plain click on its link too; a modified or middle click is left to the browser, for a new
 * tab), a click beside a row's checkbox ticks it, a tick selects, focus inside a row makes it
 * the keyboard's row, and the arrow keys move between rows as j and k do.
 */
export function useRowEvents(options: {
  open: (index: number) => void
  /** A click on a user's link inside a row (the owner) opens that user's page, not the row. */
  openUser?: (id: number) => void
  toggle: (index: number, on: boolean) => void
  /** A row got focus (Tab or click): it becomes the active row. */
  focus: (index: number) => void
  /** Moves focus to a row (arrow keys). */
  moveTo?: (index: number) => void
  count: () => number
}) {
  function rowOf(event: Event): { row: HTMLElement, index: number, target: Element } | null {
    const target = event.target
    if (!(target instanceof Element))
      return null
    const row = target.closest<HTMLElement>('[data-index]')
    if (!row)
      return null
    return { row, index: Number(row.dataset.index), target }
  }

  function onClick(event: MouseEvent) {
    const hit = rowOf(event)
    if (!hit)
      return
    const { row, index, target } = hit
    if (target.closest('input[type="checkbox"]'))
      return
    const check = target.closest('.check')
    if (check) {
      // The cell around a checkbox is part of its target.
      const box = row.querySelector<HTMLInputElement>('input[type="checkbox"]')
      if (box)
        options.toggle(index, !box.checked)
      return
    }
    const link = target.closest<HTMLElement>('a[href]')
    if (link?.dataset.user && options.openUser) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0)
        return
      event.preventDefault()
      options.openUser(Number(link.dataset.user))
      return
    }
    if (link && (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0))
      return
    if (!link && window.getSelection()?.toString())
      return
    event.preventDefault()
    options.open(index)
  }

  function onChange(event: Event) {
    const hit = rowOf(event)
    if (hit && hit.target instanceof HTMLInputElement && hit.target.type === 'checkbox')
      options.toggle(hit.index, hit.target.checked)
  }

  function onFocusIn(event: FocusEvent) {
    const hit = rowOf(event)
    if (hit)
      options.focus(hit.index)
  }

  function onKeydown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')
      return
    const hit = rowOf(event)
    if (!hit || !options.moveTo)
      return
    const next = hit.index + (event.key === 'ArrowDown' ? 1 : -1)
    if (next >= 0 && next < options.count()) {
      event.preventDefault()
      options.moveTo(next)
    }
  }

  return { onClick, onChange, onFocusIn, onKeydown }
}
