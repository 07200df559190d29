/**
 * Orders (seed 001's merchandising logger): every purchase a merchant sent, approved or
 * declined, with the transfers it caused (transfers.request_id = purchases.request_id) and
 * any dispute on its charge. Paged and filtered on the host so a hundred thousand orders
 * stay fast: each filter has an index (purchases_merchant, purchases_customer_day,
 * purchases_created) and the dispute badge is looked up only for the page's rows.
 */
import { RequestError } from '../errors'
import { transfer_codes, isTransferCode } from '../ledger/codes'
import type { Database } from '../store/database'
import { pageOf } from '../store/paging'
import { statement } from '../store/statements'
import { chargeOfPurchase, disputesOfTransfers, type DisputeView } from './disputes'

export interface OrderFilter {
  merchant_id?: number | undefined
  customer_id?: number | undefined
  status?: 'approved' | 'declined' | undefined
  method?: 'micropayment' | 'credit' | undefined
  from?: string | undefined
  to?: string | undefined
  /** Part of the item's title or id, or the purchase id. */
  search?: string | undefined
  sort?: 'newest' | 'oldest' | undefined
  page: number
  page_size: number
}

export interface OrderView {
  purchase_id: string
  created_at: string
  merchant_id: number
  merchant_name: string
  customer_id: number | null
  customer_name: string | null
  item_id: string
  item_title: string
  amount_minor: number
  currency: string
  exponent: number
  status: 'approved' | 'declined'
  method: 'micropayment' | 'credit' | null
  top_up_minor: number
  decline_code: string | null
  decline_message: string | null
  /** The latest dispute on the order's charge, if any. */
  dispute_status: 'open' | 'reversed' | 'rejected' | null
}

const order_select = `p.purchase_id, p.created_at, p.merchant_id, m.name AS merchant_name, p.customer_id, c.name AS customer_name, p.item_id, p.item_title,
  p.amount_minor, p.currency, cur.exponent, p.status, p.method, p.top_up_minor, p.decline_code, p.decline_message,
  (SELECT d.status FROM transfers t JOIN disputes d ON d.transfer_id = t.id WHERE t.request_id = p.request_id ORDER BY d.id DESC LIMIT 1) AS dispute_status`
const order_from = `FROM purchases p JOIN merchants m ON m.id = p.merchant_id JOIN currencies cur ON cur.code = p.currency LEFT JOIN customers c ON c.id = p.customer_id`

export function listOrders(db: Database, filter: OrderFilter): { rows: OrderView[]; total: number } {
  const clauses: string[] = []
  const params: Record<string, string | number> = {}
  const add = (clause: string, key: string, value: string | number | undefined): void => {
    if (value === undefined || value === '') return
    clauses.push(clause)
    params[key] = value
  }
  add('p.merchant_id = @merchant_id', 'merchant_id', filter.merchant_id)
  add('p.customer_id = @customer_id', 'customer_id', filter.customer_id)
  add('p.status = @status', 'status', filter.status)
  add('p.method = @method', 'method', filter.method)
  add('p.created_at >= @from', 'from', filter.from)
  add('p.created_at <= @to', 'to', filter.to)
  const search = filter.search?.trim()
  if (search) {
    // LIKE with the wildcards in the pattern escaped: a search for "50%" means 50%.
    clauses.push(`(p.item_title LIKE @search ESCAPE '\\' OR p.item_id LIKE @search ESCAPE '\\' OR p.purchase_id = @search_exact)`)
    params.search = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    params.search_exact = search
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
  // Purchases are written in time order, so id order is date order and uses every index's tail.
  const order_by = filter.sort === 'oldest' ? 'p.id ASC' : 'p.id DESC'
  return pageOf<OrderView>(db, { select: order_select, from: `${order_from} ${where}`, count_from: `FROM purchases p ${where}`, order_by, params }, filter)
}

export interface OrderTransferView {
  id: number
  created_at: string
  code: string
  code_label: string
  phase: 'single' | 'pending' | 'post_pending' | 'void_pending'
  amount_minor: number
  debit_number: string
  debit_kind: string
  credit_number: string
  credit_kind: string
  reverses_id: number | null
  memo: string
}

export interface OrderDetail {
  order: OrderView
  transfers: OrderTransferView[]
  /** The transfer a dispute would name; null for a declined order. */
  charge_transfer_id: number | null
  disputes: DisputeView[]
}

/** One order with the transfers it caused, their later reversals, and its disputes. */
export function orderDetail(db: Database, purchase_id: string): OrderDetail {
  const order = statement(db, `SELECT ${order_select} ${order_from} WHERE p.purchase_id = ?`).get(purchase_id) as OrderView | undefined
  if (!order) throw new RequestError('not_found', `there is no order ${purchase_id}`)
  const charge = order.status === 'approved' ? chargeOfPurchase({ db }, purchase_id) : undefined
  const rows = statement(
    db,
    `SELECT t.id, t.created_at, t.code, t.phase, t.amount_minor, d.number AS debit_number, d.kind AS debit_kind, c.number AS credit_number, c.kind AS credit_kind,
       t.reverses_id, t.memo
     FROM transfers t JOIN accounts d ON d.id = t.debit_account_id JOIN accounts c ON c.id = t.credit_account_id
     WHERE t.request_id = (SELECT request_id FROM purchases WHERE purchase_id = @purchase_id)
        OR t.reverses_id IN (SELECT id FROM transfers WHERE request_id = (SELECT request_id FROM purchases WHERE purchase_id = @purchase_id))
     ORDER BY t.id`,
  ).all({ purchase_id }) as Array<Omit<OrderTransferView, 'code_label'>>
  const disputes = charge ? disputesOfTransfers({ db }, [charge.id]) : []
  // A dispute's own provisional and withdrawal transfers belong to the order's story too.
  const dispute_transfer_ids = disputes.flatMap((d) => [d.provisional_transfer_id, d.resolution_transfer_id]).filter((x): x is number => x !== null)
  const extra =
    dispute_transfer_ids.length === 0
      ? []
      : (db
          .prepare(
            `SELECT t.id, t.created_at, t.code, t.phase, t.amount_minor, d.number AS debit_number, d.kind AS debit_kind, c.number AS credit_number, c.kind AS credit_kind,
               t.reverses_id, t.memo
             FROM transfers t JOIN accounts d ON d.id = t.debit_account_id JOIN accounts c ON c.id = t.credit_account_id
             WHERE t.id IN (${dispute_transfer_ids.map(() => '?').join(',')}) OR t.request_id IN (SELECT request_id FROM transfers WHERE id IN (${dispute_transfer_ids.map(() => '?').join(',')}))`,
          )
          .all(...dispute_transfer_ids, ...dispute_transfer_ids) as Array<Omit<OrderTransferView, 'code_label'>>)
  const all = new Map<number, Omit<OrderTransferView, 'code_label'>>()
  for (const row of [...rows, ...extra]) all.set(row.id, row)
  const transfers = [...all.values()].sort((a, b) => a.id - b.id).map((t) => ({ ...t, code_label: isTransferCode(t.code) ? transfer_codes[t.code] : t.code }))
  return { order, transfers, charge_transfer_id: charge?.id ?? null, disputes }
}
