import { describe, expect, it } from 'vitest'
import { testBank } from '../support/bank'
import { dashboard } from '../../main/dashboard/dashboard'
import { createMerchant } from '../../main/merchants/merchants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { openDemoApp, seedDemoImage, send } from './demo-app'

const hour_ms = 3_600_000

/**
 * A bank on a real database with a frozen clock, purchases placed on either side of the
 * day and month boundaries (UTC): the dashboard's figures must be exactly those purchases.
 */
function scenario() {
  // 31 October, late evening: the day before the month the dashboard will be read in.
  const bank = testBank('2026-10-31T22:00:00.000Z')
  const { clock, ctx, db, merchant } = bank
  const second = createMerchant(db, clock, { name: 'Corner Bakery', category: 'food', currency: 'USD' })
  const { customer } = bank.openCustomer({ credit_limit_minor: 1_000_000, top_up_increment_minor: 1_000 })
  const token = () => {
    const session = ctx.payers.login(customer.payer_id, 'correct horse')
    if (!session) throw new Error('test payer could not log in')
    return session.payer_token
  }
  const buy = (amount_minor: number, shop = merchant) => {
    const { result } = bank.buy(token(), amount_minor, { merchant: shop })
    if (result.status !== 'approved') throw new Error(`purchase of ${amount_minor} declined: ${result.code}`)
    return result
  }
  /** A purchase's outcome in any currency, for declines and other currencies. */
  const outcome = (payer_token: string, amount_minor: number, shop: typeof merchant, currency = 'USD') =>
    bank.buy(payer_token, amount_minor, { merchant: shop, currency }).result.status
  return { ...bank, second, customer, token, buy, outcome }
}

