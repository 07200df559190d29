import type { Database } from '../store/database'
import { transfer_codes, isTransferCode } from '../ledger/codes'
import type { AccountKind } from '../ledger/accounts'
import { pageOf } from '../store/paging'

export interface JournalFilter {
  customer_id?: number | undefined
  account_id?: number | undefined
  code?: string | undefined
  currency?: string | undefined
  from?: string | undefined
  to?: string | undefined
  page: number
  page_size: number
}

/**
 * Builds a WHERE clause from the filter fields that are set: each named condition uses a
 * parameter of the same name, so values are always bound, never spliced into SQL.
 */
function whereOf<F extends object>(filter: F, conditions: Partial<Record<keyof F & string, string>>) {
  const clauses: string[] = []
  const params: Record<string, string | number> = {}
  for (const [key, clause] of Object.entries(conditions) as Array<[keyof F & string, string]>) {
    const value = filter[key]
    if (typeof value === 'string' || typeof value === 'number') {
      clauses.push(clause)
      params[key] = value
    }
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

const owner_name = (alias: string) => `CASE ${alias}.owner_type
  WHEN 'customer' THEN (SELECT name FROM customers WHERE id = ${alias}.owner_id)
  WHEN 'merchant' THEN (SELECT name FROM merchants WHERE id = ${alias}.owner_id)
  ELSE 'Service provider' END`

/**
 * The journal: every transfer, newest first, with both accounts named and the purchase
 * that caused it. Paged on the host so a hundred thousand transfers stay fast.
 */
export function journal(db: Database, filter: JournalFilter) {
  const { where, params } = whereOf(filter, {
    // By account ids, not by the joined accounts, so the count needs no join and each side
    // is a walk of transfers_debit / transfers_credit rather than a scan of the journal.
    customer_id: `(t.debit_account_id IN (SELECT id FROM accounts WHERE owner_type = 'customer' AND owner_id = @customer_id)
      OR t.credit_account_id IN (SELECT id FROM accounts WHERE owner_type = 'customer' AND owner_id = @customer_id))`,
    account_id: '(t.debit_account_id = @account_id OR t.credit_account_id = @account_id)',
    code: 't.code = @code',
    currency: 't.currency = @currency',
    from: 't.created_at >= @from',
    to: 't.created_at < @to',
  })
  // The page's ids first, from transfers alone (an index walk), then the joins for those 50
  // rows only: joining before OFFSET made page 1000 of one code join 50,000 rows it throws away.
  // CROSS JOIN keeps the page as the outer loop: with a bound LIMIT the planner cannot tell
  // the page is small and would scan every transfer against it.
  const { total } = db.prepare(`SELECT count(*) AS total FROM transfers t ${where}`).get(params) as { total: number }
  const rows = db
    .prepare(
      `SELECT t.id, t.created_at, t.code, t.phase, t.amount_minor, t.currency, cur.exponent, t.memo,
         d.id AS d_id, d.number AS d_number, d.kind AS d_kind, ${owner_name('d')} AS d_owner,
         c.id AS c_id, c.number AS c_number, c.kind AS c_kind, ${owner_name('c')} AS c_owner,
         p.purchase_id, p.item_title, m.name AS merchant_name
       FROM (SELECT t.id FROM transfers t ${where} ORDER BY t.id DESC LIMIT @page_limit OFFSET @page_offset) page
       CROSS JOIN transfers t ON t.id = page.id
       JOIN accounts d ON d.id = t.debit_account_id JOIN accounts c ON c.id = t.credit_account_id
       JOIN currencies cur ON cur.code = t.currency
       LEFT JOIN purchases p ON p.request_id = t.request_id
       LEFT JOIN merchants m ON m.id = p.merchant_id
       ORDER BY t.id DESC`,
    )
    .all({ ...params, page_limit: filter.page_size, page_offset: (filter.page - 1) * filter.page_size }) as JournalRow[]
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      created_at: r.created_at,
      code: r.code,
      code_label: isTransferCode(r.code) ? transfer_codes[r.code] : r.code,
      phase: r.phase,
      amount_minor: r.amount_minor,
      currency: r.currency,
      exponent: r.exponent,
      debit: { id: r.d_id, number: r.d_number, kind: r.d_kind, owner_name: r.d_owner },
      credit: { id: r.c_id, number: r.c_number, kind: r.c_kind, owner_name: r.c_owner },
      memo: r.memo,
      purchase: r.purchase_id ? { purchase_id: r.purchase_id, item_title: r.item_title ?? '', merchant_name: r.merchant_name ?? '' } : null,
    })),
  }
}

interface JournalRow {
  id: number
  created_at: string
  code: string
  phase: 'single' | 'pending' | 'post_pending' | 'void_pending'
  amount_minor: number
  currency: string
  exponent: number
  memo: string
  d_id: number
  d_number: string
  d_kind: AccountKind
  d_owner: string
  c_id: number
  c_number: string
  c_kind: JournalRow['d_kind']
  c_owner: string
  purchase_id: string | null
  item_title: string | null
  merchant_name: string | null
}
