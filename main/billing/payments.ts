import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { findAccount, postedBalance, spAccount } from '../ledger/accounts'
import { LedgerRefusal } from '../ledger/errors'
import { assertAmountMinor, formatMinor } from '../ledger/money'
import { audit } from '../staff/audit'
import { billGraceDays } from '../host/settings'
import { applyPayments } from './allocation'
import { reactivateIfSettled } from './standing'

const day_ms = 86_400_000

export interface BillPaymentInput {
  customer_id: number
  amount_minor: number
  /** The customer's or the bank's reference for the money received (e.g. a giro number). */
  reference: string
  idempotency_key: string
}

export interface BillPaymentResult {
  payment_id: number
  transfer_id: number
  amount_minor: number
  currency: string
  /** How the payment was applied to bills, oldest first; the rest waits for the next bill. */
  applied: Array<{ bill_id: number; reference: string; amount_minor: number }>
  unapplied_minor: number
  reactivated: boolean
}

/**
 * Records money a customer paid towards their bill: a ledger transfer from the SP's funding
 * account (the money arrived at the bank) into the customer's credit account, code
 * bill_payment, applied to unpaid bills oldest first. Exactly once per idempotency key. A
 * payment above what the customer owes on the credit account is refused: the bank would
 * be holding the customer's money on a loan account.
 */
export function recordBillPayment(
  ctx: Pick<HostContext, 'db' | 'clock' | 'ledger' | 'requests'>,
  input: BillPaymentInput,
  staff_id: number | null,
): BillPaymentResult {
  const { db, clock } = ctx
  const now = clock.now()
  try {
    assertAmountMinor(input.amount_minor)
  } catch {
    throw new RequestError('bad_request', 'A payment is a positive amount.')
  }
  return ctx.requests.run(
    {
      scope: `customer:${input.customer_id}:bill_payment`,
      idempotency_key: input.idempotency_key,
      kind: 'bill_payment',
      content: { customer_id: input.customer_id, amount_minor: input.amount_minor, reference: input.reference },
    },
    now,
    (request_id): BillPaymentResult => {
      const customer = db.prepare('SELECT id, name, currency FROM customers WHERE id = ?').get(input.customer_id) as
        | { id: number; name: string; currency: string }
        | undefined
      if (!customer) throw new RequestError('not_found', `There is no customer ${input.customer_id}.`)
      const credit = findAccount(db, 'customer', customer.id, 'credit', customer.currency)
      if (!credit) throw new RequestError('refused', `${customer.name} has no ${customer.currency} credit account to pay into.`)
      const exponent = (db.prepare('SELECT exponent FROM currencies WHERE code = ?').get(customer.currency) as { exponent: number }).exponent
      const money = (minor: number) => `${formatMinor(minor, exponent)} ${customer.currency}`
      const owed = postedBalance(credit)
      if (input.amount_minor > owed) {
        throw new RequestError(
          'refused',
          owed > 0
            ? `${customer.name} owes ${money(owed)} on the credit account; a payment of ${money(input.amount_minor)} would be more than that.`
            : `${customer.name} owes nothing on the credit account, so there is nothing to pay.`,
        )
      }
      let transfer_id: number
      try {
        const [transfer] = ctx.ledger.apply(
          request_id,
          [
            {
              type: 'single',
              debit_account_id: spAccount(db, 'sp_funding', customer.currency, now.toISOString()).id,
              credit_account_id: credit.id,
              amount_minor: input.amount_minor,
              currency: customer.currency,
              code: 'bill_payment',
              memo: input.reference === '' ? 'bill payment' : `bill payment ${input.reference}`,
            },
          ],
          now,
        )
        if (!transfer) throw new Error('the ledger wrote no payment transfer')
        transfer_id = transfer.id
      } catch (error) {
        if (error instanceof LedgerRefusal) throw new RequestError('refused', `The payment cannot be recorded: ${error.message}.`)
        throw error
      }
      const { id: payment_id } = db
        .prepare(
          `INSERT INTO bill_payments (customer_id, transfer_id, amount_minor, currency, staff_id, reference, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(customer.id, transfer_id, input.amount_minor, customer.currency, staff_id, input.reference, now.toISOString()) as { id: number }
      const made = applyPayments(db, customer.id).filter((a) => a.payment_id === payment_id)
      const reference = db.prepare('SELECT reference FROM bills WHERE id = ?')
      const applied = made.map((a) => ({ bill_id: a.bill_id, reference: (reference.get(a.bill_id) as { reference: string }).reference, amount_minor: a.amount_minor }))
      const unapplied_minor = input.amount_minor - applied.reduce((sum, a) => sum + a.amount_minor, 0)
      audit(db, clock, {
        staff_id,
        action: 'bill.payment',
        subject: `customer:${customer.id}`,
        detail: { payment_id, amount: money(input.amount_minor), reference: input.reference, transfer_id, applied: applied.map((a) => `${a.reference} ${money(a.amount_minor)}`), unapplied: money(unapplied_minor) },
      })
      const reactivated = reactivateIfSettled(db, clock, customer.id, billGraceDays(db) * day_ms, staff_id)
      return { payment_id, transfer_id, amount_minor: input.amount_minor, currency: customer.currency, applied, unapplied_minor, reactivated }
    },
  ).response
}
