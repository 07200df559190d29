import { z } from 'zod'
import { currency, id, iso_time, type CommandSpecs } from '../schemas'

/** A count of things and their amount, in integer minor units of the card's currency. */
const figure = z.object({ count: z.number().int(), amount_minor: z.number().int() })

const volume = z.object({
  purchases: figure,
  micropayments: figure,
  credit_purchases: figure,
  top_ups: figure,
})

export const currency_dashboard_view = z.object({
  currency,
  exponent: z.number().int(),
  today: volume,
  month: volume,
  /** The last 30 UTC days, oldest first, every day present (zero on a quiet day). */
  daily: z.array(z.object({ day: z.string(), micropayment_minor: z.number().int(), credit_minor: z.number().int(), top_up_minor: z.number().int() })),
  top_merchants: z.array(figure.extend({ merchant_id: id, name: z.string() })),
  /** Merchants whose settlement rule says close a batch now, and the net those batches would pay out. */
  settlements_due: figure,
  bills_overdue: figure,
  open_disputes: figure,
})
export type CurrencyDashboardView = z.infer<typeof currency_dashboard_view>

export const dashboard_view = z.object({
  as_of: iso_time,
  /** UTC midnight today and the first of the month: the bounds of "today" and "this month". */
  today_start: iso_time,
  month_start: iso_time,
  currencies: z.array(currency_dashboard_view),
})
export type DashboardView = z.infer<typeof dashboard_view>

/** The dashboard commands of the console contract (issue 4). */
export const dashboard_commands = {
  'dashboard.get': {
    input: z.object({}).strict(),
    output: dashboard_view,
    roles: ['administrator', 'back_office_clerk', 'supervisor', 'auditor'],
  },
} as const satisfies CommandSpecs
