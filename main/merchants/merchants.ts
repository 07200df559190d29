import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { openAccount } from '../ledger/accounts'
import { currency as findCurrency } from '../payments/thresholds'
import { randomBytes } from 'node:crypto'
import { randomToken, sha256Hex } from '../security/secrets'
import { settlementRuleInWords, termsInWords } from './rules'

export interface MerchantRow {
  id: number
  name: string
  category: string
  currency: string
  status: 'active' | 'suspended'
  demo: number
  created_at: string
  contact_name: string
  contact_email: string
  contact_phone: string
  settlement_iban: string | null
  settlement_bic: string | null
  settlement_account_number: string | null
  discount_bps: number
  fee_per_purchase_minor: number
  settle_at_minor: number | null
  settle_every_days: number | null
  merchant_code: string | null
}

export interface NewMerchant {
  name: string
  category: string
  currency: string
  demo?: boolean
}

/** Onboards a merchant with its payable account: what the SP owes it until settlement. */
export function createMerchant(db: Database, clock: Clock, input: NewMerchant): MerchantRow {
  if (!findCurrency(db, input.currency)) throw new RequestError('bad_request', `unknown currency ${input.currency}`)
  const now_iso = clock.now().toISOString()
  return db.transaction(() => {
    const row = db
      .prepare('INSERT INTO merchants (name, category, currency, demo, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *')
      .get(input.name, input.category, input.currency, input.demo ? 1 : 0, now_iso) as MerchantRow
    openAccount(db, { kind: 'merchant_payable', owner_type: 'merchant', owner_id: row.id, currency: input.currency }, now_iso)
    return row
  })()
}

export function merchant(db: Database, id: number): MerchantRow {
  const row = db.prepare('SELECT * FROM merchants WHERE id = ?').get(id) as MerchantRow | undefined
  if (!row) throw new RequestError('not_found', `there is no merchant ${id}`)
  return row
}

/**
 * Creates an API key for a merchant. The key is returned once and only its SHA-256 is
 * kept: it is a long random secret, so a fast hash is enough (unlike a password).
 */
export function createApiKey(db: Database, clock: Clock, merchant_id: number, label = ''): string {
  merchant(db, merchant_id)
  // Hex, not base64url: the prefix is what clerks read and compare, and base64url's '_' would
  // blur where the prefix ends and the secret begins.
  const key_prefix = `cmk_${randomBytes(5).toString('hex')}`
  const api_key = `${key_prefix}_${randomToken(24)}`
  db.prepare('INSERT INTO merchant_api_keys (merchant_id, key_prefix, key_sha256, label, created_at) VALUES (?, ?, ?, ?, ?)').run(
    merchant_id,
    key_prefix,
    sha256Hex(api_key),
    label,
    clock.now().toISOString(),
  )
  return api_key
}

/** The active merchant an API key belongs to, or undefined for an unknown or revoked key. */
export function merchantByApiKey(db: Database, api_key: string): MerchantRow | undefined {
  return db
    .prepare(
      `SELECT m.* FROM merchant_api_keys k JOIN merchants m ON m.id = k.merchant_id
       WHERE k.key_sha256 = ? AND k.revoked_at IS NULL`,
    )
    .get(sha256Hex(api_key)) as MerchantRow | undefined
}

/**
 * Approved purchases of a merchant: online purchases (purchases table) and card payments at
 * a POS (pos_purchase transfers into its payable account that were not reversed). Holds
 * (0100) count once posted. `from` is inclusive, an ISO instant.
 */
const volume_sql = `SELECT
   (SELECT count(*) FROM purchases u WHERE u.merchant_id = @merchant_id AND u.status = 'approved' AND u.created_at >= @from)
   + (SELECT count(*) FROM transfers t WHERE t.credit_account_id = @payable_id AND t.code = 'pos_purchase' AND t.phase IN ('single', 'post_pending')
        AND t.created_at >= @from AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id)) AS purchases,
   (SELECT ifnull(sum(u.amount_minor), 0) FROM purchases u WHERE u.merchant_id = @merchant_id AND u.status = 'approved' AND u.created_at >= @from)
   + (SELECT ifnull(sum(t.amount_minor), 0) FROM transfers t WHERE t.credit_account_id = @payable_id AND t.code = 'pos_purchase' AND t.phase IN ('single', 'post_pending')
        AND t.created_at >= @from AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id)) AS amount_minor`

