import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

export const master_key_bytes = 32

export function masterKeyFileOf(db_path: string): string {
  return `${db_path}.master-key`
}

/**
 * The host's master key wraps the bank's card keys and every terminal PIN key. It must
 * not live in the database it protects: it comes from CENTAVO_MASTER_KEY (64 hex chars,
 * for a bank that keeps it in a vault), else from a file beside the database that is
 * created, readable by its owner only, the first time. An in-memory database gets a key
 * that lives as long as the process.
 */
export function loadMasterKey(db_path: string): Buffer {
  const configured = process.env.CENTAVO_MASTER_KEY
  if (configured) {
    if (!/^[0-9a-fA-F]{64}$/.test(configured)) throw new Error('CENTAVO_MASTER_KEY must be 64 hex characters (32 bytes)')
    return Buffer.from(configured, 'hex')
  }
  if (db_path === ':memory:') return randomBytes(master_key_bytes)
  const file = masterKeyFileOf(db_path)
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
    if (key.length !== master_key_bytes) throw new Error(`${file} does not hold a ${master_key_bytes}-byte master key`)
    return key
  }
  const key = randomBytes(master_key_bytes)
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  return key
}
