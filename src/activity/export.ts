import type { ActivityEntry } from './types'
import { scrub } from './scrub'
import { resultText } from './types'

/** Whether this page still waits for an entry's answer (a pending entry that is not is abandoned). */
export type RunningCheck = (entry: ActivityEntry) => boolean

const NOT_RUNNING: RunningCheck = () => false

/** CSV columns, in order: a header and how to read the cell from an entry. */
const COLUMNS: [string, (e: ActivityEntry, running: RunningCheck) => unknown][] = [
  ['id', e => e.id],
  ['at', e => e.at],
  ['operator', e => e.operator],
  ['api_base', e => e.apiBase],
  ['app', e => e.app],
  ['acting_as_user_id', e => e.actingAs.userId],
  ['acting_as', e => e.actingAs.label],
  ['action', e => e.action],
  ['summary', e => e.summary],
  ['target_kind', e => e.target.kind],
  ['target_id', e => e.target.ids?.join(' ') ?? e.target.id],
  ['target_dialog_id', e => e.target.dialogId],
  ['target_label', e => e.target.label],
  ['result', e => e.result],
  ['result_text', (e, running) => resultText(e, running(e))],
  ['status', e => e.status],
  ['error', e => e.error],
  ['request_method', e => e.request?.method],
  ['request_path', e => e.request?.path],
  ['request_body', e => json(e.request?.body)],
  ['before', e => json(e.before)],
  ['after', e => json(e.after)],
]

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value)
}

/**
 * One CSV cell: text a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading apostrophe; cells with a comma, quote, line break or edge space are quoted.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null)
    return ''
  let text = typeof value === 'string' ? value : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text))
    text = `'${text}`
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** RFC 4180 CSV (CRLF, header row) with a BOM so spreadsheets read it as UTF-8. */
export function activityToCsv(entries: readonly ActivityEntry[], secrets: readonly (string | null | undefined)[] = [], running: RunningCheck = NOT_RUNNING): string {
  const rows = scrub(entries, secrets).map(entry => COLUMNS.map(([, read]) => csvCell(read(entry, running))).join(','))
  return `\uFEFF${[COLUMNS.map(([name]) => name).join(','), ...rows].join('\r\n')}\r\n`
}

/** The JSON export: what was exported, when, with which filters, and the entries (each with its result in words). */
export function activityToJson(entries: readonly ActivityEntry[], meta: { exportedAt: string, filters: Record<string, unknown> }, secrets: readonly (string | null | undefined)[] = [], running: RunningCheck = NOT_RUNNING): string {
  const rows = entries.map(entry => ({ ...entry, resultText: resultText(entry, running(entry)) }))
  const body = { format: 'dialog-desk.activity/1', exportedAt: meta.exportedAt, filters: meta.filters, count: entries.length, entries: rows }
  return `${JSON.stringify(scrub(body, secrets), null, 2)}\n`
}

/** `dialog-desk-activity-2026-11-22-0315.csv` in the viewer's local time. */
export function exportFileName(extension: 'csv' | 'json', now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`
  return `dialog-desk-activity-${stamp}.${extension}`
}
