/**
 * Property: whatever charges, credits, payments and early closes happen, every bill's total
 * is its lines plus its fee less its credits (never below zero), and payments applied never
 * exceed a bill's total nor the payment itself. On a real database, with the real ledger.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { testBank } from '../../support/bank'
import { spAccount } from '../../../main/ledger/accounts'
import { postedBalance } from '../../../main/ledger/accounts'
import { closeBillNow } from '../../../main/billing/close-now'
import { recordBillPayment } from '../../../main/billing/payments'
import { setCustomerBilling } from '../../../main/billing/customer-settings'
import { checkBooks } from '../../../main/reports/books'
import { checkInvariants } from '../../../main/ledger/invariants'
import { createStaff } from '../../../main/staff/staff'
import { RequestError } from '../../../main/errors'

type Step = { kind: 'charge' | 'credit' | 'pay'; amount_minor: number } | { kind: 'close' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('charge' as const), amount_minor: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ kind: fc.constant('credit' as const), amount_minor: fc.integer({ min: 1, max: 2_000 }) }),
  fc.record({ kind: fc.constant('pay' as const), amount_minor: fc.integer({ min: 1, max: 6_000 }) }),
  fc.record({ kind: fc.constant('close' as const) }),
)

describe('bill totals and payment allocation', () => {
  it('property: total = lines + fee − credits (floor 0); payments and excess credits applied ≤ total; the books agree with the credit line', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 300 }), (steps, fee) => {
        const b = testBank()
        const { customer, accounts } = b.openCustomer({ credit_limit_minor: 1_000_000 })
        const staff = createStaff(b.db, b.clock, { username: 'clerk', display_name: 'Clerk', role: 'back_office_clerk', password: 'a long password 1' })
        setCustomerBilling(b.db, b.clock, customer.id, { billing_day: 1, bill_cap_minor: null, bill_fee_minor: fee }, null)
        let n = 0
        for (const s of steps) {
          n += 1
          b.clock.advance(60_000)
          const now = b.clock.now()
          const credit = accounts().credit
          const funding = spAccount(b.db, 'sp_funding', 'USD', now.toISOString())
          if (s.kind === 'charge' || s.kind === 'credit') {
            const [debit, creditTo] = s.kind === 'charge' ? [credit.id, funding.id] : [funding.id, credit.id]
            b.ctx.requests.run({ scope: 'test', idempotency_key: `s${n}`, kind: 'adjustment', content: {} }, now, (rid) =>
              b.ctx.ledger.apply(rid, [{ type: 'single', debit_account_id: debit, credit_account_id: creditTo, amount_minor: s.amount_minor, currency: 'USD', code: 'adjustment' }], now),
            )
          } else if (s.kind === 'pay') {
            const owed = postedBalance(credit)
            if (owed > 0) recordBillPayment(b.ctx, { customer_id: customer.id, amount_minor: Math.min(owed, s.amount_minor), reference: '', idempotency_key: `p${n}` }, null)
          } else {
            try {
              closeBillNow(b.ctx, customer.id, staff.id, `c${n}`)
            } catch (e) {
              if (!(e instanceof RequestError && e.code === 'refused')) throw e
            }
          }
        }
        const bills = b.db.prepare('SELECT * FROM bills').all() as Array<{ id: number; fee_transfer_id: number | null; charges_minor: number; credits_minor: number; fee_minor: number; total_minor: number; paid_minor: number; written_off_minor: number; credited_minor: number }>
        for (const bill of bills) {
          const { sum } = b.db.prepare('SELECT ifnull(sum(amount_minor), 0) AS sum FROM bill_lines WHERE bill_id = ? AND transfer_id IS NOT ?').get(bill.id, bill.fee_transfer_id) as { sum: number }
          expect(sum).toBe(bill.charges_minor - bill.credits_minor)
          expect(bill.total_minor).toBe(Math.max(0, sum + bill.fee_minor))
          const { applied } = b.db.prepare('SELECT ifnull(sum(amount_minor), 0) AS applied FROM bill_payment_allocations WHERE bill_id = ?').get(bill.id) as { applied: number }
          const { credited } = b.db.prepare('SELECT ifnull(sum(amount_minor), 0) AS credited FROM bill_credit_allocations WHERE to_bill_id = ?').get(bill.id) as { credited: number }
          expect(credited).toBe(bill.credited_minor)
          expect(applied + bill.written_off_minor + bill.credited_minor).toBe(bill.paid_minor)
          expect(bill.paid_minor).toBeLessThanOrEqual(bill.total_minor)
        }
        const over = b.db
          .prepare('SELECT count(*) AS n FROM bill_payments p WHERE p.amount_minor < (SELECT ifnull(sum(a.amount_minor), 0) FROM bill_payment_allocations a WHERE a.payment_id = p.id)')
          .get() as { n: number }
        expect(over.n).toBe(0)
        expect(checkInvariants(b.db).problems).toEqual([])
        // What the bills still ask for agrees with the credit line, whatever the order of events.
        expect(checkBooks(b.db).problems).toEqual([])
        b.db.close()
      }),
      { numRuns: 15 },
    )
  })
})
