import { statement } from '../store/statements'
import type { Database } from '../store/database'
import { generateDoubleLengthKey, keyCheckValue, unwrapKey, wrapKey } from './crypto/keys'

export interface BankKeys {
  /** Card verification key pair (CVK A || CVK B). */
  cvk: Buffer
  /** PIN verification key. */
  pvk: Buffer
}

/**
 * The bank's card keys, made on first use and stored wrapped under the master key. A
 * database opened with another master key fails here, loudly, before any card is read.
 */
export function bankKeys(db: Database, master_key: Buffer, now_iso: string): BankKeys {
  const cached = unwrapped.get(db)
  if (cached) return cached
  const cvk = loadOrCreate(db, master_key, now_iso, 'cvk')
  const pvk = loadOrCreate(db, master_key, now_iso, 'pvk')
  const keys = { cvk: cvk.key, pvk: pvk.key }
  // The keys never change once stored, so each database unwraps them once per process. Keys
  // made just now are not cached: the transaction that made them may still roll back.
  if (!cvk.created && !pvk.created) unwrapped.set(db, keys)
  return keys
}

const unwrapped = new WeakMap<Database, BankKeys>()

function loadOrCreate(db: Database, master_key: Buffer, now_iso: string, name: 'cvk' | 'pvk'): { key: Buffer; created: boolean } {
  const row = statement(db, 'SELECT wrapped FROM bank_keys WHERE name = ?').get(name) as { wrapped: string } | undefined
  if (row) return { key: unwrapKey(row.wrapped, master_key), created: false }
  const key = generateDoubleLengthKey()
  statement(db, 'INSERT INTO bank_keys (name, wrapped, kcv, created_at) VALUES (?, ?, ?, ?)').run(name, wrapKey(key, master_key), keyCheckValue(key), now_iso)
  return { key, created: true }
}

export function bankKeyCheckValues(db: Database): Array<{ name: string; kcv: string; created_at: string }> {
  return statement(db, 'SELECT name, kcv, created_at FROM bank_keys ORDER BY name').all() as Array<{ name: string; kcv: string; created_at: string }>
}
