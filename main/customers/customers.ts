import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { accountsOf, availableMinor, openAccount, postedBalance, type AccountRow } from '../ledger/accounts'
import { currency as findCurrency, micropaymentThreshold } from '../payments/thresholds'
import { hashPassword } from '../security/secrets'
import { pageOf } from '../store/paging'

export interface CustomerRow {
  id: number
  payer_id: string
  name: string
  email: string
  currency: string
  status: 'active' | 'suspended'
  password_hash: string | null
  top_up_increment_minor: number
  micropayment_limit_per_purchase_minor: number | null
  micropayment_limit_per_day_minor: number | null
  demo: number
  created_at: string
}

export interface NewCustomer {
  name: string
  email: string
  currency: string
  credit_limit_minor: number
  top_up_increment_minor: number
  micropayment_limit_per_purchase_minor: number | null
  micropayment_limit_per_day_minor: number | null
  payer_password: string
  demo?: boolean
}

/**
 * Opens a customer with the three accounts of seed 000: a credit account with its limit,
 * a value account and a cash-access account, all in the customer's currency.
 */
export function createCustomer(db: Database, clock: Clock, input: NewCustomer): CustomerRow {
  if (!findCurrency(db, input.currency)) throw new RequestError('bad_request', `unknown currency ${input.currency}`)
  const threshold = micropaymentThreshold(db, input.currency)
  if (threshold === undefined) {
    throw new RequestError('refused', `set a micropayment threshold for ${input.currency} before opening customers in it`)
  }
  // Seed 000 claim 8: the top-up increment is never less than the micropayment threshold.
  if (input.top_up_increment_minor < threshold) {
    throw new RequestError(
      'bad_request',
      `the top-up increment must be at least the ${input.currency} micropayment threshold (${threshold} minor units)`,
    )
  }
  const password_hash = hashPassword(input.payer_password)
  const now_iso = clock.now().toISOString()
  return db.transaction(() => {
    const { id } = db
      .prepare(
        `INSERT INTO customers (payer_id, name, email, currency, password_hash, top_up_increment_minor,
           micropayment_limit_per_purchase_minor, micropayment_limit_per_day_minor, demo, created_at)
         VALUES ('pending', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        input.name,
        input.email,
        input.currency,
        password_hash,
        input.top_up_increment_minor,
        input.micropayment_limit_per_purchase_minor,
        input.micropayment_limit_per_day_minor,
        input.demo ? 1 : 0,
        now_iso,
      ) as { id: number }
    db.prepare('UPDATE customers SET payer_id = ? WHERE id = ?').run(payerIdOf(id), id)
    const owner = { owner_type: 'customer' as const, owner_id: id, currency: input.currency }
    openAccount(db, { ...owner, kind: 'credit', credit_limit_minor: input.credit_limit_minor }, now_iso)
    openAccount(db, { ...owner, kind: 'value' }, now_iso)
    openAccount(db, { ...owner, kind: 'cash_access' }, now_iso)
    return customer(db, id)
  })()
}

/** Payer ids are what a customer types at a merchant's checkout: short and unambiguous. */
export function payerIdOf(customer_id: number): string {
  return `P${String(customer_id).padStart(7, '0')}`
}

export function customer(db: Database, id: number): CustomerRow {
  const row = db.prepare('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined
  if (!row) throw new RequestError('not_found', `there is no customer ${id}`)
  return row
}

export function customerByPayerId(db: Database, payer_id: string): CustomerRow | undefined {
  return db.prepare('SELECT * FROM customers WHERE payer_id = ?').get(payer_id) as CustomerRow | undefined
}

export function setCustomerStatus(db: Database, id: number, status: CustomerRow['status']): void {
  db.prepare('UPDATE customers SET status = ? WHERE id = ?').run(status, customer(db, id).id)
}

export function blockMerchant(db: Database, customer_id: number, merchant_id: number, now: Date): void {
  db.prepare('INSERT OR IGNORE INTO blocked_merchants (customer_id, merchant_id, created_at) VALUES (?, ?, ?)').run(
    customer_id,
    merchant_id,
    now.toISOString(),
  )
}

export interface CustomerAccounts {
  credit: AccountRow
  value: AccountRow
  cash_access: AccountRow
}

export function customerAccounts(db: Database, customer_id: number): CustomerAccounts {
  const accounts = accountsOf(db, 'customer', customer_id)
  const pick = (kind: AccountRow['kind']) => {
    const found = accounts.find((a) => a.kind === kind)
    if (!found) throw new RequestError('not_found', `customer ${customer_id} has no ${kind.replace('_', '-')} account`)
    return found
  }
  return { credit: pick('credit'), value: pick('value'), cash_access: pick('cash_access') }
}

export interface CustomerSummaryRow {
  id: number
  payer_id: string
  name: string
  email: string
  currency: string
  exponent: number
  status: 'active' | 'suspended'
  value_balance_minor: number
  cash_access_balance_minor: number
  credit_used_minor: number
  credit_limit_minor: number
  demo: boolean
}

/** One page of customers, searched by name, payer id or email; balances come from the ledger's sums. */
export function listCustomers(
  db: Database,
  query: { search?: string | undefined; page: number; page_size: number },
): { rows: CustomerSummaryRow[]; total: number } {
  const pattern = `%${(query.search ?? '').trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  const where = `WHERE c.name LIKE @pattern ESCAPE '\\' OR c.payer_id LIKE @pattern ESCAPE '\\' OR c.email LIKE @pattern ESCAPE '\\'`
  const { rows, total } = pageOf<SummarySqlRow>(
    db,
    { select: customer_summary_columns, from: `${customer_summary_from} ${where}`, count_from: `FROM customers c ${where}`, order_by: 'c.name COLLATE NOCASE, c.id', params: { pattern } },
    query,
  )
  return { rows: rows.map(summaryOf), total }
}

type SummarySqlRow = Omit<CustomerSummaryRow, 'demo'> & { demo: number }

function summaryOf(row: SummarySqlRow): CustomerSummaryRow {
  return { ...row, demo: row.demo === 1 }
}

/** One customer's summary, by id. */
export function customerSummary(db: Database, id: number): CustomerSummaryRow {
  const row = db.prepare(`SELECT ${customer_summary_columns} ${customer_summary_from} WHERE c.id = ?`).get(id) as SummarySqlRow | undefined
  if (!row) throw new RequestError('not_found', `there is no customer ${id}`)
  return summaryOf(row)
}

/** A customer with the balances of its three accounts, from the ledger's own sums. */
const customer_summary_columns = `c.id, c.payer_id, c.name, c.email, c.currency, cur.exponent, c.status, c.demo,
         v.credits_posted - v.debits_posted AS value_balance_minor,
         x.credits_posted - x.debits_posted AS cash_access_balance_minor,
         k.debits_posted - k.credits_posted AS credit_used_minor,
         k.credit_limit_minor`
const customer_summary_from = `FROM customers c
       JOIN currencies cur ON cur.code = c.currency
       JOIN accounts v ON v.owner_type = 'customer' AND v.owner_id = c.id AND v.kind = 'value'
       JOIN accounts x ON x.owner_type = 'customer' AND x.owner_id = c.id AND x.kind = 'cash_access'
       JOIN accounts k ON k.owner_type = 'customer' AND k.owner_id = c.id AND k.kind = 'credit'`

export function accountView(db: Database, a: AccountRow) {
  const exponent = findCurrency(db, a.currency)?.exponent ?? 2
  return {
    id: a.id,
    number: a.number,
    kind: a.kind,
    currency: a.currency,
    exponent,
    status: a.status,
    balance_minor: postedBalance(a),
    pending_minor: a.debits_pending,
    available_minor: availableMinor(a),
    credit_limit_minor: a.credit_limit_minor,
  }
}

export function customerDetail(db: Database, id: number) {
  const c = customer(db, id)
  const summary = customerSummary(db, id)
  const blocked_merchants = db
    .prepare('SELECT m.id, m.name FROM blocked_merchants b JOIN merchants m ON m.id = b.merchant_id WHERE b.customer_id = ? ORDER BY m.name')
    .all(id) as Array<{ id: number; name: string }>
  return {
    customer: {
      ...summary,
      top_up_increment_minor: c.top_up_increment_minor,
      micropayment_limit_per_purchase_minor: c.micropayment_limit_per_purchase_minor,
      micropayment_limit_per_day_minor: c.micropayment_limit_per_day_minor,
      blocked_merchants,
      created_at: c.created_at,
    },
    accounts: accountsOf(db, 'customer', id).map((a) => accountView(db, a)),
  }
}
