/**
 * The back office's dashboard: per currency, today's and this month's approved purchases
 * (micropayments against credit purchases, and the top-ups they caused), a daily series for
 * the last 30 days, the month's top merchants, settlements due, bills overdue and open disputes. Days and
 * months are UTC, like every timestamp the host stores.
 *
 * Everything comes from a few aggregates over indexed time ranges (purchases_approved_day,
 * bills_due, disputes_status), never from a scan of the journal, so it stays fast with a
 * hundred thousand transfers and more. Amounts are integer minor units throughout.
 */
import type { Database } from '../store/database'
import { settlementDue } from '../settlement/due'

export const series_days = 30
export const top_merchants_count = 5

export interface Figure {
  count: number
  amount_minor: number
}

export interface Volume {
  /** Every approved purchase, micropayment or credit. */
  purchases: Figure
  micropayments: Figure
  credit_purchases: Figure
  /** Top-ups from credit into value that micropayments caused. */
  top_ups: Figure
}

export interface DailyVolume {
  /** YYYY-MM-DD, UTC. */
  day: string
  micropayment_minor: number
  credit_minor: number
  top_up_minor: number
}

export interface CurrencyDashboard {
  currency: string
  exponent: number
  today: Volume
  month: Volume
  daily: DailyVolume[]
  top_merchants: Array<{ merchant_id: number; name: string } & Figure>
  /** Merchants whose settlement rule says close a batch now, and the net those batches would pay. */
  settlements_due: Figure
  bills_overdue: Figure
  open_disputes: Figure
}

export interface Dashboard {
  as_of: string
  today_start: string
  month_start: string
  currencies: CurrencyDashboard[]
}

/** Settlement's own verdict (main/settlement/due.ts), summed per currency: due merchants and their net payout. */
function settlementsDue(db: Database, now: Date): Array<{ currency: string } & Figure> {
  const sums = new Map<string, { currency: string } & Figure>()
  for (const row of settlementDue(db, now)) {
    if (!row.due) continue
    const sum = sums.get(row.currency) ?? { currency: row.currency, count: 0, amount_minor: 0 }
    sum.count += 1
    sum.amount_minor += row.net_minor
    sums.set(row.currency, sum)
  }
  return [...sums.values()]
}

const day_ms = 86_400_000

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

function emptyVolume(): Volume {
  const zero = () => ({ count: 0, amount_minor: 0 })
  return { purchases: zero(), micropayments: zero(), credit_purchases: zero(), top_ups: zero() }
}

interface DayRow {
  currency: string
  day: string
  method: 'micropayment' | 'credit'
  merchant_id: number
  count: number
  amount_minor: number
  top_up_count: number
  top_up_minor: number
}

/** Adds one day's aggregate for one method into a volume. */
function addTo(volume: Volume, row: DayRow): void {
  volume.purchases.count += row.count
  volume.purchases.amount_minor += row.amount_minor
  const by_method = row.method === 'micropayment' ? volume.micropayments : volume.credit_purchases
  by_method.count += row.count
  by_method.amount_minor += row.amount_minor
  volume.top_ups.count += row.top_up_count
  volume.top_ups.amount_minor += row.top_up_minor
}

/**
 * A past day's purchases never change: a purchase is stamped with the host's clock when it is
 * recorded, and the dashboard reads the same clock. So each closed day is summed once per
 * open database and kept; every later call sums only today. Without this the 30-day window
 * cost 20-40 ms at 100,000 purchases; with it, about a millisecond.
 */
const closed_days = new WeakMap<Database, Map<string, DayRow[]>>()

const day_sql = `SELECT currency, substr(created_at, 1, 10) AS day, method, merchant_id, count(*) AS count, sum(amount_minor) AS amount_minor,
     sum(top_up_minor > 0) AS top_up_count, sum(top_up_minor) AS top_up_minor
   FROM purchases
   WHERE status = 'approved' AND created_at >= @from AND created_at < @to
   GROUP BY currency, day, method, merchant_id`

/**
 * Approved purchases in [window, tomorrow) grouped by day, method and merchant: the covering
 * partial index purchases_approved_day answers it without touching the table, and the
 * month's top merchants come from the same rows instead of a second scan.
 */
function dayRows(db: Database, window: string, today: string, tomorrow: string, cache: boolean): DayRow[] {
  const sum = db.prepare(day_sql)
  if (!cache) return sum.all({ from: window, to: tomorrow }) as DayRow[]
  let days = closed_days.get(db)
  if (!days) {
    days = new Map()
    closed_days.set(db, days)
  }
  const wanted: string[] = []
  for (let at = Date.parse(window); at < Date.parse(today); at += day_ms) wanted.push(new Date(at).toISOString().slice(0, 10))
  const missing = wanted.filter((day) => !days.has(day))
  if (missing.length > 0) {
    const from = `${missing[0]}T00:00:00.000Z`
    const fresh = sum.all({ from, to: today }) as DayRow[]
    for (const day of wanted) if (day >= (missing[0] as string)) days.set(day, [])
    for (const row of fresh) days.get(row.day)?.push(row)
  }
  // Days that left the window are dropped, so the kept days stay about thirty.
  for (const day of days.keys()) if (day < window.slice(0, 10)) days.delete(day)
  return [...wanted.flatMap((day) => days.get(day) ?? []), ...(sum.all({ from: today, to: tomorrow }) as DayRow[])]
}

