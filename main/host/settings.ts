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

/**
 * The refund approval threshold of a currency, in minor units: a dispute resolved by
 * reversal for more than this waits for a second person's approval (maker-checker).
 * Unset, it is 100 major units of the currency.
 */
export function refundThreshold(db: Database, currency: string): number {
  const stored = setting(db, `refund_threshold_minor:${currency}`)
  if (stored !== undefined) return Number(stored)
  const row = db.prepare('SELECT exponent FROM currencies WHERE code = ?').get(currency) as { exponent: number } | undefined
  return 100 * 10 ** (row?.exponent ?? 2)
}

export function setRefundThreshold(db: Database, currency: string, threshold_minor: number): void {
  if (!Number.isSafeInteger(threshold_minor) || threshold_minor < 0) throw new RangeError('a refund threshold is a whole number of minor units, 0 or more')
  setSetting(db, `refund_threshold_minor:${currency}`, String(threshold_minor))
}

/** Days from a bill's closing to its due date (setting billing_due_days, default 21). */
export function billDueDays(db: Database): number {
  const days = Number(setting(db, 'billing_due_days') ?? '21')
  return Number.isSafeInteger(days) && days >= 0 ? days : 21
}

/** Days after the due date before an unpaid bill makes the customer not billable (billing_grace_days, default 10). */
export function billGraceDays(db: Database): number {
  const days = Number(setting(db, 'billing_grace_days') ?? '10')
  return Number.isSafeInteger(days) && days >= 0 ? days : 10
}
