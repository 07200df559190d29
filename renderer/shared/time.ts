/**
 * Times come from the host as ISO strings (UTC); clerks read them in the machine's local time,
 * written the same way everywhere ("2025-03-04 14:05:09") so columns line up.
 */
function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  )
}

/**
 * A date input's "YYYY-MM-DD" as the ISO instant where that local day starts, or where it ends
 * (the last millisecond) so a "to" date includes the whole day the clerk picked.
 */
export function localDayToIso(day: string, edge: 'start' | 'end'): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return undefined
  const [, year, month, date] = match.map(Number) as [number, number, number, number]
  const instant =
    edge === 'start' ? new Date(year, month - 1, date, 0, 0, 0, 0) : new Date(year, month - 1, date, 23, 59, 59, 999)
  return instant.toISOString()
}
