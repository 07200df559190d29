/**
 * A month of simulated purchases across several customers and merchants with different terms,
 * with corrections now and then and the settlement job running twice a day: everything
 * settles to the cent (each merchant's purchases less corrections = the batches' net + discount +
 * fees + what is still unsettled), each SP account holds exactly its share, and the ledger's
 * invariants and the audit chain hold afterwards.
 */
import { describe, expect, it } from 'vitest'
import { createContext } from '../../main/host/context'
import { findAccount, postedBalance, spAccount } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { merchant as merchantRow } from '../../main/merchants/merchants'
import { verifyAuditChain } from '../../main/staff/audit'
import { settleDueMerchants } from '../../main/settlement/job'
import { settlementDue } from '../../main/settlement/due'
import { testDatabase } from '../support/db'
import { settlementBuyer, settlementShop } from './role-matrix/settlement'

const hour_ms = 3_600_000

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

describe('a month of settlement', () => {
  it('settles every purchase and correction exactly once, to the cent', () => {
    const { db, clock } = testDatabase('2026-11-01T00:00:00.000Z')
    const ctx = createContext(db, clock)
    setMicropaymentThreshold(db, 'USD', 500, clock.now())
    const merchants = [
      settlementShop(db, clock, 'MONTH-A', { discount_bps: 250, fee_per_purchase_minor: 3, settle_at_minor: 20_000, settle_every_days: 7 }),
      settlementShop(db, clock, 'MONTH-B', { discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: 1 }),
      settlementShop(db, clock, 'MONTH-C', { discount_bps: 333, fee_per_purchase_minor: 0, settle_at_minor: 5_000, settle_every_days: null }),
      settlementShop(db, clock, 'MONTH-D', { discount_bps: 1_000, fee_per_purchase_minor: 7, settle_at_minor: null, settle_every_days: 14 }),
      // Fees larger than most purchases: batches often carry forward.
      settlementShop(db, clock, 'MONTH-E', { discount_bps: 50, fee_per_purchase_minor: 150, settle_at_minor: 3_000, settle_every_days: 3 }),
    ]
    const customers = Array.from({ length: 6 }, (_, i) => settlementBuyer(db, clock, `Month Buyer ${i}`))
    const next = random(20261101)
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
    const purchase_credits: number[] = []
    let purchases = 0
    let corrections = 0

    // Twice a day; a sign-in costs a password hash, so each session buys a dozen things.
    for (let tick = 0; tick < 30 * 2; tick++) {
      // A shopping session: one customer signs in and buys a few things.
      const buyer = pick(customers)
      const token = ctx.payers.login(buyer.payer_id, 'correct horse')
      if (!token) throw new Error('buyer cannot sign in')
      for (let n = 0; n < 12; n++) {
        const merchant_id = pick(merchants)
        const amount_minor = 1 + Math.floor(next() * (next() < 0.7 ? 499 : 3_000))
        const { result } = ctx.purchases.purchase({
          merchant: merchantRow(db, merchant_id),
          idempotency_key: `month-${tick}-${n}`,
          payer_token: token.payer_token,
          item: { id: `i${tick}-${n}`, title: `Item ${tick}-${n}` },
          amount_minor,
          currency: 'USD',
        })
        if (result.status !== 'approved') throw new Error(`declined: ${result.message}`)
        purchases += 1
        const payable = findAccount(db, 'merchant', merchant_id, 'merchant_payable', 'USD')
        const credit = db.prepare('SELECT max(id) AS id FROM transfers WHERE credit_account_id = ?').get(payable?.id) as { id: number }
        purchase_credits.push(credit.id)
      }
      // Now and then a purchase is charged back (before or after its batch closed).
      if (next() < 0.3 && purchase_credits.length > 0) {
        const transfer_id = purchase_credits.splice(Math.floor(next() * purchase_credits.length), 1)[0] as number
        ctx.requests.run({ scope: 'test', idempotency_key: `chargeback-${transfer_id}`, kind: 'chargeback', content: {} }, clock.now(), (rid) =>
          ctx.ledger.apply(rid, [{ type: 'reverse', transfer_id }], clock.now()),
        )
        corrections += 1
      }
      clock.advance(12 * hour_ms)
      settleDueMerchants(ctx, clock.now())
      // A rerun in the same minute (a second host tick) changes nothing.
      expect(settleDueMerchants(ctx, clock.now())).toBeNull()
    }
    expect(purchases).toBe(720)
    expect(corrections).toBeGreaterThan(5)

    const fee_income = postedBalance(spAccount(db, 'sp_fee_income', 'USD', clock.now().toISOString()))
    const clearing = postedBalance(spAccount(db, 'sp_settlement', 'USD', clock.now().toISOString()))
    let all_kept = 0
    let all_net = 0
    const due = settlementDue(db, clock.now())
    for (const merchant_id of merchants) {
      const payable = findAccount(db, 'merchant', merchant_id, 'merchant_payable', 'USD')
      if (!payable) throw new Error('no payable')
      const sums = db
        .prepare(
          `SELECT coalesce(sum(CASE WHEN credit_account_id = @a AND code NOT LIKE 'settlement%' THEN amount_minor END), 0) AS sales,
                  coalesce(sum(CASE WHEN debit_account_id = @a AND code NOT LIKE 'settlement%' THEN amount_minor END), 0) AS corrections
             FROM transfers WHERE (credit_account_id = @a OR debit_account_id = @a) AND phase IN ('single', 'post_pending')`,
        )
        .get({ a: payable.id }) as { sales: number; corrections: number }
      const batches = db
        .prepare(
          `SELECT count(*) AS n, coalesce(sum(gross_minor), 0) AS gross, coalesce(sum(corrections_minor), 0) AS corrections, coalesce(sum(discount_minor), 0) AS discount,
                  coalesce(sum(fees_minor), 0) AS fees, coalesce(sum(net_minor), 0) AS net FROM settlement_batches WHERE merchant_id = ?`,
        )
        .get(merchant_id) as { n: number; gross: number; corrections: number; discount: number; fees: number; net: number }
      const standing = due.find((d) => d.merchant_id === merchant_id)
      if (!standing) throw new Error('merchant missing from settlementDue')
      expect(batches.n).toBeGreaterThan(0)
      // Every unit sold or corrected is either in a batch or still unsettled, and the payable holds exactly the unsettled part.
      expect(batches.gross - batches.corrections + standing.unsettled_minor).toBe(sums.sales - sums.corrections)
      expect(batches.gross - batches.corrections).toBe(batches.discount + batches.fees + batches.net)
      expect(postedBalance(payable)).toBe(standing.unsettled_minor)
      all_kept += batches.discount + batches.fees
      all_net += batches.net
    }
    expect(fee_income).toBe(all_kept)
    expect(clearing).toBe(-all_net) // owed to merchants until the payouts are sent
    // Every line in exactly one batch, every batch's lines add up to its figures.
    const mismatched = db
      .prepare(
        `SELECT b.id FROM settlement_batches b JOIN settlement_batch_lines l ON l.batch_id = b.id GROUP BY b.id
          HAVING sum(CASE WHEN l.kind = 'purchase' THEN l.amount_minor ELSE 0 END) <> b.gross_minor
              OR -sum(CASE WHEN l.kind = 'correction' THEN l.amount_minor ELSE 0 END) <> b.corrections_minor
              OR sum(l.kind = 'purchase') <> b.purchase_count`,
      )
      .all()
    expect(mismatched).toEqual([])
    const job_closes = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'job.settlement_close'").get() as { n: number }
    expect(job_closes.n).toBe((db.prepare('SELECT count(*) AS n FROM settlement_batches').get() as { n: number }).n)
    expect(checkInvariants(db).problems).toEqual([])
    expect(verifyAuditChain(db).ok).toBe(true)
    db.close()
  }, 60_000)
})
