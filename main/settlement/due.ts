import type { Database } from '../store/database'
import { statement } from '../store/statements'
import { formatMinor } from '../ledger/money'
import { computeBatch } from './compute'
import { findAccount } from '../ledger/accounts'

export interface SettlementDue {
  merchant_id: number
  merchant_name: string
  currency: string
  exponent: number
  /** Posted money on the payable account no batch holds yet (purchases less corrections). */
  unsettled_minor: number
  purchase_count: number
  /** What the batch would pay out if closed now; a close needs this above zero. */
  net_minor: number
  /** The merchant's settlement rule in words. */
  rule: string
  due: boolean
  due_reason: 'rule_amount' | 'rule_days' | null
  /** When the days rule falls due (null without a days rule). */
  due_at: string | null
}

export interface MerchantTermsRow {
  merchant_id: number
  merchant_name: string
  currency: string
  exponent: number
  discount_bps: number
  fee_per_purchase_minor: number
  settle_at_minor: number | null
  settle_every_days: number | null
  created_at: string
  last_closed_at: string | null
}

/** The unbatched posted lines of a merchant's payable account, summed. */
export interface UnsettledSums {
  gross_minor: number
  corrections_minor: number
  purchase_count: number
  correction_count: number
  /** The last transfer among them: names the job's batch request, so a rerun is the same request. */
  last_transfer_id: number | null
}

const day_ms = 86_400_000

// Posted transfers only (single, post_pending): a pending hold is not money yet, and a void
// moves nothing. The settlement transfers themselves are never lines of a later batch.
const unsettled_sql = `
  SELECT coalesce(sum(CASE WHEN t.credit_account_id = @account_id THEN t.amount_minor END), 0) AS gross_minor,
         coalesce(sum(CASE WHEN t.debit_account_id = @account_id THEN t.amount_minor END), 0) AS corrections_minor,
         count(CASE WHEN t.credit_account_id = @account_id THEN 1 END) AS purchase_count,
         count(CASE WHEN t.debit_account_id = @account_id THEN 1 END) AS correction_count,
         max(t.id) AS last_transfer_id
    FROM transfers t
   WHERE (t.credit_account_id = @account_id OR t.debit_account_id = @account_id)
     AND t.id > @after_id
     AND t.phase IN ('single', 'post_pending')
     AND t.code NOT IN ('settlement', 'settlement_discount', 'settlement_fee')
     AND NOT EXISTS (SELECT 1 FROM settlement_batch_lines l WHERE l.transfer_id = t.id)`

const no_sums: UnsettledSums = { gross_minor: 0, corrections_minor: 0, purchase_count: 0, correction_count: 0, last_transfer_id: null }

/**
 * Where the search for unsettled transfers can start: the merchant's last batch took every posted
 * transfer that existed when it closed, and transfers are never deleted, so every later one has a
 * higher id. Without it, the minute's due check would re-read a merchant's whole history.
 */
export function settledThrough(db: Database, merchant_id: number): number {
  const row = statement(
    db,
    'SELECT max(transfer_id) AS id FROM settlement_batch_lines WHERE batch_id = (SELECT max(id) FROM settlement_batches WHERE merchant_id = ?)',
  ).get(merchant_id) as { id: number | null }
  return row.id ?? 0
}

export function unsettledSums(db: Database, merchant_id: number, currency: string): UnsettledSums {
  const account = findAccount(db, 'merchant', merchant_id, 'merchant_payable', currency)
  if (!account) return no_sums
  return statement(db, unsettled_sql).get({ account_id: account.id, after_id: settledThrough(db, merchant_id) }) as UnsettledSums
}

const terms_sql = `
  SELECT m.id AS merchant_id, m.name AS merchant_name, m.currency, c.exponent, m.discount_bps,
         m.fee_per_purchase_minor, m.settle_at_minor, m.settle_every_days, m.created_at,
         (SELECT max(b.closed_at) FROM settlement_batches b WHERE b.merchant_id = m.id) AS last_closed_at
    FROM merchants m JOIN currencies c ON c.code = m.currency`

export function merchantTerms(db: Database, merchant_id: number): MerchantTermsRow | undefined {
  return statement(db, `${terms_sql} WHERE m.id = ?`).get(merchant_id) as MerchantTermsRow | undefined
}

/** The settlement rule in the bank's words, e.g. "At USD 500.00 or every 7 days, whichever comes first". */
export function ruleInWords(t: Pick<MerchantTermsRow, 'currency' | 'exponent' | 'settle_at_minor' | 'settle_every_days'>): string {
  const amount = t.settle_at_minor !== null ? `at ${t.currency} ${formatMinor(t.settle_at_minor, t.exponent)}` : null
  const days = t.settle_every_days !== null ? `every ${t.settle_every_days} day${t.settle_every_days === 1 ? '' : 's'}` : null
  const words = amount && days ? `${amount} or ${days}, whichever comes first` : (amount ?? days)
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'No rule: closed by hand only'
}

/** One merchant's standing against its rule, at `now`. */
export function dueFor(db: Database, t: MerchantTermsRow, now: Date): SettlementDue {
  const sums = unsettledSums(db, t.merchant_id, t.currency)
  const unsettled_minor = sums.gross_minor - sums.corrections_minor
  const { net_minor } = computeBatch(sums, t)
  const due_at =
    t.settle_every_days !== null
      ? new Date(Date.parse(t.last_closed_at ?? t.created_at) + t.settle_every_days * day_ms).toISOString()
      : null
  // Nothing is due while closing would pay nothing out: it all carries forward.
  const payable = net_minor > 0
  const by_amount = payable && t.settle_at_minor !== null && unsettled_minor >= t.settle_at_minor
  const by_days = payable && due_at !== null && now.getTime() >= Date.parse(due_at)
  const due_reason = by_amount ? 'rule_amount' : by_days ? 'rule_days' : null
  return {
    merchant_id: t.merchant_id,
    merchant_name: t.merchant_name,
    currency: t.currency,
    exponent: t.exponent,
    unsettled_minor,
    purchase_count: sums.purchase_count,
    net_minor,
    rule: ruleInWords(t),
    due: due_reason !== null,
    due_reason,
    due_at,
  }
}

/**
 * Every merchant's standing against its settlement rule: due when the unsettled payable reached
 * the merchant's amount, or its days have passed since the last batch (or since onboarding),
 * and closing would pay something out. Due merchants first, then by name.
 */
export function settlementDue(db: Database, now: Date): SettlementDue[] {
  const terms = statement(db, `${terms_sql} ORDER BY m.name, m.id`).all() as MerchantTermsRow[]
  const rows = terms.map((t) => dueFor(db, t, now))
  return [...rows.filter((r) => r.due), ...rows.filter((r) => !r.due)]
}