export interface MerchantVolume {
  purchases: number
  amount_minor: number
}

export function merchantVolume(db: Database, merchant_id: number, payable_id: number, from_iso: string): MerchantVolume {
  return db.prepare(volume_sql).get({ merchant_id, payable_id, from: from_iso }) as MerchantVolume
}

const summary_select = `SELECT m.*, cur.exponent, p.id AS payable_account_id,
     p.credits_posted - p.debits_posted AS payable_balance_minor,
     (SELECT count(*) FROM purchases u WHERE u.merchant_id = m.id AND u.status = 'approved')
     + (SELECT count(*) FROM transfers t WHERE t.credit_account_id = p.id AND t.code = 'pos_purchase' AND t.phase IN ('single', 'post_pending')
          AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.reverses_id = t.id)) AS approved_purchases
   FROM merchants m
   JOIN currencies cur ON cur.code = m.currency
   JOIN accounts p ON p.owner_type = 'merchant' AND p.owner_id = m.id AND p.kind = 'merchant_payable' AND p.currency = m.currency`

type SummaryRow = MerchantRow & { exponent: number; payable_account_id: number; payable_balance_minor: number; approved_purchases: number }

function summaryOf(r: SummaryRow) {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    currency: r.currency,
    exponent: r.exponent,
    status: r.status,
    merchant_code: r.merchant_code,
    payable_balance_minor: r.payable_balance_minor,
    approved_purchases: r.approved_purchases,
    discount_bps: r.discount_bps,
    fee_per_purchase_minor: r.fee_per_purchase_minor,
    settle_at_minor: r.settle_at_minor,
    settle_every_days: r.settle_every_days,
    settlement_rule: settlementRuleInWords(r, r.currency, r.exponent),
    demo: r.demo === 1,
  }
}

export function listMerchants(db: Database, filter: { search?: string; status?: 'active' | 'suspended' } = {}) {
  const search = filter.search?.trim() ?? ''
  const rows = db
    .prepare(
      `${summary_select}
       WHERE (@search = '' OR m.name LIKE @like ESCAPE '\\' OR m.merchant_code LIKE @like ESCAPE '\\' OR m.category LIKE @like ESCAPE '\\')
         AND (@status IS NULL OR m.status = @status)
       ORDER BY m.name COLLATE NOCASE`,
    )
    .all({ search, like: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, status: filter.status ?? null }) as SummaryRow[]
  return { rows: rows.map(summaryOf), total: rows.length }
}

/** Everything the merchant page shows: profile, terms, payable, and volume today, this month, all time (UTC). */
export function merchantDetail(db: Database, merchant_id: number, now: Date) {
  const r = db.prepare(`${summary_select} WHERE m.id = ?`).get(merchant_id) as SummaryRow | undefined
  if (!r) throw new RequestError('not_found', `There is no merchant ${merchant_id}.`)
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString()
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString()
  return {
    ...summaryOf(r),
    contact_name: r.contact_name,
    contact_email: r.contact_email,
    contact_phone: r.contact_phone,
    settlement_iban: r.settlement_iban,
    settlement_bic: r.settlement_bic,
    settlement_account_number: r.settlement_account_number,
    terms_in_words: termsInWords(r, r.currency, r.exponent),
    payable_account_id: r.payable_account_id,
    volume: {
      today: merchantVolume(db, r.id, r.payable_account_id, day),
      this_month: merchantVolume(db, r.id, r.payable_account_id, month),
      all_time: merchantVolume(db, r.id, r.payable_account_id, ''),
    },
    created_at: r.created_at,
  }
}
