/**
 * Six weeks of past business for the demo bank, so a newcomer's back office is not empty: the
 * dashboard has a month to chart, Bills and Settlement have closed bills and batches, payouts
 * have been sent, one customer has let a bill go overdue, and one dispute waits.
 *
 * The past is played, not written: three more merchants and eight more customers are made on
 * a clock set six weeks back, then the clock steps forward six hours at a time through the
 * real purchase flow and the host's own settlement and billing jobs, with the demo clerk
 * recording payments and sending payouts as a clerk would. Nothing here touches the demo
 * bank's other customers and merchants, whose balances the walkthroughs in the README and
 * the end-to-end tests rely on.
 */
import type { Database } from '../store/database'
import { SteppedClock } from '../clock'
import { createContext } from './context'
import { createCustomer, customerAccounts } from '../customers/customers'
import { createMerchant, merchant as merchantRow } from '../merchants/merchants'
import { updateMerchantProfile } from '../merchants/onboarding'
import { setMerchantTerms } from '../merchants/terms'
import { fundValueAccount } from '../payments/value-moves'
import { setCustomerBilling } from '../billing/customer-settings'
import { closeDueBills } from '../billing/job'
import { recordBillPayment } from '../billing/payments'
import { settleDueMerchants } from '../settlement/job'
import { markPayoutSent, payoutForExport } from '../settlement/payouts'
import { openNewDispute } from '../disputes/disputes'
import { randomToken } from '../security/secrets'

export const demo_history_days = 42
const step_ms = 6 * 3_600_000
const day_ms = 86_400_000

const merchants = [
  {
    name: 'Morning Herald', category: 'News', code: 'HERALD-001', contact: 'Clark Kent', email: 'ap@herald.example.test',
    iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', account_number: null,
    terms: { discount_bps: 250, fee_per_purchase_minor: 2, settle_at_minor: 20_000, settle_every_days: 7 },
    items: ['Article: Harbour bridge reopens', 'Article: Budget night explained', 'Crossword: Saturday cryptic', 'Article: The night market'],
  },
  {
    name: 'Tune Box', category: 'Music', code: 'TUNEBOX-001', contact: 'Nina Simone', email: 'royalties@tunebox.example.test',
    iban: null, bic: null, account_number: '004455667788',
    terms: { discount_bps: 400, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: 10 },
    items: ['Song: Blue Monday', 'Song: Harbour Lights', 'Album: Night Trains', 'Song: Paper Moon'],
  },
  {
    name: 'Quiz Hall', category: 'Games', code: 'QUIZ-001', contact: 'Ken Jennings', email: 'finance@quizhall.example.test',
    iban: 'GB82WEST12345698765432', bic: 'WESTGB2L', account_number: null,
    terms: { discount_bps: 500, fee_per_purchase_minor: 5, settle_at_minor: 15_000, settle_every_days: null },
    items: ['Game: Daily quiz pass', 'Game: Hint pack', 'Game: Season ticket', 'Game: Extra lives'],
  },
] as const

/** Who pays and who does not: Sophie never pays, so her bill goes overdue and she is suspended. */
const customers = [
  { name: 'Emmy Noether', billing_day: 1, cap: null, fee: 0, fund: 3_000, pays: true },
  { name: 'Rosalind Franklin', billing_day: 1, cap: 6_000, fee: 0, fund: 0, pays: true },
  { name: 'Lise Meitner', billing_day: 15, cap: null, fee: 150, fund: 1_500, pays: true },
  { name: 'Chien-Shiung Wu', billing_day: 1, cap: null, fee: 0, fund: 0, pays: true },
  { name: 'Barbara McClintock', billing_day: 8, cap: 8_000, fee: 0, fund: 2_000, pays: true },
  { name: 'Dorothy Hodgkin', billing_day: 1, cap: null, fee: 100, fund: 0, pays: true },
  { name: 'Mary Somerville', billing_day: 22, cap: null, fee: 0, fund: 5_000, pays: true },
  { name: 'Sophie Germain', billing_day: 1, cap: null, fee: 0, fund: 0, pays: false },
] as const

/** mulberry32: the same past on every new demo database. */
function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface DemoHistory {
  purchases: number
  bills: number
  batches: number
}

