/**
 * A month of the bank's life, as the quality bar asks: October 2026, thirty customers
 * buying every three hours at six merchants with different terms, the host's settlement and
 * billing jobs running as they would, a few disputes along the way. At the month's end every
 * merchant is settled and every customer billed, and the figures are recomputed here from the
 * purchases themselves — never from the tables under test — and must agree to the cent. Then
 * the customers pay, and `npm run verify` on the database must pass.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { testBank } from '../support/bank'
import { onboardMerchant } from '../../main/merchants/onboarding'
import { setMerchantTerms } from '../../main/merchants/terms'
import type { MerchantTerms } from '../../main/merchants/rules'
import { merchant as merchantById, type MerchantRow } from '../../main/merchants/merchants'
import { setCustomerBilling } from '../../main/billing/customer-settings'
import { recordBillPayment } from '../../main/billing/payments'
import { closeDueBills } from '../../main/billing/job'
import { settleDueMerchants } from '../../main/settlement/job'
import { closeBatch } from '../../main/settlement/batches'
import { openNewDispute, grantProvisionalCredit, rejectDispute, resolveByReversal } from '../../main/disputes/disputes'
import { createStaff } from '../../main/staff/staff'
import { findAccount, postedBalance, spAccount } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { checkBooks } from '../../main/reports/books'

/** mulberry32: a small seeded generator, so the month is the same on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const hour_ms = 3_600_000
const terms_by_merchant: MerchantTerms[] = [
  { discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: 7 },
  { discount_bps: 250, fee_per_purchase_minor: 0, settle_at_minor: 20_000, settle_every_days: null },
  { discount_bps: 333, fee_per_purchase_minor: 2, settle_at_minor: 15_000, settle_every_days: 10 },
  { discount_bps: 1_000, fee_per_purchase_minor: 5, settle_at_minor: null, settle_every_days: 3 },
  { discount_bps: 75, fee_per_purchase_minor: 1, settle_at_minor: 50_000, settle_every_days: 30 },
  { discount_bps: 1_999, fee_per_purchase_minor: 0, settle_at_minor: 5_000, settle_every_days: 1 },
]

describe('a month of purchases', () => {
  it('bills and settles to the cent, and verify holds afterwards', () => {
    const bank = testBank('2026-10-01T00:00:00.000Z')
    const { db, clock, ctx } = bank
    const now_iso = () => clock.now().toISOString()
    const clerk = createStaff(db, clock, { username: 'month-clerk', display_name: 'Month clerk', role: 'back_office_clerk', password: 'a long enough password' })

    // Six merchants: the test bank's own and five onboarded with an account each.
    const merchants: MerchantRow[] = [bank.merchant]
    for (let i = 1; i < terms_by_merchant.length; i++) {
      const { merchant_id } = onboardMerchant(db, clock, {
        name: `Merchant ${i}`,
        category: 'digital goods',
        contact_name: 'Accounts',
        contact_email: `m${i}@example.test`,
        contact_phone: '',
        merchant_code: `M${String(i).padStart(4, '0')}`,
        settlement_iban: null,
        settlement_bic: null,
        settlement_account_number: `1000000${i}`,
        status: 'active',
        currency: 'USD',
      })
      merchants.push(merchantById(db, merchant_id))
    }
    merchants.forEach((m, i) => setMerchantTerms(db, m.id, terms_by_merchant[i] as MerchantTerms))

    // Thirty customers; some with a cap that closes their bill early, some with a bill fee.
    const customers = Array.from({ length: 30 }, (_, i) => {
      const c = bank.openCustomer({ name: `Customer ${i}`, credit_limit_minor: 200_000, top_up_increment_minor: 1_000 })
      setCustomerBilling(db, clock, c.customer.id, { billing_day: 1, bill_cap_minor: i % 5 === 0 ? 8_000 : null, bill_fee_minor: i % 3 === 0 ? 99 : 0 }, null)
      if (i % 4 === 0) bank.fund(c.accounts().value.id, 2_500)
      return c
    })

    // Payers stay signed in: a sign-in per purchase would cost a scrypt hash each and test
    // nothing this month is about, so the sessions are simply kept alive at every step.
    const keepPayersSignedIn = () => db.prepare('UPDATE payer_sessions SET expires_at = ?').run(new Date(clock.now().getTime() + hour_ms).toISOString())
    const next = random(20261001)
    const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)] as T
    const approved: Array<{ purchase_id: string; merchant_id: number; customer: number; amount_minor: number; method: string; top_up_minor: number }> = []
    let declined = 0
    const runJobs = () => {
      settleDueMerchants(ctx, clock.now())
      closeDueBills(ctx, clock.now())
    }

    // October, every three hours: a handful of purchases, then the jobs' turn.
    const month_end = Date.parse('2026-11-01T00:00:00.000Z')
    while (clock.now().getTime() < month_end - 3 * hour_ms) {
      clock.advance(3 * hour_ms)
      keepPayersSignedIn()
      const count = 1 + Math.floor(next() * 8)
      for (let k = 0; k < count; k++) {
        const merchant = pick(merchants)
        const customer = pick(customers)
        const credit = next() < 0.15
        const amount_minor = credit ? 500 + Math.floor(next() * 2_500) : 1 + Math.floor(next() * 499)
        const { result } = bank.buy(customer.token, amount_minor, { merchant })
        if (result.status === 'approved') {
          approved.push({ purchase_id: result.purchase_id, merchant_id: merchant.id, customer: customer.customer.id, amount_minor, method: result.method, top_up_minor: result.top_up_minor })
        } else {
          declined++
          // Declines are rare and only for reasons a real month has (over the limit), never for a broken flow.
          expect(['credit_limit_exceeded', 'top_up_refused'], result.code).toContain(result.code)
        }
      }
      runJobs()
    }
    expect(approved.length).toBeGreaterThan(700)

    // Three disputes: reversed with a provisional credit, reversed without, rejected.
    const disputed = [approved[10], approved[200], approved[400]].map((p) => p as (typeof approved)[number])
    const [a, b, c] = disputed.map((p, i) => openNewDispute(ctx, clerk.id, { purchase_id: p.purchase_id, reason: `dispute ${i}`, idempotency_key: `open-${i}` }).dispute_id)
    grantProvisionalCredit(ctx, clerk.id, a as number, 'prov-a')
    expect(resolveByReversal(ctx, clerk.id, a as number, 'not delivered', 'rev-a').approval_id).toBeNull()
    expect(resolveByReversal(ctx, clerk.id, b as number, 'charged twice', 'rev-b').approval_id).toBeNull()
    rejectDispute(ctx, clerk.id, c as number, 'delivered', 'rej-c')
    const reversed = [disputed[0], disputed[1]].map((p) => p as (typeof approved)[number])

    // The month ends: the jobs close October's bills; every merchant's remainder is closed by hand.
    clock.advance(month_end + 10 * 60_000 - clock.now().getTime())
    runJobs()
    for (const m of merchants) {
      try {
        closeBatch(ctx, { merchant_id: m.id, closed_by: 'staff', staff_id: clerk.id, idempotency_key: `month-end-${m.id}` }, clock.now())
      } catch (error) {
        // Only "nothing to settle" is acceptable here.
        expect(String(error)).toMatch(/nothing|no purchases|net/i)
      }
    }

    // Settlement, recomputed from the purchases: each merchant's batches hold exactly its
    // approved purchases less the reversed ones; each batch's discount and fees follow its terms.
    const fee_income_before_bills = { discount: 0, fees: 0 }
    merchants.forEach((m, i) => {
      const terms = terms_by_merchant[i] as MerchantTerms
      const mine = approved.filter((p) => p.merchant_id === m.id)
      const sold = mine.reduce((s, p) => s + p.amount_minor, 0)
      const charged_back = reversed.filter((p) => p.merchant_id === m.id).reduce((s, p) => s + p.amount_minor, 0)
      const batches = db.prepare('SELECT * FROM settlement_batches WHERE merchant_id = ? ORDER BY id').all(m.id) as Array<Record<string, number>>
      expect(batches.length, `merchant ${i} settled at least once`).toBeGreaterThan(0)
      expect(batches.reduce((s, x) => s + (x.gross_minor ?? 0), 0)).toBe(sold)
      expect(batches.reduce((s, x) => s + (x.corrections_minor ?? 0), 0)).toBe(charged_back)
      expect(batches.reduce((s, x) => s + (x.purchase_count ?? 0), 0)).toBe(mine.length)
      for (const x of batches) {
        const base = BigInt((x.gross_minor ?? 0) - (x.corrections_minor ?? 0))
        expect(x.discount_minor).toBe(Number((base * BigInt(terms.discount_bps)) / 10_000n))
        expect(x.fees_minor).toBe((x.purchase_count ?? 0) * terms.fee_per_purchase_minor)
        expect(x.net_minor).toBe((x.gross_minor ?? 0) - (x.corrections_minor ?? 0) - (x.discount_minor ?? 0) - (x.fees_minor ?? 0))
        fee_income_before_bills.discount += x.discount_minor ?? 0
        fee_income_before_bills.fees += x.fees_minor ?? 0
      }
      // Nothing left owed to the merchant: the payable account is empty.
      const payable = findAccount(db, 'merchant', m.id, 'merchant_payable', 'USD')
      expect(payable && postedBalance(payable)).toBe(0)
    })
    // The rules closed batches on their own during the month, not only the month-end close.
    const by_rule = db.prepare("SELECT count(*) AS n FROM settlement_batches WHERE closed_by <> 'staff'").get() as { n: number }
    expect(by_rule.n).toBeGreaterThan(10)

    // Billing, recomputed from the purchases: October's charges on each credit account are its
    // credit purchases and top-ups, less a reversed credit purchase; bill fees on top.
    let bill_fees = 0
    for (const c of customers) {
      const mine = approved.filter((p) => p.customer === c.customer.id)
      const charges = mine.reduce((s, p) => s + (p.method === 'credit' ? p.amount_minor : 0) + p.top_up_minor, 0)
      const refunded_to_credit = reversed.filter((p) => p.customer === c.customer.id && p.method === 'credit').reduce((s, p) => s + p.amount_minor, 0)
      const bills = db.prepare('SELECT * FROM bills WHERE customer_id = ? ORDER BY id').all(c.customer.id) as Array<Record<string, number | string>>
      const sum = (key: string) => bills.reduce((s, x) => s + Number(x[key] ?? 0), 0)
      expect(sum('charges_minor') - sum('fee_minor') * 0, `customer ${c.customer.name} charges`).toBe(charges)
      expect(sum('credits_minor')).toBe(refunded_to_credit)
      bill_fees += sum('fee_minor')
      // Every bill is October's: closed at the cycle end or early at the cap, none twice.
      expect(bills.filter((x) => x.close_reason === 'cycle_end').length).toBeLessThanOrEqual(1)
      if (charges > 0) expect(bills.some((x) => x.close_reason === 'cycle_end' || x.close_reason === 'cap_reached')).toBe(true)
      // What the customer owes on the credit line is exactly what the bills say.
      const credit = c.accounts().credit
      expect(postedBalance(credit)).toBe(sum('total_minor'))
    }
    expect(bill_fees).toBeGreaterThan(0)
    expect(db.prepare("SELECT count(*) AS n FROM bills WHERE close_reason = 'cap_reached'").get()).toMatchObject({ n: expect.any(Number) })

    // The SP's fee income is the discounts, the per-purchase fees and the bill fees, to the cent.
    expect(postedBalance(spAccount(db, 'sp_fee_income', 'USD', now_iso()))).toBe(fee_income_before_bills.discount + fee_income_before_bills.fees + bill_fees)

    // Running the jobs again, even after a "restart" (a new day), bills and settles nothing twice.
    const counts = () => db.prepare('SELECT (SELECT count(*) FROM bills) AS bills, (SELECT count(*) FROM settlement_batches) AS batches, (SELECT count(*) FROM transfers) AS transfers').get()
    const before = counts()
    runJobs()
    runJobs()
    expect(counts()).toEqual(before)

    // The customers pay their bills in full.
    for (const c of customers) {
      const owed = postedBalance(c.accounts().credit)
      if (owed > 0) recordBillPayment(ctx, { customer_id: c.customer.id, amount_minor: owed, reference: `giro ${c.customer.id}`, idempotency_key: `pay-${c.customer.id}` }, clerk.id)
    }
    expect(db.prepare('SELECT count(*) AS n FROM bills WHERE paid_minor < total_minor').get()).toEqual({ n: 0 })
    expect(declined).toBeGreaterThanOrEqual(0)

    // verify, in process and as the command a bank's staff would run.
    expect(checkInvariants(db).problems).toEqual([])
    expect(checkBooks(db).problems).toEqual([])
    const dir = mkdtempSync(path.join(tmpdir(), 'centavo-month-'))
    try {
      const file = path.join(dir, 'month.db')
      db.exec(`VACUUM INTO '${file}'`)
      const tsx_cli = createRequire(import.meta.url).resolve('tsx/cli')
      const run = spawnSync(process.execPath, [tsx_cli, 'main/cli/verify.ts', '--db', file], { encoding: 'utf8' })
      expect(run.stdout).toMatch(/: OK: /)
      expect(run.stdout).toMatch(/books OK: \d+ settlement batches, \d+ bills, 3 disputes agree with the ledger/)
      expect(run.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
