// Test helper for the unit and e2e tests of the CSV export: no imports, so Playwright can load it too.

/** A small RFC 4180 reader: the rows and cells of a CSV as a spreadsheet reads them (CRLF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      }
      else if (c === '"') {
        quoted = false
      }
      else {
        cell += c
      }
    }
    else if (c === '"') {
      quoted = true
    }
    else if (c === ',') {
      row.push(cell)
      cell = ''
    }
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    }
    else {
      cell += c
    }
  }
  return rows
}

/** The rows after the header row, each as header name → cell ('' where a row is short). */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text)
  return body.map(cells => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ''])))
}