export function dashboard(db: Database, now: Date, options: { cache?: boolean } = {}): Dashboard {
  const today = utcDay(now)
  const tomorrow = new Date(today.getTime() + day_ms)
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const series_start = new Date(today.getTime() - (series_days - 1) * day_ms)
  // The month can start a day before the series (on the 31st): read whichever is earlier.
  const window_start = month < series_start ? month : series_start
  const iso = { today: today.toISOString(), tomorrow: tomorrow.toISOString(), month: month.toISOString(), window: window_start.toISOString() }

  const day_rows = dayRows(db, iso.window, iso.today, iso.tomorrow, options.cache ?? true)

  const month_day = iso.month.slice(0, 10)
  const by_merchant = new Map<string, { currency: string; merchant_id: number } & Figure>()
  for (const row of day_rows) {
    if (row.day < month_day) continue
    const key = `${row.currency}:${row.merchant_id}`
    const sum = by_merchant.get(key) ?? { currency: row.currency, merchant_id: row.merchant_id, count: 0, amount_minor: 0 }
    sum.count += row.count
    sum.amount_minor += row.amount_minor
    by_merchant.set(key, sum)
  }
  const merchant_name = db.prepare('SELECT name FROM merchants WHERE id = ?')
  const merchant_rows = [...by_merchant.values()]
    .sort((a, b) => b.amount_minor - a.amount_minor || b.count - a.count || a.merchant_id - b.merchant_id)
    .map((r) => ({ ...r, name: (merchant_name.get(r.merchant_id) as { name: string } | undefined)?.name ?? `Merchant ${r.merchant_id}` }))

  const overdue_rows = db
    .prepare(
      `SELECT currency, count(*) AS count, sum(total_minor - paid_minor) AS amount_minor
       FROM bills WHERE paid_minor < total_minor AND due_at < @now GROUP BY currency`,
    )
    .all({ now: now.toISOString() }) as Array<{ currency: string } & Figure>

  const dispute_rows = db
    .prepare(`SELECT currency, count(*) AS count, sum(amount_minor) AS amount_minor FROM disputes WHERE status = 'open' GROUP BY currency`)
    .all() as Array<{ currency: string } & Figure>

  const due_rows = settlementsDue(db, now)

  // Every currency the bank holds money in, even on a quiet day, so a currency never vanishes.
  const held = db
    .prepare(
      `SELECT DISTINCT a.currency, c.exponent FROM accounts a JOIN currencies c ON c.code = a.currency
       WHERE a.kind IN ('value', 'credit', 'merchant_payable')`,
    )
    .all() as Array<{ currency: string; exponent: number }>
  const exponents = new Map(held.map((r) => [r.currency, r.exponent]))
  const mentioned = [...day_rows, ...merchant_rows, ...overdue_rows, ...dispute_rows, ...due_rows].map((r) => r.currency)
  for (const code of mentioned) {
    if (!exponents.has(code)) {
      const found = db.prepare('SELECT exponent FROM currencies WHERE code = ?').get(code) as { exponent: number } | undefined
      exponents.set(code, found?.exponent ?? 2)
    }
  }

  const figureOf = (rows: Array<{ currency: string } & Figure>, currency: string): Figure => {
    const row = rows.find((r) => r.currency === currency)
    return { count: row?.count ?? 0, amount_minor: row?.amount_minor ?? 0 }
  }

  const currencies = [...exponents].map(([currency, exponent]): CurrencyDashboard => {
    const today_volume = emptyVolume()
    const month_volume = emptyVolume()
    const by_day = new Map<string, DailyVolume>()
    for (let i = 0; i < series_days; i++) {
      const day = new Date(series_start.getTime() + i * day_ms).toISOString().slice(0, 10)
      by_day.set(day, { day, micropayment_minor: 0, credit_minor: 0, top_up_minor: 0 })
    }
    for (const row of day_rows) {
      if (row.currency !== currency) continue
      if (row.day >= month_day) addTo(month_volume, row)
      if (row.day === iso.today.slice(0, 10)) addTo(today_volume, row)
      const point = by_day.get(row.day)
      if (point) {
        if (row.method === 'micropayment') point.micropayment_minor += row.amount_minor
        else point.credit_minor += row.amount_minor
        point.top_up_minor += row.top_up_minor
      }
    }
    return {
      currency,
      exponent,
      today: today_volume,
      month: month_volume,
      daily: [...by_day.values()],
      top_merchants: merchant_rows
        .filter((r) => r.currency === currency)
        .slice(0, top_merchants_count)
        .map((r) => ({ merchant_id: r.merchant_id, name: r.name, count: r.count, amount_minor: r.amount_minor })),
      settlements_due: figureOf(due_rows, currency),
      bills_overdue: figureOf(overdue_rows, currency),
      open_disputes: figureOf(dispute_rows, currency),
    }
  })
  // The busiest currency first; the demo bank's USD leads.
  currencies.sort((a, b) => b.month.purchases.amount_minor - a.month.purchases.amount_minor || a.currency.localeCompare(b.currency))
  return { as_of: now.toISOString(), today_start: iso.today, month_start: iso.month, currencies }
}