/** Plays the past up to `until` on the database of a demo bank just seeded; the demo clerk acts. */
export function playDemoHistory(db: Database, master_key: Buffer, until: Date): DemoHistory {
  const clock = new SteppedClock(new Date(until.getTime() - demo_history_days * day_ms))
  const ctx = createContext(db, clock, master_key)
  const clerk = db.prepare("SELECT id FROM staff WHERE username = 'clerk'").get() as { id: number } | undefined
  if (!clerk) throw new Error('the demo history needs the demo clerk')
  const next = seeded(20_261_001)
  let key = 0
  let purchases = 0

  return db.transaction(() => {
    const shops = merchants.map((m) => {
      const row = createMerchant(db, clock, { name: m.name, category: m.category, currency: 'USD', demo: true })
      updateMerchantProfile(db, row.id, {
        name: m.name, category: m.category, contact_name: m.contact, contact_email: m.email, contact_phone: '',
        merchant_code: m.code, settlement_iban: m.iban, settlement_bic: m.bic, settlement_account_number: m.account_number, status: 'active',
      })
      setMerchantTerms(db, row.id, m.terms)
      return { row: merchantRow(db, row.id), items: m.items }
    })
    const payers = customers.map((c) => {
      const customer = createCustomer(db, clock, {
        name: c.name, email: '', currency: 'USD', credit_limit_minor: 60_000, top_up_increment_minor: 1_000,
        micropayment_limit_per_purchase_minor: null, micropayment_limit_per_day_minor: null,
        // Nobody signs in as these payers: their password is random and never shown.
        payer_password: randomToken(12), demo: true,
      })
      setCustomerBilling(db, clock, customer.id, { billing_day: c.billing_day, bill_cap_minor: c.cap, bill_fee_minor: c.fee }, null)
      if (c.fund > 0) {
        fundValueAccount(db, clock, ctx.ledger, ctx.requests, { scope: 'demo', idempotency_key: `history-fund-${customer.id}`, account_id: customerAccounts(db, customer.id).value.id, amount_minor: c.fund, memo: 'Demo opening deposit' })
      }
      // The demo's simulated shoppers stay signed in for the whole past.
      const session = ctx.payers.issue(customer.id, (demo_history_days + 1) * day_ms)
      return { customer, pays: c.pays, token: session.payer_token }
    })

    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
    let last_paid_day = 0
    for (let at = clock.now().getTime() + step_ms; at <= until.getTime() - step_ms; at += step_ms) {
      clock.moveTo(new Date(at))
      const count = Math.floor(next() * 5)
      for (let k = 0; k < count; k++) {
        const shop = pick(shops)
        const payer = pick(payers)
        const credit = next() < 0.18
        const amount_minor = credit ? 500 + Math.floor(next() * 2_000) : 10 + Math.floor(next() * 440)
        const { result } = ctx.purchases.purchase({
          merchant: shop.row,
          idempotency_key: `history-${++key}`,
          payer_token: payer.token,
          item: { id: `history-${key}`, title: pick(shop.items) },
          amount_minor,
          currency: 'USD',
        })
        if (result.status === 'approved') purchases++
      }
      settleDueMerchants(ctx, clock.now())
      closeDueBills(ctx, clock.now())

      // Once a week the clerk records what customers paid and sends the payouts due.
      const day = Math.floor((at - (until.getTime() - demo_history_days * day_ms)) / day_ms)
      if (day - last_paid_day >= 7) {
        last_paid_day = day
        payBills(ctx, clerk.id, payers, clock.now(), ++key)
        sendPayouts(ctx, clerk.id, clock.now())
      }
    }

    // One dispute waits for the back office: a recent purchase the customer says never arrived.
    const recent = db.prepare("SELECT purchase_id FROM purchases WHERE status = 'approved' AND item_id LIKE 'history-%' ORDER BY id DESC LIMIT 1").get() as { purchase_id: string } | undefined
    if (recent) openNewDispute(ctx, clerk.id, { purchase_id: recent.purchase_id, reason: 'The customer says the download never arrived.', idempotency_key: 'history-dispute' })

    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return { purchases, bills: count('SELECT count(*) AS n FROM bills'), batches: count('SELECT count(*) AS n FROM settlement_batches') }
  })()
}

/** Customers who pay settle every bill closed more than a week ago, in full. */
function payBills(ctx: ReturnType<typeof createContext>, clerk_id: number, payers: Array<{ customer: { id: number }; pays: boolean }>, now: Date, key: number): void {
  const week_ago = new Date(now.getTime() - 7 * day_ms).toISOString()
  for (const payer of payers.filter((p) => p.pays)) {
    const { owed } = ctx.db
      .prepare('SELECT ifnull(sum(total_minor - paid_minor), 0) AS owed FROM bills WHERE customer_id = ? AND closed_at <= ? AND paid_minor < total_minor')
      .get(payer.customer.id, week_ago) as { owed: number }
    if (owed > 0) recordBillPayment(ctx, { customer_id: payer.customer.id, amount_minor: owed, reference: `Giro ${now.toISOString().slice(0, 10)}`, idempotency_key: `history-pay-${key}-${payer.customer.id}` }, clerk_id)
  }
}

/** Batches closed more than two days ago are exported and sent to the bank. */
function sendPayouts(ctx: ReturnType<typeof createContext>, clerk_id: number, now: Date): void {
  const two_days_ago = new Date(now.getTime() - 2 * day_ms).toISOString()
  const unsent = ctx.db
    .prepare('SELECT b.id FROM settlement_batches b WHERE b.closed_at <= ? AND NOT EXISTS (SELECT 1 FROM settlement_payouts p WHERE p.batch_id = b.id) ORDER BY b.id')
    .all(two_days_ago) as Array<{ id: number }>
  for (const batch of unsent) {
    const { payout } = payoutForExport(ctx, batch.id, clerk_id, true)
    markPayoutSent(ctx, payout.id, clerk_id, now)
  }
}
