import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { openAccount } from '../ledger/accounts'
import { currency as findCurrency } from '../payments/thresholds'
import { randomToken, sha256Hex } from '../security/secrets'

export interface MerchantRow {
  id: number
  name: string
  category: string
  currency: string
  status: 'active' | 'suspended'
  demo: number
  created_at: string
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
export function createApiKey(db: Database, clock: Clock, merchant_id: number): string {
  merchant(db, merchant_id)
  const key_prefix = `cmk_${randomToken(6)}`
  const api_key = `${key_prefix}_${randomToken(24)}`
  db.prepare('INSERT INTO merchant_api_keys (merchant_id, key_prefix, key_sha256, created_at) VALUES (?, ?, ?, ?)').run(
    merchant_id,
    key_prefix,
    sha256Hex(api_key),
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

export function listMerchants(db: Database) {
  const rows = db
    .prepare(
      `SELECT m.id, m.name, m.category, m.currency, cur.exponent, m.status, m.demo,
         p.credits_posted - p.debits_posted AS payable_balance_minor,
         (SELECT count(*) FROM purchases u WHERE u.merchant_id = m.id AND u.status = 'approved') AS approved_purchases
       FROM merchants m
       JOIN currencies cur ON cur.code = m.currency
       JOIN accounts p ON p.owner_type = 'merchant' AND p.owner_id = m.id AND p.kind = 'merchant_payable'
       ORDER BY m.name COLLATE NOCASE`,
    )
    .all() as Array<{
    id: number
    name: string
    category: string
    currency: string
    exponent: number
    status: 'active' | 'suspended'
    demo: number
    payable_balance_minor: number
    approved_purchases: number
  }>
  return { rows: rows.map((r) => ({ ...r, demo: r.demo === 1 })), total: rows.length }
}
