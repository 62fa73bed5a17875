import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h, nextTick } from 'vue'
import VirtualTable from './VirtualTable.vue'

interface Row { id: number }

const ROWS: Row[] = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1 }))
const COLUMNS = [{ key: 'pick', title: 'Pick', width: 44 }, { key: 'name', title: 'Name' }, { key: 'act', title: 'Actions' }]

function mountTable(rows: Row[] = ROWS) {
  return mount(VirtualTable<Row>, {
    attachTo: document.body,
    props: {
      rows,
      columns: COLUMNS,
      label: 'People',
      rowAttrs: (row: Row) => ({ 'data-id': String(row.id) }),
    },
    slots: {
      row: ({ row }: { row: Row }) => [
        h('div', { role: 'cell' }, [h('input', { 'type': 'checkbox', 'aria-label': `Select ${row.id}` })]),
        h('div', { role: 'cell' }, `Person ${row.id}`),
        h('div', { role: 'cell' }, [h('button', { type: 'button' }, `Remove ${row.id}`)]),
      ],
      empty: () => 'Nobody.',
    },
  })
}

function renderedIds(wrapper: ReturnType<typeof mountTable>): number[] {
  return wrapper.findAll('[role="row"][data-id]').map(tr => Number(tr.attributes('data-id')))
}

async function scrollTo(wrapper: ReturnType<typeof mountTable>, top: number) {
  const scroller = wrapper.element as HTMLElement
  scroller.scrollTop = top
  scroller.dispatchEvent(new Event('scroll'))
  await nextTick()
}

function key(el: Element, name: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }))
}

async function settle() {
  await nextTick()
  await nextTick()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('VirtualTable', () => {
  it('renders only a window of 10,000 rows, with the table\'s row count and each row\'s index', () => {
    const wrapper = mountTable()
    const table = wrapper.get('[role="table"]')
    expect(table.attributes('aria-label')).toBe('People')
    expect(table.attributes('aria-rowcount')).toBe('10001')
    expect(wrapper.findAll('[role="columnheader"]').map(th => th.text())).toEqual(['Pick', 'Name', 'Actions'])
    expect(wrapper.get('[role="columnheader"]').element.parentElement!.getAttribute('aria-rowindex')).toBe('1')
    const ids = renderedIds(wrapper)
    expect(ids[0]).toBe(1)
    expect(ids.length).toBeLessThanOrEqual(25)
    expect(wrapper.get('[role="row"][data-id="1"]').attributes('aria-rowindex')).toBe('2')
    // The body is as tall as all 10,000 rows, so the scrollbar is right.
    expect(wrapper.get('.vt-body').attributes('style')).toContain(`height: ${10_000 * 44}px`)
  })

  it('scrolling to the end shows the last rows and keeps the window small', async () => {
    const wrapper = mountTable()
    await scrollTo(wrapper, 10_000 * 44)
    const ids = renderedIds(wrapper)
    expect(ids.at(-1)).toBe(10_000)
    expect(ids.length).toBeLessThanOrEqual(25)
    expect(wrapper.get('[role="row"][data-id="10000"]').attributes('aria-rowindex')).toBe('10001')
    expect(wrapper.get('[role="row"][data-id="10000"]').text()).toContain('Person 10000')
    await scrollTo(wrapper, 5_000 * 44)
    expect(renderedIds(wrapper)).toContain(5_001)
    expect(renderedIds(wrapper).length).toBeLessThanOrEqual(25)
  })

  it('reuses row elements while scrolling: a row that stays keeps its element, a fling creates none', async () => {
    const wrapper = mountTable()
    const rowEl = (id: number) => wrapper.get(`[role="row"][data-id="${id}"]`).element
    const fifth = rowEl(5)
    await scrollTo(wrapper, 3 * 44)
    expect(rowEl(5)).toBe(fifth)
    const before = new Set(wrapper.findAll('[role="row"][data-id]').map(r => r.element))
    await scrollTo(wrapper, 5_000 * 44)
    const after = wrapper.findAll('[role="row"][data-id]').map(r => r.element)
    expect(renderedIds(wrapper)[0]).toBe(5_001)
    expect(after.every(el => before.has(el))).toBe(true)
  })

  it('arrow keys move focus to the same control of the next row, past the rendered window', async () => {
    const wrapper = mountTable()
    const last = renderedIds(wrapper).at(-1)!
    expect(wrapper.find(`[role="row"][data-id="${last + 1}"]`).exists()).toBe(false)
    const button = wrapper.get(`[role="row"][data-id="${last}"] button`).element as HTMLButtonElement
    button.focus()
    key(button, 'ArrowDown')
    await settle()
    expect(document.activeElement?.textContent).toBe(`Remove ${last + 1}`)
    key(document.activeElement!, 'ArrowUp')
    await settle()
    expect(document.activeElement?.textContent).toBe(`Remove ${last}`)
    key(document.activeElement!, 'End')
    await settle()
    expect(document.activeElement?.textContent).toBe('Remove 10000')
    expect(renderedIds(wrapper).length).toBeLessThanOrEqual(25)
    key(document.activeElement!, 'Home')
    await settle()
    expect(document.activeElement?.textContent).toBe('Remove 1')
    const checkbox = wrapper.get('[role="row"][data-id="1"] input').element as HTMLInputElement
    checkbox.focus()
    key(checkbox, 'PageDown')
    await settle()
    expect((document.activeElement as HTMLInputElement).getAttribute('aria-label')).toMatch(/^Select \d+$/)
    expect(document.activeElement?.getAttribute('aria-label')).not.toBe('Select 1')
  })

  it('a focused row scrolled out of the window hands focus to the table, and Down comes back', async () => {
    const wrapper = mountTable()
    const checkbox = wrapper.get('[role="row"][data-id="2"] input').element as HTMLInputElement
    checkbox.focus()
    await scrollTo(wrapper, 3_000 * 44)
    expect(document.activeElement).toBe(wrapper.get('[role="table"]').element)
    key(document.activeElement!, 'ArrowDown')
    await settle()
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Select 3001')
  })

  it('shows the empty slot when there are no rows', () => {
    const wrapper = mountTable([])
    expect(wrapper.findAll('[role="row"][data-id]')).toHaveLength(0)
    expect(wrapper.get('[role="table"]').text()).toContain('Nobody.')
  })
})
