import type { Database } from '../store/database'
import type { Clock } from '../clock'
import type { Ledger } from '../ledger/transfers'
import { findAccount, spAccount } from '../ledger/accounts'
import { LedgerRefusal } from '../ledger/errors'
import { formatMinor } from '../ledger/money'
import { audit } from '../staff/audit'
import { billDueDays } from '../host/settings'
import { applyBillCredits, applyPayments } from './allocation'

const day_ms = 86_400_000

export type CloseReason = 'cycle_end' | 'cap_reached' | 'manual'
export type LineKind = 'credit_purchase' | 'top_up' | 'customer_fee' | 'credit' | 'other_charge'

export interface BillingCustomer {
  id: number
  currency: string
  billing_day: number
  bill_cap_minor: number | null
  bill_fee_minor: number
  created_at: string
  bill_cycles_closed_through: string | null
}

interface UnbilledTransfer {
  id: number
  debit_account_id: number
  credit_account_id: number
  amount_minor: number
  code: string
}

/**
 * The posted transfers on a credit account that no bill holds yet, made before `before`.
 * Payments and write-offs are not lines: they repay the account and are applied to bills.
 */
export function unbilledTransfers(db: Database, credit_account_id: number, before_iso: string): UnbilledTransfer[] {
  return db
    .prepare(
      `SELECT t.id, t.debit_account_id, t.credit_account_id, t.amount_minor, t.code FROM transfers t
       WHERE t.id IN (SELECT id FROM transfers WHERE debit_account_id = @a UNION SELECT id FROM transfers WHERE credit_account_id = @a)
         AND t.phase IN ('single', 'post_pending') AND t.created_at < @before
         AND NOT (t.credit_account_id = @a AND t.code IN ('bill_payment', 'bill_write_off'))
         AND NOT EXISTS (SELECT 1 FROM bill_lines l WHERE l.transfer_id = t.id)
       ORDER BY t.id`,
    )
    .all({ a: credit_account_id, before: before_iso }) as UnbilledTransfer[]
}

export function lineOf(t: UnbilledTransfer, credit_account_id: number): { kind: LineKind; amount_minor: number } {
  if (t.credit_account_id === credit_account_id) return { kind: 'credit', amount_minor: -t.amount_minor }
  const kind: LineKind = t.code === 'credit_purchase' || t.code === 'top_up' || t.code === 'customer_fee' ? t.code : 'other_charge'
  return { kind, amount_minor: t.amount_minor }
}

/** Charges minus credits not yet on a bill: the running total the cap is compared with. */
export function unbilledTotal(db: Database, credit_account_id: number, before_iso: string): { total_minor: number; last_transfer_id: number | null } {
  const transfers = unbilledTransfers(db, credit_account_id, before_iso)
  let total_minor = 0
  for (const t of transfers) total_minor += lineOf(t, credit_account_id).amount_minor
  return { total_minor, last_transfer_id: transfers.at(-1)?.id ?? null }
}

export interface ClosedBill {
  bill_id: number
  reference: string
  total_minor: number
  fee_minor: number
  fee_note: string
  lines: number
}

function exponentOf(db: Database, currency: string): number {
  return (db.prepare('SELECT exponent FROM currencies WHERE code = ?').get(currency) as { exponent: number } | undefined)?.exponent ?? 2
}

/**
 * Closes one bill for a customer inside the caller's request transaction: every unbilled
 * transfer made before `cutoff` becomes a line, the customer's bill fee is charged
 * (credit account → SP fee income), payments made ahead are applied, and the close is
 * audited. Answers null, writing nothing, when there is nothing to bill: a cycle with no
 * transfers makes no bill and charges no fee.
 *
 * If the credit limit (or a suspended account) refuses the fee, the bill closes without it
 * and says so in fee_note and the audit entry: the charges are owed regardless, and a fee
 * must never push a customer over the limit the bank granted.
 */