describe('dashboard.get', () => {
  it('counts today and this month exactly, split by method, with the top-ups micropayments caused', () => {
    const t = scenario()
    // October 31 (last month; inside the 30-day series): a micropayment that tops up 10.00.
    const october = t.buy(120)
    expect(october.status === 'approved' && october.top_up_minor).toBe(1_000)
    t.buy(2_500) // credit, October

    t.clock.advance(3 * hour_ms) // 1 November 01:00
    t.buy(300, t.second) // micropayment from the October top-up's change: no new top-up
    t.buy(700, t.second) // credit

    t.clock.advance(24 * 14 * hour_ms) // 15 November 01:00: "today"
    // Over the credit limit: declined, and in no figure.
    expect(t.outcome(t.token(), 2_000_000, t.merchant)).toBe('declined')
    t.buy(450) // micropayment: 5.80 left of the 10.00 top-up after 1.20 and 3.00, so 1.30 left after this
    const topped = t.buy(200) // short by 0.70: tops up 10.00 again
    expect(topped.status === 'approved' && topped.top_up_minor).toBe(1_000)
    t.buy(900) // credit

    t.clock.advance(20 * hour_ms) // 15 November 21:00, still today
    // The Gazette settles at 15.00 and keeps 1% for the SP: its 41.70 unsettled is due, net
    // 41.70 - 0.41 (discount rounded down) = 41.29. The Bakery has no rule: closed by hand only.
    t.db.prepare('UPDATE merchants SET settle_at_minor = 1500, discount_bps = 100 WHERE id = ?').run(t.merchant.id)
    const view = dashboard(t.db, t.clock.now())
    expect(view.today_start).toBe('2026-11-15T00:00:00.000Z')
    expect(view.month_start).toBe('2026-11-01T00:00:00.000Z')
    const usd = view.currencies.find((c) => c.currency === 'USD')
    expect(usd?.exponent).toBe(2)
    expect(usd?.today).toEqual({
      purchases: { count: 3, amount_minor: 450 + 200 + 900 },
      micropayments: { count: 2, amount_minor: 650 },
      credit_purchases: { count: 1, amount_minor: 900 },
      top_ups: { count: 1, amount_minor: 1_000 },
    })
    expect(usd?.month).toEqual({
      purchases: { count: 5, amount_minor: 300 + 700 + 450 + 200 + 900 },
      micropayments: { count: 3, amount_minor: 950 },
      credit_purchases: { count: 2, amount_minor: 1_600 },
      top_ups: { count: 1, amount_minor: 1_000 },
    })
    // The series: 30 days ending today, October's purchases on their own day.
    expect(usd?.daily).toHaveLength(30)
    expect(usd?.daily[0]?.day).toBe('2026-10-17')
    expect(usd?.daily.at(-1)).toEqual({ day: '2026-11-15', micropayment_minor: 650, credit_minor: 900, top_up_minor: 1_000 })
    expect(usd?.daily.find((d) => d.day === '2026-10-31')).toEqual({ day: '2026-10-31', micropayment_minor: 120, credit_minor: 2_500, top_up_minor: 1_000 })
    expect(usd?.daily.find((d) => d.day === '2026-11-01')).toEqual({ day: '2026-11-01', micropayment_minor: 300, credit_minor: 700, top_up_minor: 0 })
    const total = (key: 'micropayment_minor' | 'credit_minor' | 'top_up_minor') => usd?.daily.reduce((sum, d) => sum + d[key], 0)
    expect([total('micropayment_minor'), total('credit_minor'), total('top_up_minor')]).toEqual([120 + 950, 2_500 + 1_600, 2_000])
    // This month's merchants by amount: the Gazette 15.50, the Bakery 10.00; October does not count.
    expect(usd?.top_merchants).toEqual([
      { merchant_id: t.merchant.id, name: 'Daily Gazette', count: 3, amount_minor: 1_550 },
      { merchant_id: t.second.id, name: 'Corner Bakery', count: 2, amount_minor: 1_000 },
    ])
    expect(usd?.settlements_due).toEqual({ count: 1, amount_minor: 4_129 })
    expect(usd?.bills_overdue).toEqual({ count: 0, amount_minor: 0 })
    expect(usd?.open_disputes).toEqual({ count: 0, amount_minor: 0 })
  })

  it('keeps closed days from earlier reads and still answers exactly as a fresh sum, day after day', () => {
    const t = scenario()
    for (let day = 0; day < 40; day++) {
      t.buy(100 + day) // a micropayment, sometimes with a top-up
      if (day % 3 === 0) t.buy(600 + day, t.second) // a credit purchase at the other merchant
      t.clock.advance(6 * hour_ms)
      // Read mid-day and again later the same day, after another purchase.
      expect(dashboard(t.db, t.clock.now())).toEqual(dashboard(t.db, t.clock.now(), { cache: false }))
      t.buy(50)
      t.clock.advance(18 * hour_ms)
      const cached = dashboard(t.db, t.clock.now())
      expect(cached).toEqual(dashboard(t.db, t.clock.now(), { cache: false }))
    }
    const usd = dashboard(t.db, t.clock.now()).currencies.find((c) => c.currency === 'USD')
    expect(usd?.daily.filter((d) => d.micropayment_minor > 0)).toHaveLength(30)
  })

  it('at one minute past midnight on the 1st, today and the month hold only that minute', () => {
    const t = scenario()
    t.buy(2_500)
    t.clock.advance(2 * hour_ms) // 1 November 00:00
    t.clock.advance(60_000)
    const view = dashboard(t.db, t.clock.now())
    const usd = view.currencies.find((c) => c.currency === 'USD')
    expect(usd?.today.purchases).toEqual({ count: 0, amount_minor: 0 })
    expect(usd?.month.purchases).toEqual({ count: 0, amount_minor: 0 })
    expect(usd?.daily.at(-2)).toEqual({ day: '2026-10-31', micropayment_minor: 0, credit_minor: 2_500, top_up_minor: 0 })
  })

  it('keeps currencies apart, shows overdue bills and open disputes, and counts no declined purchase', () => {
    const t = scenario()
    setMicropaymentThreshold(t.db, 'EUR', 300, t.clock.now())
    const euro_shop = createMerchant(t.db, t.clock, { name: 'Kiosk Paris', category: 'news', currency: 'EUR' })
    const euro = t.openCustomer({ currency: 'EUR', name: 'Marie Curie', credit_limit_minor: 50_000, top_up_increment_minor: 500 })
    const bought = t.buy(900)
    const eur = t.outcome(euro.token, 250, euro_shop, 'EUR')
    expect(eur).toBe('approved')
    // Over the credit limit: declined, so in no figure.
    expect(t.outcome(euro.token, 60_000, euro_shop, 'EUR')).toBe('declined')

    const now = t.clock.now().toISOString()
    const insert_bill = t.db.prepare(
      `INSERT INTO bills (reference, customer_id, currency, cycle_start, cycle_end, close_reason, charges_minor, credits_minor, fee_minor, total_minor, paid_minor, due_at, closed_at)
       VALUES (?, ?, 'USD', ?, ?, 'cycle_end', ?, 0, 0, ?, ?, ?, ?)`,
    )
    insert_bill.run('B-1', t.customer.id, '2026-09-01', '2026-10-01', 4_000, 4_000, 1_000, '2026-10-20T00:00:00.000Z', now) // overdue, 30.00 open
    insert_bill.run('B-2', t.customer.id, '2026-08-01', '2026-09-01', 2_000, 2_000, 2_000, '2026-09-20T00:00:00.000Z', now) // paid
    insert_bill.run('B-3', t.customer.id, '2026-10-01', '2026-11-01', 5_000, 5_000, 0, '2026-11-20T00:00:00.000Z', now) // not yet due
    const staff = t.db
      .prepare(`INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES ('clerk', 'Clerk', 'back_office_clerk', 'x', ?)`)
      .run(now)
    const charge = t.db.prepare(`SELECT id FROM transfers WHERE code = 'credit_purchase' ORDER BY id DESC LIMIT 1`).get() as { id: number }
    t.db
      .prepare(
        `INSERT INTO disputes (transfer_id, customer_id, merchant_id, amount_minor, currency, reason, status, opened_by, opened_at)
         VALUES (?, ?, ?, 900, 'USD', 'not received', 'open', ?, ?)`,
      )
      .run(charge.id, t.customer.id, t.merchant.id, staff.lastInsertRowid, now)
    expect(bought.amount_minor).toBe(900)

    const view = dashboard(t.db, t.clock.now())
    const usd = view.currencies.find((c) => c.currency === 'USD')
    const euro_view = view.currencies.find((c) => c.currency === 'EUR')
    expect(usd?.today.purchases).toEqual({ count: 1, amount_minor: 900 })
    expect(euro_view?.today).toEqual({
      purchases: { count: 1, amount_minor: 250 },
      micropayments: { count: 1, amount_minor: 250 },
      credit_purchases: { count: 0, amount_minor: 0 },
      top_ups: { count: 1, amount_minor: 500 },
    })
    expect(euro_view?.top_merchants).toEqual([{ merchant_id: euro_shop.id, name: 'Kiosk Paris', count: 1, amount_minor: 250 }])
    expect(usd?.bills_overdue).toEqual({ count: 1, amount_minor: 3_000 })
    expect(usd?.open_disputes).toEqual({ count: 1, amount_minor: 900 })
    expect(euro_view?.bills_overdue).toEqual({ count: 0, amount_minor: 0 })
  })
})

