/**
 * Billing cycles (seed 001, figure 3A: the bill is aggregated monthly). A customer's cycle
 * ends at 00:00 UTC on their billing day (1-28, so every month has it) each month; a cycle
 * is [previous end, end). Pure date arithmetic on UTC, no clock.
 */
export const billing_day_min = 1
export const billing_day_max = 28

function cycleEndIn(year: number, month: number, billing_day: number): Date {
  // Date.UTC rolls month 12 into the next year, so callers may pass month + 1 freely.
  return new Date(Date.UTC(year, month, billing_day))
}

/** The first cycle end strictly after `at`. */
export function nextCycleEnd(at: Date, billing_day: number): Date {
  const this_month = cycleEndIn(at.getUTCFullYear(), at.getUTCMonth(), billing_day)
  return this_month.getTime() > at.getTime() ? this_month : cycleEndIn(at.getUTCFullYear(), at.getUTCMonth() + 1, billing_day)
}

/** The cycle end one month before `end` (the start of the cycle that ends at `end`). */
export function previousCycleEnd(end: Date, billing_day: number): Date {
  return cycleEndIn(end.getUTCFullYear(), end.getUTCMonth() - 1, billing_day)
}

/** The cycle that contains `at`: [start, end). */
export function cycleContaining(at: Date, billing_day: number): { start: Date; end: Date } {
  const end = nextCycleEnd(at, billing_day)
  return { start: previousCycleEnd(end, billing_day), end }
}

/**
 * Every cycle end in (after, until]: the cycles that ended since `after` and must be
 * closed now. A host that was down three months gets three.
 */
export function cycleEndsBetween(after: Date, until: Date, billing_day: number): Date[] {
  const ends: Date[] = []
  for (let end = nextCycleEnd(after, billing_day); end.getTime() <= until.getTime(); end = nextCycleEnd(end, billing_day)) {
    ends.push(end)
  }
  return ends
}
