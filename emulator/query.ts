import type { Params } from './http'
import { badFormat, fail } from './http'

/**
 * Turns list query parameters (`field=v`, `field[op]=v`, `sort_desc=field`) into SQL
 * fragments with bound parameters. Field names and operators come from whitelists;
 * user input only ever reaches SQL as a bound value.
 */

type Kind = 'int' | 'text' | 'date'
type Op = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'nin' | 'ctn' | 'all'

export interface FieldSpec {
  column: string
  kind: Kind
  ops: readonly Op[]
}

export interface Where {
  clauses: string[]
  params: unknown[]
  /**
   * Set when a full-text clause narrows the rows to the matches of a search term: then sorting
   * every match once (its count is the total) is cheaper than a count plus an offset scan.
   */
  narrow?: boolean
}

const COMPARE: Partial<Record<Op, string>> = { eq: '=', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' }

export const DIALOG_FIELDS: Record<string, FieldSpec> = {
  _id: { column: 'd.id', kind: 'text', ops: ['eq', 'ne', 'in', 'nin'] },
  type: { column: 'd.type', kind: 'int', ops: ['eq', 'ne', 'in', 'nin'] },
  name: { column: 'd.name', kind: 'text', ops: ['eq', 'ne', 'in', 'nin', 'ctn'] },
  user_id: { column: 'd.user_id', kind: 'int', ops: ['eq', 'ne', 'in', 'nin'] },
  is_join_required: { column: 'd.is_join_required', kind: 'int', ops: ['eq', 'ne'] },
  last_message_date_sent: { column: 'd.last_message_date_sent', kind: 'int', ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin'] },
  last_message_user_id: { column: 'd.last_message_user_id', kind: 'int', ops: ['eq', 'ne', 'in', 'nin'] },
  created_at: { column: 'd.created_at', kind: 'date', ops: ['eq', 'lt', 'lte', 'gt', 'gte'] },
  updated_at: { column: 'd.updated_at', kind: 'date', ops: ['eq', 'lt', 'lte', 'gt', 'gte'] },
  occupants_ids: { column: 'd.id', kind: 'int', ops: ['eq', 'in', 'all'] },
}

export const DIALOG_SORT: Record<string, string> = {
  last_message_date_sent: 'd.last_message_date_sent',
  created_at: 'd.created_at',
  updated_at: 'd.updated_at',
  name: 'd.name',
  _id: 'd.id',
  type: 'd.type',
  user_id: 'd.user_id',
}

export const MESSAGE_FIELDS: Record<string, FieldSpec> = {
  _id: { column: 'm.id', kind: 'text', ops: ['eq', 'ne', 'in', 'nin'] },
  message: { column: 'm.message', kind: 'text', ops: ['eq', 'ne', 'ctn'] },
  date_sent: { column: 'm.date_sent', kind: 'int', ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin'] },
  sender_id: { column: 'm.sender_id', kind: 'int', ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin'] },
  recipient_id: { column: 'm.recipient_id', kind: 'int', ops: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin'] },
  created_at: { column: 'm.created_at', kind: 'date', ops: ['eq', 'lt', 'lte', 'gt', 'gte'] },
  updated_at: { column: 'm.updated_at', kind: 'date', ops: ['eq', 'lt', 'lte', 'gt', 'gte'] },
}

export const MESSAGE_SORT: Record<string, string> = {
  date_sent: 'm.date_sent',
  _id: 'm.id',
  created_at: 'm.created_at',
  updated_at: 'm.updated_at',
  sender_id: 'm.sender_id',
}

export const MAX_LIMIT = 100

function convert(kind: Kind, raw: string, param: string): number | string {
  const value = raw.trim()
  if (kind === 'text') return raw
  if (/^-?\d{1,15}$/.test(value)) return Number(value)
  if (kind === 'date') {
    const ms = Date.parse(value)
    if (!Number.isNaN(ms) && /^\d{4}-\d\d-\d\d/.test(value)) return Math.floor(ms / 1000)
  }
  throw badFormat(param)
}

function list(kind: Kind, raw: string, param: string): (number | string)[] {
  return raw.split(',').map(v => convert(kind, kind === 'text' ? v.trim() : v, param))
}

/** `%`, `_` and `\` escaped for `LIKE … ESCAPE '\'`. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, m => `\\${m}`)}%`
}

function addClause(where: Where, field: string, spec: FieldSpec, op: Op, raw: unknown): void {
  const param = op === 'eq' ? field : `${field}[${op}]`
  if (typeof raw !== 'string') throw badFormat(param)
  if (!spec.ops.includes(op)) throw fail(400, `Operator "${op}" is not supported for field "${field}".`)
  if (field === 'occupants_ids') {
    const ids = list('int', raw, param)
    if (op === 'in') {
      where.clauses.push('d.id IN (SELECT dialog_id FROM dialog_occupants WHERE user_id IN (SELECT value FROM json_each(?)))')
      where.params.push(JSON.stringify(ids))
    }
    else {
      const unique = [...new Set(ids)]
      where.clauses.push('d.id IN (SELECT dialog_id FROM dialog_occupants WHERE user_id IN (SELECT value FROM json_each(?)) GROUP BY dialog_id HAVING count(*) = ?)')
      where.params.push(JSON.stringify(unique), unique.length)
    }
    return
  }
  if (op === 'in' || op === 'nin') {
    where.clauses.push(`${spec.column} ${op === 'in' ? 'IN' : 'NOT IN'} (SELECT value FROM json_each(?))`)
    where.params.push(JSON.stringify(list(spec.kind, raw, param)))
    return
  }
  if (op === 'ctn') {
    if (raw === '') return
    if (spec.column === 'd.name' && raw.length >= 3 && !/[%_\\]/.test(raw)) {
      // Trigram full-text index: substring search without scanning every dialog. A quoted
      // trigram phrase is an exact, case-insensitive substring match, cheaper than LIKE on the same index.
      where.clauses.push('d.seq IN (SELECT rowid FROM dialogs_fts WHERE name MATCH ?)')
      where.params.push(`"${raw.replaceAll('"', '""')}"`)
      where.narrow = true
    }
    else {
      where.clauses.push(`${spec.column} LIKE ? ESCAPE '\\'`)
      where.params.push(likePattern(raw))
    }
    return
  }
  const sqlOp = COMPARE[op]
  if (!sqlOp) throw fail(400, `Operator "${op}" is not supported for field "${field}".`)
  const value = convert(spec.kind, raw, param)
  // `ne` on a nullable column keeps rows where the column is NULL, as a document store would.
  if (op === 'ne') where.clauses.push(`${spec.column} IS NOT ?`)
  else where.clauses.push(`${spec.column} ${sqlOp} ?`)
  where.params.push(value)
}

const DATA_FIELD = /^[A-Za-z0-9_-]{1,64}$/

function addDataClauses(where: Where, data: unknown): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw badFormat('data')
  for (const [field, raw] of Object.entries(data)) {
    if (!DATA_FIELD.test(field)) throw badFormat(`data[${field}]`)
    if (field === 'class_name') {
      if (typeof raw !== 'string') throw badFormat('data[class_name]')
      where.clauses.push('d.class_name = ?')
      where.params.push(raw)
      continue
    }
    const path = `$."${field}"`
    const ops: [string, unknown][] = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw) : [['eq', raw]]
    for (const [op, value] of ops) {
      const param = op === 'eq' ? `data[${field}]` : `data[${field}][${op}]`
      if (typeof value !== 'string') throw badFormat(param)
      const text = 'CAST(json_extract(d.data, ?) AS TEXT)'
      const num = 'CAST(json_extract(d.data, ?) AS REAL)'
      switch (op) {
        case 'eq': where.clauses.push(`${text} = ?`); where.params.push(path, value); break
        case 'ne': where.clauses.push(`${text} IS NOT ?`); where.params.push(path, value); break
        case 'in': case 'nin':
          where.clauses.push(`${text} ${op === 'in' ? 'IN' : 'NOT IN'} (SELECT value FROM json_each(?))`)
          where.params.push(path, JSON.stringify(value.split(',').map(v => v.trim())))
          break
        case 'ctn': where.clauses.push(`${text} LIKE ? ESCAPE '\\'`); where.params.push(path, likePattern(value)); break
        case 'lt': case 'lte': case 'gt': case 'gte': {
          const n = Number(value)
          if (value.trim() === '' || Number.isNaN(n)) throw badFormat(param)
          where.clauses.push(`${num} ${COMPARE[op]} ?`)
          where.params.push(path, n)
          break
        }
        default: throw fail(400, `Operator "${op}" is not supported for field "data[${field}]".`)
      }
    }
  }
}

/** Filters from the query, skipping the keys in `reserved`. Unknown fields answer 400. */
export function buildWhere(query: Params, fields: Record<string, FieldSpec>, reserved: readonly string[], allowData: boolean): Where {
  const where: Where = { clauses: [], params: [] }
  for (const [key, raw] of Object.entries(query)) {
    if (reserved.includes(key)) continue
    if (key === 'data' && allowData) { addDataClauses(where, raw); continue }
    const spec = Object.hasOwn(fields, key) ? fields[key] : undefined
    if (!spec) throw fail(400, `Unknown filter field "${key}".`)
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [op, value] of Object.entries(raw)) addClause(where, key, spec, op as Op, value)
    }
    else {
      addClause(where, key, spec, 'eq', raw)
    }
  }
  return where
}

export interface Page {
  skip: number
  limit: number
  orderBy: string
}

/** skip/limit (default 100, capped at 100) and sort_asc/sort_desc against a whitelist. */
export function buildPage(query: Params, sorts: Record<string, string>, fallback: string, tieBreak: string): Page {
  const skip = intParam(query.skip, 'skip', 0, 0)
  const limit = Math.min(intParam(query.limit, 'limit', MAX_LIMIT, 1), MAX_LIMIT)
  if (query.sort_asc !== undefined && query.sort_desc !== undefined)
    throw fail(400, 'Parameters "sort_asc" and "sort_desc" can\'t be used together.')
  let orderBy = fallback
  for (const dir of ['sort_asc', 'sort_desc'] as const) {
    const field = query[dir]
    if (field === undefined) continue
    const column = typeof field === 'string' && Object.hasOwn(sorts, field) ? sorts[field] : undefined
    if (!column) throw badFormat(dir)
    const sqlDir = dir === 'sort_asc' ? 'ASC' : 'DESC'
    orderBy = column === tieBreak ? `${column} ${sqlDir}` : `${column} ${sqlDir}, ${tieBreak} ${sqlDir}`
  }
  return { skip, limit, orderBy }
}

function intParam(value: unknown, param: string, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value.trim())) throw badFormat(param)
  const n = Number(value)
  if (n < min) throw badFormat(param)
  return n
}
