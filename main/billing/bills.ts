import type { Database } from '../store/database'
import { RequestError } from '../errors'
import { findAccount, postedBalance } from '../ledger/accounts'
import { pageOf, type Page } from '../store/paging'
import { cycleContaining } from './cycles'
import { unbilledTotal, type CloseReason, type LineKind } from './close'

/**
 * What staff read about bills: the bills list, one bill's statement lines, and a
 * customer's billing summary. The statement's status is derived, never stored:
 * paid / written off once nothing is owed, overdue after the due date, else open.
 */
export type BillStatus = 'open' | 'overdue' | 'paid' | 'written_off'
export type BillFilterStatus = 'unpaid' | 'overdue' | 'paid'

export interface BillView {
  id: number
  reference: string
  customer_id: number
  customer_name: string
  currency: string
  exponent: number
  cycle_start: string
  cycle_end: string
  close_reason: CloseReason
  charges_minor: number
  credits_minor: number
  fee_minor: number
  fee_note: string
  total_minor: number
  paid_minor: number
  written_off_minor: number
  /** Settled by another bill's excess credit (a refund bigger than that bill's charges). */
  credited_minor: number
  /** This bill's credit beyond its charges not yet applied to a bill. */
  credit_left_minor: number
  unpaid_minor: number
  due_at: string
  closed_at: string
  status: BillStatus
}

export interface BillLineView {
  transfer_id: number
  created_at: string
  kind: LineKind
  code: string
  /** The merchant of the purchase behind the line; null for a line without one (a card purchase, an adjustment). */
  merchant: string | null
  /** The item bought, or the transfer's memo when there is no purchase record. */
  item: string
  amount_minor: number
}

const bill_select = `b.id, b.reference, b.customer_id, c.name AS customer_name, b.currency, cur.exponent, b.cycle_start, b.cycle_end,
  b.close_reason, b.charges_minor, b.credits_minor, b.fee_minor, b.fee_note, b.total_minor, b.paid_minor, b.written_off_minor, b.credited_minor, b.credit_left_minor,
  b.total_minor - b.paid_minor AS unpaid_minor, b.due_at, b.closed_at`
const bill_from = 'FROM bills b JOIN customers c ON c.id = b.customer_id JOIN currencies cur ON cur.code = b.currency'

type BillRow = Omit<BillView, 'status'>

export function billStatus(bill: Pick<BillRow, 'paid_minor' | 'total_minor' | 'written_off_minor' | 'due_at'>, now: Date): BillStatus {
  if (bill.paid_minor >= bill.total_minor) return bill.written_off_minor > 0 ? 'written_off' : 'paid'
  return bill.due_at <= now.toISOString() ? 'overdue' : 'open'
}

export function listBills(db: Database, filter: { status?: BillFilterStatus; customer_id?: number }, page: Page, now: Date): { rows: BillView[]; total: number } {
  const where: string[] = []
  const params: Record<string, string | number> = {}
  if (filter.customer_id !== undefined) {
    where.push('b.customer_id = @customer_id')
    params.customer_id = filter.customer_id
  }
  if (filter.status === 'unpaid') where.push('b.paid_minor < b.total_minor')
  if (filter.status === 'paid') where.push('b.paid_minor = b.total_minor')
  if (filter.status === 'overdue') {
    where.push('b.paid_minor < b.total_minor AND b.due_at <= @now')
    params.now = now.toISOString()
  }
  const where_sql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  const { rows, total } = pageOf<BillRow>(
    db,
    { select: bill_select, from: `${bill_from} ${where_sql}`, count_from: `FROM bills b ${where_sql}`, order_by: 'b.id DESC', params },
    page,
  )
  return { rows: rows.map((r) => ({ ...r, status: billStatus(r, now) })), total }
}

export function billView(db: Database, bill_id: number, now: Date): BillView {
  const row = db.prepare(`SELECT ${bill_select} ${bill_from} WHERE b.id = ?`).get(bill_id) as BillRow | undefined
  if (!row) throw new RequestError('not_found', `There is no bill ${bill_id}.`)
  return { ...row, status: billStatus(row, now) }
}

