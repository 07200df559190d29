/** The date and time fields of a request, from one instant so they always agree. */

const two = (n: number) => String(n).padStart(2, '0')

/** Field 7, transmission date and time: MMDDhhmmss in UTC. */
export function transmissionTime(at: Date): string {
  return `${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`
}

/** Field 12, local time: hhmmss in the terminal's time zone. */
export function localTime(at: Date): string {
  return `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`
}

/** Field 13, local date: MMDD in the terminal's time zone. */
export function localDate(at: Date): string {
  return `${two(at.getMonth() + 1)}${two(at.getDate())}`
}

/**
 * Field 37, retrieval reference number, as the terminal proposes it: the last digit of the
 * year, the day of the year, the hour (UTC) and the STAN; unique per terminal per day.
 */
export function retrievalReference(at: Date, stan: string): string {
  const year_start = Date.UTC(at.getUTCFullYear(), 0, 0)
  const day = Math.floor((at.getTime() - year_start) / 86_400_000)
  return `${String(at.getUTCFullYear()).slice(-1)}${String(day).padStart(3, '0')}${two(at.getUTCHours())}${stan}`
}

/** "2025-03-15 14:30" in local time, for receipts and the journal. */
export function receiptTime(at: Date): string {
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`
}
