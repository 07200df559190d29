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
  const load = (name: 'cvk' | 'pvk'): Buffer => {
    const row = db.prepare('SELECT wrapped FROM bank_keys WHERE name = ?').get(name) as { wrapped: string } | undefined
    if (row) return unwrapKey(row.wrapped, master_key)
    const key = generateDoubleLengthKey()
    db.prepare('INSERT INTO bank_keys (name, wrapped, kcv, created_at) VALUES (?, ?, ?, ?)').run(name, wrapKey(key, master_key), keyCheckValue(key), now_iso)
    return key
  }
  return { cvk: load('cvk'), pvk: load('pvk') }
}

export function bankKeyCheckValues(db: Database): Array<{ name: string; kcv: string; created_at: string }> {
  return db.prepare('SELECT name, kcv, created_at FROM bank_keys ORDER BY name').all() as Array<{ name: string; kcv: string; created_at: string }>
}