describe('dashboard.get over the console API', () => {
  it('answers the demo bank with USD figures that match its orders, and refuses a branch tester', async () => {
    const t = openDemoApp(seedDemoImage())
    const login = async (role: string) => {
      const staff = t.credentials.staff.find((s) => s.role === role)
      if (!staff) throw new Error(`no ${role} in the demo bank`)
      const answer = await send(t, 'session.login', { username: staff.username, password: staff.password }, null)
      return answer.set_cookie?.split(';')[0] ?? null
    }
    const answer = await send(t, 'dashboard.get', {}, await login('back_office_clerk'))
    expect(answer.status).toBe(200)
    if (!answer.body.ok) throw new Error(answer.body.error.message)
    const data = answer.body.data as { currencies: Array<{ currency: string; month: { purchases: { count: number; amount_minor: number } } }> }
    const expected = t.db
      .prepare(
        `SELECT currency, count(*) AS count, sum(amount_minor) AS amount_minor FROM purchases
         WHERE status = 'approved' AND created_at >= '2026-11-01' GROUP BY currency`,
      )
      .all() as Array<{ currency: string; count: number; amount_minor: number }>
    expect(expected.length).toBeGreaterThan(0)
    for (const row of expected) {
      expect(data.currencies.find((c) => c.currency === row.currency)?.month.purchases).toEqual({ count: row.count, amount_minor: row.amount_minor })
    }
    expect(data.currencies.map((c) => c.currency)).toContain('USD')
    const refused = await send(t, 'dashboard.get', {}, await login('branch_tester'))
    expect(refused.status).toBe(403)
  })
})
