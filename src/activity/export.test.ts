import { describe, expect, it } from 'vitest'
import { activityToCsv, activityToJson, csvCell, exportFileName } from './export'
import { csvRecords } from '@/test/csv'
import { makeEntry } from './testEntries'

describe('csvCell', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(' padded')).toBe('" padded"')
    expect(csvCell(42)).toBe('42')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"')
    expect(csvCell('+1+1')).toBe('\'+1+1')
    expect(csvCell('-2+3')).toBe('\'-2+3')
    expect(csvCell('@SUM(A1)')).toBe('\'@SUM(A1)')
    expect(csvCell('\tcmd')).toBe('\'\tcmd')
    expect(csvCell('a=b')).toBe('a=b')
  })
})

describe('activity export', () => {
  const key = 'export-secret-key'
  const entries = [
    makeEntry({ id: 2, summary: '=cmd|"/c calc"!A1', operator: 'Dana, "DJ"', before: { name: 'Old, name' }, after: { name: 'New\nname' }, request: { method: 'PUT', path: '/chat/Dialog/1.json', body: { name: 'New\nname' } } }),
    makeEntry({ id: 1, result: 'failure', status: 403, error: 'Forbidden. Need user.', target: { kind: 'message', id: 'm1', dialogId: 'd1' }, after: { note: `leaked ${key}` } }),
  ]

  it('writes a header and one row per entry that read back exactly', () => {
    const csv = activityToCsv(entries, [key])
    expect(csv.startsWith('\uFEFFid,at,operator,api_base,')).toBe(true)
    const [first, second, ...rest] = csvRecords(csv.slice(1))
    expect(rest).toEqual([])
    const a = first!
    const b = second!
    expect(a.summary).toBe('\'=cmd|"/c calc"!A1')
    expect(a.operator).toBe('Dana, "DJ"')
    expect(JSON.parse(a.before!)).toEqual({ name: 'Old, name' })
    expect(JSON.parse(a.after!)).toEqual({ name: 'New\nname' })
    expect(a.request_method).toBe('PUT')
    expect(JSON.parse(a.request_body!)).toEqual({ name: 'New\nname' })
    expect([b.result, b.status, b.error, b.target_kind, b.target_id, b.target_dialog_id]).toEqual(['failure', '403', 'Forbidden. Need user.', 'message', 'm1', 'd1'])
    expect(csv).not.toContain(key)
  })

  it('writes JSON with what was exported and when, never the key', () => {
    const text = activityToJson(entries, { exportedAt: '2026-11-22T03:00:00.000Z', filters: { result: 'failure' } }, [key])
    const data = JSON.parse(text)
    expect(data).toMatchObject({ format: 'dialog-desk.activity/1', exportedAt: '2026-11-22T03:00:00.000Z', filters: { result: 'failure' }, count: 2 })
    expect(data.entries[0].summary).toBe('=cmd|"/c calc"!A1')
    expect(text).not.toContain(key)
  })

  it('says in words what the new results mean: pending, abandoned, not confirmed; and which app', () => {
    const rows = [
      makeEntry({ id: 3, result: 'pending', app: '0123456789abcdef' }),
      makeEntry({ id: 2, result: 'pending' }),
      makeEntry({ id: 1, result: 'unknown', status: 0 }),
    ]
    const running = (e: { id: number }) => e.id === 3
    const csv = csvRecords(activityToCsv(rows, [], running).slice(1))
    expect(csv.map(r => [r.result, r.result_text])).toEqual([
      ['pending', 'Pending: waiting for the answer'],
      ['pending', 'No answer recorded (the page was closed or reloaded before the answer)'],
      ['unknown', 'Not confirmed'],
    ])
    expect(csv[0]!.app).toBe('0123456789abcdef')
    const json = JSON.parse(activityToJson(rows, { exportedAt: 'x', filters: {} }, [], running))
    expect(json.entries.map((e: { resultText: string }) => e.resultText)).toEqual(csv.map(r => r.result_text))
  })

  it('names files by local date and time', () => {
    expect(exportFileName('csv', new Date(2026, 10, 22, 3, 7))).toBe('dialog-desk-activity-2026-11-22-0307.csv')
  })
})
