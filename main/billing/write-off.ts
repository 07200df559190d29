import type { HostContext } from '../host/context'
import { RequestError } from '../errors'
import { findAccount, postedBalance, spAccount } from '../ledger/accounts'
import { LedgerRefusal } from '../ledger/errors'
import { formatMinor } from '../ledger/money'
import { audit } from '../staff/audit'
import { billGraceDays } from '../host/settings'
import { reactivateIfSettled } from './standing'

const day_ms = 86_400_000

/**
 * Writes off what is still unpaid on a bill: the bank gives up collecting it. A ledger
 * transfer from the SP's funding account (the bank bears the loss) into the customer's
 * credit account, code bill_write_off, then the bill counts as settled (paid_minor =
 * total_minor, with written_off_minor telling the write-off from payments). Exactly once per
 * bill: a repeat answers the first write-off and moves nothing. Maker-checker (a write-off
 * above the approval amount waits for a second person) is the caller's business.
 */
export function writeOffBill(
  ctx: Pick<HostContext, 'db' | 'clock' | 'ledger' | 'requests'>,
  bill_id: number,
  staff_id: number,
): { transfer_id: number; amount_minor: number } {
  const { db, clock } = ctx
  const now = clock.now()
  return ctx.requests.run({ scope: 'billing', idempotency_key: `write-off:${bill_id}`, kind: 'bill_write_off', content: { bill_id } }, now, (request_id) => {
    const bill = db.prepare('SELECT * FROM bills WHERE id = ?').get(bill_id) as
      | { id: number; reference: string; customer_id: number; currency: string; total_minor: number; paid_minor: number }
      | undefined
    if (!bill) throw new RequestError('not_found', `There is no bill ${bill_id}.`)
    const amount_minor = bill.total_minor - bill.paid_minor
    if (amount_minor <= 0) throw new RequestError('refused', `Bill ${bill.reference} has nothing unpaid to write off.`)
    const credit = findAccount(db, 'customer', bill.customer_id, 'credit', bill.currency)
    if (!credit) throw new RequestError('refused', `The customer of bill ${bill.reference} has no ${bill.currency} credit account.`)
    // Never write off more than the credit line still owes: that would hand the customer money.
    if (postedBalance(credit) < amount_minor) {
      throw new RequestError('refused', `Bill ${bill.reference} cannot be written off: the customer's credit account owes less than its unpaid amount (a refund or payment is not yet applied to bills).`)
    }
    const now_iso = now.toISOString()
    const funding = spAccount(db, 'sp_funding', bill.currency, now_iso)
    let transfer_id: number
    try {
      const [transfer] = ctx.ledger.apply(
        request_id,
        [
          {
            type: 'single',
            debit_account_id: funding.id,
            credit_account_id: credit.id,
            amount_minor,
            currency: bill.currency,
            code: 'bill_write_off',
            memo: `write-off of bill ${bill.reference}`,
          },
        ],
        now,
      )
      if (!transfer) throw new Error('the ledger wrote no write-off transfer')
      transfer_id = transfer.id
    } catch (error) {
      if (error instanceof LedgerRefusal) throw new RequestError('refused', `Bill ${bill.reference} cannot be written off: ${error.message}.`)
      throw error
    }
    db.prepare('UPDATE bills SET paid_minor = total_minor, written_off_minor = written_off_minor + ? WHERE id = ?').run(amount_minor, bill.id)
    const exponent = (db.prepare('SELECT exponent FROM currencies WHERE code = ?').get(bill.currency) as { exponent: number } | undefined)?.exponent ?? 2
    audit(db, clock, {
      staff_id,
      action: 'bill.write_off',
      subject: `bill:${bill.id}`,
      detail: { reference: bill.reference, customer_id: bill.customer_id, amount: `${formatMinor(amount_minor, exponent)} ${bill.currency}`, amount_minor, transfer_id },
    })
    reactivateIfSettled(db, clock, bill.customer_id, billGraceDays(db) * day_ms, staff_id)
    return { transfer_id, amount_minor }
  }).response
}
