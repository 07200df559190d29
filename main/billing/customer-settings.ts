import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { audit } from '../staff/audit'
import { billing_day_max, billing_day_min } from './cycles'

export interface CustomerBillingSettings {
  billing_day: number
  /** The running total that closes a bill early (seed 001 figure 3A); null for none. */
  bill_cap_minor: number | null
  bill_fee_minor: number
}

export function customerBillingSettings(db: Database, customer_id: number): CustomerBillingSettings {
  const row = db.prepare('SELECT billing_day, bill_cap_minor, bill_fee_minor FROM customers WHERE id = ?').get(customer_id) as CustomerBillingSettings | undefined
  if (!row) throw new RequestError('not_found', `There is no customer ${customer_id}.`)
  return row
}

/**
 * Changes a customer's billing day, cap and bill fee. A new billing day applies from the
 * next cycle end after the last one closed: cycles already closed stay as they were.
 */
export function setCustomerBilling(db: Database, clock: Clock, customer_id: number, next: CustomerBillingSettings, staff_id: number | null): CustomerBillingSettings {
  if (!Number.isSafeInteger(next.billing_day) || next.billing_day < billing_day_min || next.billing_day > billing_day_max) {
    throw new RequestError('bad_request', `The billing day is a day of the month from ${billing_day_min} to ${billing_day_max}, so every month has it.`)
  }
  if (next.bill_cap_minor !== null && (!Number.isSafeInteger(next.bill_cap_minor) || next.bill_cap_minor <= 0)) {
    throw new RequestError('bad_request', 'A bill cap is a positive amount, or none.')
  }
  if (!Number.isSafeInteger(next.bill_fee_minor) || next.bill_fee_minor < 0) throw new RequestError('bad_request', 'A bill fee is zero or a positive amount.')
  return db.transaction(() => {
    const before = customerBillingSettings(db, customer_id)
    db.prepare('UPDATE customers SET billing_day = ?, bill_cap_minor = ?, bill_fee_minor = ? WHERE id = ?').run(
      next.billing_day,
      next.bill_cap_minor,
      next.bill_fee_minor,
      customer_id,
    )
    audit(db, clock, { staff_id, action: 'customer.set_billing', subject: `customer:${customer_id}`, detail: { before, after: next } })
    return customerBillingSettings(db, customer_id)
  }).immediate()
}