/** The bill's lines in date order, without the bill fee (shown on its own). */
export function billLines(db: Database, bill_id: number): BillLineView[] {
  return db
    .prepare(
      `SELECT l.transfer_id, t.created_at, l.kind, t.code, m.name AS merchant,
         coalesce(p.item_title, nullif(t.memo, ''), t.code) AS item, l.amount_minor
       FROM bill_lines l JOIN bills b ON b.id = l.bill_id JOIN transfers t ON t.id = l.transfer_id
       LEFT JOIN purchases p ON p.request_id = t.request_id
       LEFT JOIN merchants m ON m.id = p.merchant_id
       WHERE l.bill_id = ? AND l.transfer_id IS NOT b.fee_transfer_id
       ORDER BY t.created_at, l.transfer_id`,
    )
    .all(bill_id) as BillLineView[]
}

export interface BillPaymentView {
  payment_id: number
  created_at: string
  reference: string
  amount_minor: number
}

/** The payments applied to a bill, with the part of each that went to it. */
export function billPayments(db: Database, bill_id: number): BillPaymentView[] {
  return db
    .prepare(
      `SELECT p.id AS payment_id, p.created_at, p.reference, a.amount_minor FROM bill_payment_allocations a
       JOIN bill_payments p ON p.id = a.payment_id WHERE a.bill_id = ? ORDER BY p.id`,
    )
    .all(bill_id) as BillPaymentView[]
}

export interface BillingSummary {
  customer_id: number
  customer_name: string
  customer_status: 'active' | 'suspended'
  /** Set when the billing job suspended the customer for an overdue bill. */
  billing_suspended_at: string | null
  currency: string
  exponent: number
  billing_day: number
  bill_cap_minor: number | null
  bill_fee_minor: number
  /** Charges minus credits not yet on a bill: what the next bill holds so far. */
  unbilled_minor: number
  current_cycle_start: string
  next_cycle_end: string
  /** What the customer owes on the credit account (billed and unbilled). */
  owed_minor: number
  unpaid_bills_minor: number
  overdue_bills: number
}

export function billingSummary(db: Database, customer_id: number, now: Date): BillingSummary {
  const c = db
    .prepare(
      `SELECT c.id, c.name, c.status, c.billing_suspended_at, c.currency, cur.exponent, c.billing_day, c.bill_cap_minor, c.bill_fee_minor
       FROM customers c JOIN currencies cur ON cur.code = c.currency WHERE c.id = ?`,
    )
    .get(customer_id) as
    | { id: number; name: string; status: 'active' | 'suspended'; billing_suspended_at: string | null; currency: string; exponent: number; billing_day: number; bill_cap_minor: number | null; bill_fee_minor: number }
    | undefined
  if (!c) throw new RequestError('not_found', `There is no customer ${customer_id}.`)
  const credit = findAccount(db, 'customer', c.id, 'credit', c.currency)
  const unbilled = credit ? unbilledTotal(db, credit.id, new Date(now.getTime() + 1).toISOString()).total_minor : 0
  const cycle = cycleContaining(now, c.billing_day)
  const unpaid = db
    .prepare('SELECT ifnull(sum(total_minor - paid_minor), 0) AS unpaid, ifnull(sum(due_at <= ?), 0) AS overdue FROM bills WHERE customer_id = ? AND paid_minor < total_minor')
    .get(now.toISOString(), c.id) as { unpaid: number; overdue: number }
  return {
    customer_id: c.id,
    customer_name: c.name,
    customer_status: c.status,
    billing_suspended_at: c.billing_suspended_at,
    currency: c.currency,
    exponent: c.exponent,
    billing_day: c.billing_day,
    bill_cap_minor: c.bill_cap_minor,
    bill_fee_minor: c.bill_fee_minor,
    unbilled_minor: unbilled,
    current_cycle_start: cycle.start.toISOString(),
    next_cycle_end: cycle.end.toISOString(),
    owed_minor: credit ? postedBalance(credit) : 0,
    unpaid_bills_minor: unpaid.unpaid,
    overdue_bills: unpaid.overdue,
  }
}