export function closeBill(
  deps: { db: Database; clock: Clock; ledger: Ledger },
  customer: BillingCustomer,
  input: { request_id: number; reason: CloseReason; cycle_start: Date; cycle_end: Date; cutoff: Date; staff_id: number | null },
): ClosedBill | null {
  const { db, clock, ledger } = deps
  const now = clock.now()
  const now_iso = now.toISOString()
  const credit = findAccount(db, 'customer', customer.id, 'credit', customer.currency)
  if (!credit) return null
  const transfers = unbilledTransfers(db, credit.id, input.cutoff.toISOString())
  if (transfers.length === 0) return null
  const lines = transfers.map((t) => ({ transfer_id: t.id, ...lineOf(t, credit.id) }))
  let charges_minor = 0
  let credits_minor = 0
  for (const line of lines) {
    if (line.amount_minor > 0) charges_minor += line.amount_minor
    else credits_minor -= line.amount_minor
  }
  const exponent = exponentOf(db, customer.currency)
  const money = (minor: number) => `${formatMinor(minor, exponent)} ${customer.currency}`

  let fee_minor = 0
  let fee_transfer_id: number | null = null
  let fee_note = ''
  if (customer.bill_fee_minor > 0) {
    try {
      const [fee] = ledger.apply(
        input.request_id,
        [
          {
            type: 'single',
            debit_account_id: credit.id,
            credit_account_id: spAccount(db, 'sp_fee_income', customer.currency, now_iso).id,
            amount_minor: customer.bill_fee_minor,
            currency: customer.currency,
            code: 'customer_fee',
            memo: 'bill fee',
          },
        ],
        now,
      )
      fee_minor = fee?.amount_minor ?? 0
      fee_transfer_id = fee?.id ?? null
    } catch (error) {
      if (!(error instanceof LedgerRefusal)) throw error
      fee_note =
        error.code === 'credit_limit_exceeded'
          ? `Bill fee of ${money(customer.bill_fee_minor)} not charged: it would take the customer over the credit limit.`
          : `Bill fee of ${money(customer.bill_fee_minor)} not charged: ${error.message}.`
    }
  }
  const total_minor = Math.max(0, charges_minor + fee_minor - credits_minor)
  // A refund bigger than this bill's charges settles older bills (or waits for the next one).
  const credit_left_minor = Math.max(0, credits_minor - charges_minor - fee_minor)
  const due_at = new Date(now.getTime() + billDueDays(db) * day_ms).toISOString()
  const { id } = db
    .prepare(
      `INSERT INTO bills (reference, customer_id, currency, cycle_start, cycle_end, close_reason, charges_minor, credits_minor,
         fee_minor, total_minor, credit_left_minor, due_at, request_id, closed_at, fee_transfer_id, fee_note, closed_by_staff_id)
       VALUES (@reference, @customer_id, @currency, @cycle_start, @cycle_end, @close_reason, @charges_minor, @credits_minor,
         @fee_minor, @total_minor, @credit_left_minor, @due_at, @request_id, @closed_at, @fee_transfer_id, @fee_note, @staff_id) RETURNING id`,
    )
    .get({
      reference: `pending-${input.request_id}`,
      customer_id: customer.id,
      currency: customer.currency,
      cycle_start: input.cycle_start.toISOString(),
      cycle_end: input.cycle_end.toISOString(),
      close_reason: input.reason,
      charges_minor,
      credits_minor,
      fee_minor,
      total_minor,
      credit_left_minor,
      due_at,
      request_id: input.request_id,
      closed_at: now_iso,
      fee_transfer_id,
      fee_note,
      staff_id: input.staff_id,
    }) as { id: number }
  const reference = `BILL-${String(id).padStart(6, '0')}`
  db.prepare('UPDATE bills SET reference = ? WHERE id = ?').run(reference, id)
  const insert_line = db.prepare('INSERT INTO bill_lines (bill_id, transfer_id, kind, amount_minor) VALUES (?, ?, ?, ?)')
  for (const line of lines) insert_line.run(id, line.transfer_id, line.kind, line.amount_minor)
  // The fee is a line too, so no later bill takes its transfer again; statements show it apart.
  if (fee_transfer_id !== null) insert_line.run(id, fee_transfer_id, 'customer_fee', fee_minor)
  audit(db, clock, {
    staff_id: input.staff_id,
    action: input.staff_id === null ? 'job.bill_close' : 'bill.close_now',
    subject: `bill:${id}`,
    detail: {
      reference,
      customer_id: customer.id,
      reason: input.reason,
      cycle_end: input.cycle_end.toISOString(),
      lines: lines.length,
      charges: money(charges_minor),
      credits: money(credits_minor),
      total: money(total_minor),
      due_at,
    },
  })
  if (fee_transfer_id !== null) {
    audit(db, clock, { staff_id: input.staff_id, action: input.staff_id === null ? 'job.bill_fee' : 'bill.fee', subject: `bill:${id}`, detail: { reference, fee: money(fee_minor), transfer_id: fee_transfer_id } })
  } else if (fee_note !== '') {
    audit(db, clock, { staff_id: input.staff_id, action: input.staff_id === null ? 'job.bill_fee_refused' : 'bill.fee_refused', subject: `bill:${id}`, detail: { reference, note: fee_note } })
  }
  applyBillCredits(db, customer.id)
  applyPayments(db, customer.id)
  return { bill_id: id, reference, total_minor, fee_minor, fee_note, lines: lines.length }
}

export function billingCustomer(db: Database, customer_id: number): BillingCustomer | undefined {
  return db
    .prepare('SELECT id, currency, billing_day, bill_cap_minor, bill_fee_minor, created_at, bill_cycles_closed_through FROM customers WHERE id = ?')
    .get(customer_id) as BillingCustomer | undefined
}
