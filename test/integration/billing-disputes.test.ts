/**
 * Billing and disputes together: a refund that reaches the credit line after its charge was
 * billed. The bills must keep asking for exactly what the credit line owes: the excess credit
 * settles the older bill (or waits for the next one), it is never dropped, a paid-back charge
 * is never asked for twice, and a write-off never hands the customer money.
 */
import { describe, expect, it } from 'vitest'
import { testBank } from '../support/bank'
import { FrozenClock } from '../../main/clock'
import { closeDueBills } from '../../main/billing/job'
import { recordBillPayment } from '../../main/billing/payments'
import { writeOffBill } from '../../main/billing/write-off'
import { statementCsv } from '../../main/billing/statement'
import { grantProvisionalCredit, openNewDispute, rejectDispute, resolveByReversal } from '../../main/disputes/disputes'
import { findAccount, postedBalance } from '../../main/ledger/accounts'
import { checkInvariants } from '../../main/ledger/invariants'
import { checkBooks } from '../../main/reports/books'
import { createStaff } from '../../main/staff/staff'

function moveTo(clock: FrozenClock, iso: string): void {
  clock.advance(Date.parse(iso) - clock.now().getTime())
}

function setUp() {
  const bank = testBank('2026-11-02T09:00:00.000Z')
  const clerk = createStaff(bank.db, bank.clock, { username: 'clerk', display_name: 'Clerk', role: 'back_office_clerk', password: 'a long enough password' })
  const ada = bank.openCustomer()
  const bills = () =>
    bank.db.prepare('SELECT reference, charges_minor, credits_minor, total_minor, paid_minor, credited_minor, credit_left_minor FROM bills WHERE customer_id = ? ORDER BY id').all(ada.customer.id) as Array<Record<string, number | string>>
  const owed = () => postedBalance(findAccount(bank.db, 'customer', ada.customer.id, 'credit', 'USD') ?? ada.accounts().credit)
  const closeMonth = (iso: string) => {
    moveTo(bank.clock, iso)
    closeDueBills(bank.ctx, bank.clock.now())
  }
  expect(bank.buy(ada.token, 1_200).result.status).toBe('approved')
  closeMonth('2026-12-01T00:30:00.000Z')
  const charge = bank.db.prepare("SELECT id FROM transfers WHERE code = 'credit_purchase'").get() as { id: number }
  const dispute = openNewDispute(bank.ctx, clerk.id, { transfer_id: charge.id, reason: 'never delivered', idempotency_key: 'open' }).dispute_id
  return { bank, clerk, ada, bills, owed, closeMonth, dispute }
}

describe('a dispute refunded after its charge was billed', () => {
  it('settles the billed charge with the next bill’s excess credit: nothing left to pay, nothing to write off', () => {
    const { bank, clerk, ada, bills, owed, closeMonth, dispute } = setUp()
    expect(resolveByReversal(bank.ctx, clerk.id, dispute, 'upheld', 'reverse').approval_id).toBeNull()
    expect(owed()).toBe(0)
    closeMonth('2027-01-01T00:30:00.000Z')
    expect(bills()).toEqual([
      { reference: 'BILL-000001', charges_minor: 1_200, credits_minor: 0, total_minor: 1_200, paid_minor: 1_200, credited_minor: 1_200, credit_left_minor: 0 },
      { reference: 'BILL-000002', charges_minor: 0, credits_minor: 1_200, total_minor: 0, paid_minor: 0, credited_minor: 0, credit_left_minor: 0 },
    ])
    // Nothing is overdue, so the customer stays billable; nothing can be paid or written off.
    closeMonth('2027-03-01T00:30:00.000Z')
    expect(bank.db.prepare('SELECT status FROM customers WHERE id = ?').get(ada.customer.id)).toEqual({ status: 'active' })
    expect(() => recordBillPayment(bank.ctx, { customer_id: ada.customer.id, amount_minor: 1_200, reference: '', idempotency_key: 'pay' }, clerk.id)).toThrow(/owes nothing/)
    const bill_1 = bank.db.prepare("SELECT id FROM bills WHERE reference = 'BILL-000001'").get() as { id: number }
    expect(() => writeOffBill(bank.ctx, bill_1.id, clerk.id)).toThrow(/nothing unpaid/)
    // The statement says how the first bill was settled: not paid by the customer, credited.
    const { csv } = statementCsv(bank.db, bill_1.id, bank.clock.now())
    expect(csv).toContain(',Paid,,,0.00,USD')
    expect(csv).toContain(',Settled by refund credit,,,12.00,USD')
    expect(owed()).toBe(0)
    expect(checkBooks(bank.db).problems).toEqual([])
    expect(checkInvariants(bank.db).problems).toEqual([])
  })

  it('a provisional credit withdrawn by a rejection is billed once more, and the customer pays it once', () => {
    const { bank, clerk, ada, bills, owed, closeMonth, dispute } = setUp()
    grantProvisionalCredit(bank.ctx, clerk.id, dispute, 'provisional')
    closeMonth('2027-01-01T00:30:00.000Z')
    rejectDispute(bank.ctx, clerk.id, dispute, 'delivered after all', 'reject')
    closeMonth('2027-02-01T00:30:00.000Z')
    // The first bill was settled by the provisional credit, the third asks for the charge again:
    // 1,200 asked in all, as the credit line owes.
    expect(bills().map((b) => [b.reference, b.total_minor, b.paid_minor])).toEqual([
      ['BILL-000001', 1_200, 1_200],
      ['BILL-000002', 0, 0],
      ['BILL-000003', 1_200, 0],
    ])
    expect(owed()).toBe(1_200)
    recordBillPayment(bank.ctx, { customer_id: ada.customer.id, amount_minor: 1_200, reference: 'giro', idempotency_key: 'pay' }, clerk.id)
    expect(owed()).toBe(0)
    expect(bills().every((b) => b.paid_minor === b.total_minor)).toBe(true)
    expect(checkBooks(bank.db).problems).toEqual([])
  })

  it('the books check sees bills that ask for more than the credit line owes', () => {
    const { bank, clerk, closeMonth, dispute } = setUp()
    resolveByReversal(bank.ctx, clerk.id, dispute, 'upheld', 'reverse')
    closeMonth('2027-01-01T00:30:00.000Z')
    // Undo the credit's application behind the ledger's back, as the bug this guards against did.
    bank.db.prepare("UPDATE bills SET paid_minor = 0, credited_minor = 0 WHERE reference = 'BILL-000001'").run()
    expect(checkBooks(bank.db).problems.join('\n')).toMatch(/bills ask for 1200 but the credit line says 0/)
  })
})
