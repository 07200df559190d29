/**
 * The pure parts of the console's table, kept apart so they are tested without a browser:
 * where the row focus goes for a key, and the CSV of the rows on screen.
 */

/** Rows PageUp and PageDown jump by: about one screenful of dense rows. */
export const page_jump = 15

/**
 * The row index a key moves the focus to, or undefined for a key the table does not handle.
 * From no focus (-1), ArrowDown starts at the first row and ArrowUp at the last.
 */
export function nextRowIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined
  const last = count - 1
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(last, current + 1)
    case 'ArrowUp':
      return current < 0 ? last : Math.max(0, current - 1)
    case 'Home':
      return 0
    case 'End':
      return last
    case 'PageDown':
      return Math.min(last, Math.max(0, current) + page_jump)
    case 'PageUp':
      return Math.max(0, current - page_jump)
    default:
      return undefined
  }
}

export type CsvValue = string | number | boolean | null | undefined

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (=, +, @, or - before a non-digit) gets a leading
 * apostrophe; numbers, negative amounts included, are written as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const safe = /^[=+@\t\r]|^-(?![\d.])/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** A CSV document: a header line, then one line per row, CRLF line ends. */
export function toCsv(headers: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [headers, ...rows].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n'
}
