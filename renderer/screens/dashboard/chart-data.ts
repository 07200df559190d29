/**
 * The 30-day series as the chart draws it. Amounts stay integer minor units: the chart's
 * scale needs numbers, and only the axis and tooltip labels are turned into major units,
 * by formatMinor from the integers, never by dividing into floats.
 */
import { formatMinor } from '../../../main/ledger/money'
import type { CurrencyDashboardView } from '../../../main/api/console/commands/dashboard'

export interface ChartPoint {
  /** "Nov 14": short enough for 30 ticks. */
  label: string
  day: string
  micropayment_minor: number
  credit_minor: number
  top_up_minor: number
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

export function dayLabel(day: string): string {
  const [, month, date] = day.split('-').map(Number) as [number, number, number]
  return `${months[month - 1] ?? ''} ${date}`
}

export function chartPoints(view: CurrencyDashboardView): ChartPoint[] {
  return view.daily.map((d) => ({ ...d, label: dayLabel(d.day) }))
}

/**
 * An axis label in major units from a tick in minor units. Below 100 units at the top of the
 * scale every label keeps its cents ("4.50", "9.00"), so the labels read alike; above, whole
 * units, with k and M for big figures (the cards and tooltip carry the exact cents).
 */
export function axisLabel(tick_minor: number, exponent: number, max_minor: number): string {
  const minor = Math.round(tick_minor)
  const unit = 10 ** exponent
  if (max_minor < 100 * unit) return formatMinor(minor, exponent)
  const whole = Math.trunc(minor / unit)
  if (Math.abs(whole) >= 1_000_000) return `${formatMinor(Math.trunc(whole / 100_000), 1)}M`
  if (Math.abs(whole) >= 10_000) return `${formatMinor(Math.trunc(whole / 1_000), 0)}k`
  return formatMinor(whole, 0)
}

/** The highest stacked day or top-up line, for the axis labels. */
export function chartMax(points: readonly ChartPoint[]): number {
  return Math.max(0, ...points.map((p) => Math.max(p.micropayment_minor + p.credit_minor, p.top_up_minor)))
}
