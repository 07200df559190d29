import type { Database } from '../store/database'
import { statement } from '../store/statements'
import { pageOf, type Page } from '../store/paging'
import { RequestError } from '../errors'

export type PayoutStatus = 'exported' | 'sent' | 'returned'

export interface BatchRow {
  id: number
  reference: string
  merchant_id: number
  merchant_name: string
  currency: string
  exponent: number
  closed_by: 'rule_amount' | 'rule_days' | 'staff'
  staff_name: string | null
  purchase_count: number
  gross_minor: number
  corrections_minor: number
  discount_minor: number
  fees_minor: number
  net_minor: number
  discount_bps: number
  fee_per_purchase_minor: number
  closed_at: string
  /** The first line's time: the batch covers from here to closed_at. */
  period_from: string | null
  /** The latest attempt's status, null before the first export. */
  payout_status: PayoutStatus | null
}

export interface BatchLineRow {
  transfer_id: number
  kind: 'purchase' | 'correction'
  amount_minor: number
  code: string
  at: string
  purchase_id: string | null
  item_title: string | null
  /** The payer's pseudonym the merchant saw; never card data. */
  payer_pseudonym: string | null
  memo: string
}

export interface PayoutRow {
  id: number
  batch_id: number
  attempt: number
  message_id: string
  status: PayoutStatus
  creditor_iban: string | null
  creditor_bic: string | null
  creditor_account_number: string | null
  sent_transfer_id: number | null
  returned_transfer_id: number | null
  return_reason: string | null
  created_at: string
  sent_at: string | null
  returned_at: string | null
}

const batch_select = `b.id, b.reference, b.merchant_id, m.name AS merchant_name, b.currency, c.exponent, b.closed_by,
  s.display_name AS staff_name, b.purchase_count, b.gross_minor, b.corrections_minor, b.discount_minor, b.fees_minor,
  b.net_minor, b.discount_bps, b.fee_per_purchase_minor, b.closed_at,
  (SELECT min(t.created_at) FROM settlement_batch_lines l JOIN transfers t ON t.id = l.transfer_id WHERE l.batch_id = b.id) AS period_from,
  (SELECT p.status FROM settlement_payouts p WHERE p.batch_id = b.id ORDER BY p.attempt DESC LIMIT 1) AS payout_status`
const batch_from = `FROM settlement_batches b JOIN merchants m ON m.id = b.merchant_id JOIN currencies c ON c.code = b.currency
  LEFT JOIN staff s ON s.id = b.staff_id`

export interface BatchFilter {
  merchant_id?: number
  /** 'unpaid': no attempt yet or the last one returned. */
  payout_status?: PayoutStatus | 'unpaid'
}

export function listBatches(db: Database, filter: BatchFilter, page: Page): { rows: BatchRow[]; total: number } {
  const where: string[] = []
  const params: Record<string, string | number> = {}
  if (filter.merchant_id !== undefined) {
    where.push('b.merchant_id = @merchant_id')
    params.merchant_id = filter.merchant_id
  }
  const last_status = '(SELECT p.status FROM settlement_payouts p WHERE p.batch_id = b.id ORDER BY p.attempt DESC LIMIT 1)'
  if (filter.payout_status === 'unpaid') where.push(`ifnull(${last_status}, 'returned') = 'returned'`)
  else if (filter.payout_status !== undefined) {
    where.push(`${last_status} = @payout_status`)
    params.payout_status = filter.payout_status
  }
  const where_sql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  return pageOf<BatchRow>(
    db,
    { select: batch_select, from: `${batch_from} ${where_sql}`, count_from: `FROM settlement_batches b ${where_sql}`, order_by: 'b.id DESC', params },
    page,
  )
}

export function getBatch(db: Database, batch_id: number): BatchRow {
  const row = statement(db, `SELECT ${batch_select} ${batch_from} WHERE b.id = ?`).get(batch_id) as BatchRow | undefined
  if (!row) throw new RequestError('not_found', `There is no settlement batch ${batch_id}.`)
  return row
}

export function batchLines(db: Database, batch_id: number, page: Page): { rows: BatchLineRow[]; total: number } {
  return pageOf<BatchLineRow>(
    db,
    {
      select: `l.transfer_id, l.kind, l.amount_minor, t.code, t.created_at AS at, p.purchase_id, p.item_title, p.payer_pseudonym, t.memo`,
      // A purchase's transfers share its request; a correction finds its purchase through the transfer it reverses.
      from: `FROM settlement_batch_lines l JOIN transfers t ON t.id = l.transfer_id
        LEFT JOIN transfers o ON o.id = t.reverses_id
        LEFT JOIN purchases p ON p.request_id = coalesce(o.request_id, t.request_id)
        WHERE l.batch_id = @batch_id`,
      count_from: 'FROM settlement_batch_lines l WHERE l.batch_id = @batch_id',
      order_by: 'l.transfer_id',
      params: { batch_id },
    },
    page,
  )
}

export function allBatchLines(db: Database, batch_id: number): BatchLineRow[] {
  return batchLines(db, batch_id, { page: 1, page_size: 10_000_000 }).rows
}

export function payoutsOf(db: Database, batch_id: number): PayoutRow[] {
  return statement(db, 'SELECT * FROM settlement_payouts WHERE batch_id = ? ORDER BY attempt').all(batch_id) as PayoutRow[]
}

export function livePayout(db: Database, batch_id: number): PayoutRow | undefined {
  return statement(db, "SELECT * FROM settlement_payouts WHERE batch_id = ? AND status <> 'returned'").get(batch_id) as PayoutRow | undefined
}

export function getPayout(db: Database, payout_id: number): PayoutRow {
  const row = statement(db, 'SELECT * FROM settlement_payouts WHERE id = ?').get(payout_id) as PayoutRow | undefined
  if (!row) throw new RequestError('not_found', `There is no payout ${payout_id}.`)
  return row
}
