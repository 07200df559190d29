import type { Database } from '../store/database'
import { randomToken } from '../security/secrets'

/** Reads a host setting, creating it with `initial()` the first time. */
export function settingOrCreate(db: Database, key: string, initial: () => string): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
  if (row) return row.value
  const value = initial()
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value)
  return value
}

export function setting(db: Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value
}

export function setSetting(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
}

/** The host's own secret: keys payer pseudonyms. Made once per database, never shown. */
export function hostSecret(db: Database): string {
  return settingOrCreate(db, 'host_secret', () => randomToken(32))
}

export interface BankIdentity {
  name: string
  demo: boolean
}

export function bankIdentity(db: Database): BankIdentity {
  return { name: setting(db, 'bank_name') ?? 'Centavo Bank', demo: setting(db, 'demo_bank') === '1' }
}
